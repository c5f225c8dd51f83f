import { isAccepted } from '@bastion/security';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Repository } from 'typeorm';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { signWebhook, SIGNATURE_HEADER } from '@bastion/contracts';
import { ProblemEntity, SubmissionEntity, TestResultEntity, WebhookDeliveryEntity } from '@bastion/db';

const TIMEOUT_MS = 10_000;

/** Loopback, private, link-local and unique-local addresses: not for callbacks unless allowed. */
export function isPrivateAddress(ip: string): boolean {
  if (isIP(ip) === 6) {
    const v = ip.toLowerCase();
    if (v.startsWith('::ffff:')) return isPrivateAddress(v.slice(7));
    return v === '::1' || v === '::' || v.startsWith('fc') || v.startsWith('fd') || v.startsWith('fe80');
  }
  const [a, b] = ip.split('.').map(Number);
  return (
    a === 10 ||
    a === 127 ||
    a === 0 ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 169 && b === 254) ||
    (a === 100 && b >= 64 && b <= 127)
  );
}

/** A delivery that did not reach a 2xx: thrown so the queue retries it with backoff. */
export class DeliveryFailed extends Error {}

/** Delivers a finished submission's result to its callback URL, signed with HMAC-SHA256. */
@Injectable()
export class WebhookService {
  private readonly log = new Logger(WebhookService.name);

  constructor(
    @Inject(BASTION_CONFIG) private readonly config: BastionConfig,
    @InjectRepository(SubmissionEntity) private readonly submissions: Repository<SubmissionEntity>,
    @InjectRepository(ProblemEntity) private readonly problems: Repository<ProblemEntity>,
    @InjectRepository(TestResultEntity) private readonly results: Repository<TestResultEntity>,
    @InjectRepository(WebhookDeliveryEntity) private readonly deliveries: Repository<WebhookDeliveryEntity>,
  ) {}

  async deliver(submissionId: string, attempt: number): Promise<void> {
    const sub = await this.submissions.findOneBy({ id: submissionId });
    if (!sub?.callbackUrl) return;
    const body = JSON.stringify(await this.payload(sub));
    const started = Date.now();
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      await this.assertAllowed(sub.callbackUrl);
      const res = await fetch(sub.callbackUrl, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Bastion-Webhook/1',
          'x-bastion-event': 'submission.finished',
          'x-bastion-delivery': `${sub.id}/${attempt}`,
          [SIGNATURE_HEADER]: signWebhook(this.config.webhooks.secret, body, Math.floor(Date.now() / 1000)),
        },
        body,
      });
      statusCode = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (res.status < 200 || res.status >= 300) error = `answered HTTP ${res.status}`;
    } catch (e) {
      error = (e as Error).message;
    }
    await this.deliveries.insert({
      submissionId,
      url: sub.callbackUrl,
      attempt,
      statusCode,
      error,
      durationMs: Date.now() - started,
    });
    if (error) {
      this.log.warn(`webhook for ${submissionId} attempt ${attempt}: ${error}`);
      throw new DeliveryFailed(error);
    }
  }

  /** Refuses schemes other than http(s) and, unless allowed, addresses inside private networks (SSRF). */
  private async assertAllowed(url: string): Promise<void> {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error(`scheme ${u.protocol} is not allowed`);
    if (this.config.webhooks.allowPrivate) return;
    const host = u.hostname.replace(/^\[|\]$/g, '');
    const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
    if (addresses.some(isPrivateAddress))
      throw new Error(`${host} is a private address (BASTION_WEBHOOK_ALLOW_PRIVATE)`);
  }

  private async payload(sub: SubmissionEntity) {
    const [problem, tests] = await Promise.all([
      this.problems.findOneBy({ id: sub.problemId }),
      this.results.find({ where: { submissionId: sub.id }, order: { ordinal: 'ASC' } }),
    ]);
    return {
      event: 'submission.finished',
      submission: {
        id: sub.id,
        problem: problem?.slug ?? null,
        userId: sub.userId,
        language: sub.language,
        status: sub.status,
        verdict: sub.verdict,
        score: sub.score,
        maxScore: sub.maxScore,
        accepted: isAccepted(sub.verdict, sub.security),
        security: sub.security && {
          verdict: sub.security.verdict,
          score: sub.security.score,
          maxScore: sub.security.maxScore,
          findings: sub.security.findings.length,
        },
        tests: tests.map((t) => ({
          name: t.name,
          kind: t.kind,
          verdict: t.verdict,
          timeMs: t.timeMs,
          memoryKb: t.memoryKb,
        })),
        finishedAt: sub.finishedAt,
      },
    };
  }
}
