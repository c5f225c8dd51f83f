import { Injectable, Logger } from '@nestjs/common';
import { LANGUAGES } from '@bastion/contracts';
import type { SubmissionEntity } from '@bastion/db';
import { analyze, bannedApiFindings, Finding, SecurityPolicy } from '@bastion/security';
import { PoolService } from '../sandbox/pool.service';

/** The security half of judging: static analyzers in a sandbox of their own, plus the problem's banned APIs. */
@Injectable()
export class SecurityCheckService {
  private readonly log = new Logger(SecurityCheckService.name);

  constructor(private readonly pool: PoolService) {}

  /** Static findings, or null when the analysis itself could not run (the judge's problem; logged). */
  async check(sub: SubmissionEntity, policy: SecurityPolicy): Promise<Finding[] | null> {
    const lang = LANGUAGES[sub.language];
    const banned = bannedApiFindings(sub.source, lang.sourceFile, policy.bannedApis);
    if (!policy.static) return banned;
    let box;
    try {
      box = await this.pool.acquire(lang.image);
      await box.writeFile(lang.sourceFile, sub.source);
      const found = await analyze(box, lang.id, lang.sourceFile, {
        log: (m) => this.log.warn(`submission ${sub.id}: ${m}`),
      });
      return [...found, ...banned];
    } catch (err) {
      this.log.error(`submission ${sub.id}: static analysis failed: ${(err as Error).message}`);
      return null;
    } finally {
      if (box) this.pool.release(box);
    }
  }
}
