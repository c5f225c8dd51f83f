import { Inject, Injectable, Logger } from '@nestjs/common';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { LanguageDef, LANGUAGES } from '@bastion/contracts';
import type { SubmissionEntity } from '@bastion/db';
import { analyze, bannedApiFindings, dedupe, Finding, parseSanitizer, SecurityPolicy } from '@bastion/security';
import { Sandbox } from '@bastion/sandbox';
import { PoolService } from '../sandbox/pool.service';
import { compileCommand } from './compile';

export interface SecurityInput {
  name: string;
  input: Buffer;
}

/** At most this many inputs are replayed under the sanitizers (attack tests first). */
export const SANITIZED_RUNS = 20;
/**
 * LeakSanitizer's exit-time scan about doubles a replay's cost (~7 ms of ~14 ms for a small
 * program), and a leak shows on nearly every input: it runs on the first replays only (attack tests first).
 */
export const LEAK_CHECKED_RUNS = 3;
const sanitizerEnv = (leaks: boolean) => [
  `ASAN_OPTIONS=detect_leaks=${leaks ? 1 : 0}:exitcode=86:abort_on_error=0:allocator_may_return_null=1`,
  'UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86',
];

/**
 * Where each part of a submission's security checks runs. The ASan/UBSan rebuild and replay of
 * C/C++ is the long part: then the static analyzers run in the functional sandbox (after compiling,
 * before any submitted code runs there), in parallel with the sanitizers instead of before them.
 * Otherwise they run in the security sandbox, in parallel with the tests.
 */
export interface SecurityPlan {
  /** Static analyzers in the functional sandbox (analyzeStatic), not in the security sandbox. */
  staticInFunctionalBox: boolean;
  /** Whether check() needs a sandbox of its own at all. */
  ownBox: boolean;
  static: boolean;
  dynamic: boolean;
}

export function securityPlan(language: LanguageDef['id'], policy: SecurityPolicy): SecurityPlan {
  const dynamic = policy.sanitizers && (language === 'c' || language === 'cpp');
  const staticInFunctionalBox = policy.static && dynamic;
  return {
    static: policy.static,
    dynamic,
    staticInFunctionalBox,
    ownBox: dynamic || (policy.static && !staticInFunctionalBox),
  };
}

/**
 * The security half of judging: static analyzers, the problem's banned APIs, and for C/C++ a
 * rebuild with AddressSanitizer + UndefinedBehaviorSanitizer replayed over the tests and the attack
 * tests. (The functional build of C/C++ is the hardened one: the judge reads its aborts.)
 */
@Injectable()
export class SecurityCheckService {
  private readonly log = new Logger(SecurityCheckService.name);

  constructor(
    private readonly pool: PoolService,
    @Inject(BASTION_CONFIG) private readonly config: BastionConfig,
  ) {}

  /**
   * The findings of everything the plan does not put in the functional sandbox, from a sandbox of
   * its own; null when the analysis itself could not run (the judge's problem; logged).
   */
  async check(
    sub: SubmissionEntity,
    policy: SecurityPolicy,
    plan: SecurityPlan,
    tests: SecurityInput[],
  ): Promise<Finding[] | null> {
    const lang = LANGUAGES[sub.language];
    const banned = bannedApiFindings(sub.source, lang.sourceFile, policy.bannedApis);
    if (!plan.ownBox) return banned;
    let box: Sandbox | undefined;
    try {
      box = await this.pool.acquire(lang.image);

      await box.writeFile(lang.sourceFile, sub.source);
      const found = plan.static && !plan.staticInFunctionalBox ? await this.analyzeStatic(box, sub) : [];
      const sanitized = plan.dynamic ? await this.sanitize(box, lang, tests) : [];
      return [...dedupe([...found, ...banned]), ...sanitized];
    } catch (err) {
      this.log.error(`submission ${sub.id}: security analysis failed: ${(err as Error).message}`);
      return null;
    } finally {
      if (box) this.pool.release(box);
    }
  }

  /**
   * The language's static analyzers over the source already written in `box`. Only ever called
   * before submitted code ran in that sandbox: a program could rewrite its own source or plant an
   * analyzer configuration there.
   */
  analyzeStatic(box: Sandbox, sub: SubmissionEntity): Promise<Finding[]> {
    const lang = LANGUAGES[sub.language];
    return analyze(box, lang.id, lang.sourceFile, { log: (m) => this.log.warn(`submission ${sub.id}: ${m}`) });
  }

  /** Rebuilds with ASan+UBSan and replays inputs; one finding per weakness and line. */
  private async sanitize(box: Sandbox, lang: LanguageDef, tests: SecurityInput[]): Promise<Finding[]> {
    const compiler = lang.id === 'c' ? ['gcc', '-std=gnu17'] : ['g++', '-std=c++17'];
    // -fuse-ld=gold links against libasan in about half the time of the default linker. (Linking
    // libasan statically would start each replay quicker, but LeakSanitizer then missed a plain leak.)
    const flags = [
      '-g',
      '-O1',
      '-fsanitize=address,undefined',
      '-fno-sanitize-recover=all',
      '-fno-omit-frame-pointer',
      '-fuse-ld=gold',
    ];
    const built = await compileCommand(
      box,
      [...compiler, ...flags, '-o', 'main.san', lang.sourceFile, '-lm'],
      this.config,
    );
    if (!built.ok) return []; // the functional build reports the compile error
    const ordered = [
      ...tests.filter((t) => t.name.startsWith('attack/')),
      ...tests.filter((t) => !t.name.startsWith('attack/')),
    ];
    const seen = new Set<string>();
    const findings: Finding[] = [];
    for (const [i, t] of ordered.slice(0, SANITIZED_RUNS).entries()) {
      const r = await box.run(['env', ...sanitizerEnv(i < LEAK_CHECKED_RUNS), './main.san'], t.input, {
        cpuMs: 10_000,
        wallMs: 20_000,
        outputBytes: 1024 * 1024,
        memoryKb: 0,
      });
      for (const f of parseSanitizer(r.stderr.toString('utf8'), lang.sourceFile, t.name)) {
        const key = `${f.cwe}:${f.line}`;
        if (!seen.has(key)) findings.push(f);
        seen.add(key);
      }
    }
    return findings;
  }
}
