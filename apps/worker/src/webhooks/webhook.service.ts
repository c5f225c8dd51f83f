import { isAccepted } from '@bastion/security';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { signWebhook, SIGNATURE_HEADER } from '@bastion/contracts';
import { ProblemEntity, SubmissionEntity, TestResultEntity, WebhookDeliveryEntity } from '@bastion/db';
import { OutboundFailed, OutboundRefused, postJson } from '@bastion/outbound';

const TIMEOUT_MS = 10_000;
/** Failed attempts record their duration to this grain only: timings must not tell a closed port from a slow one. */
const FAILURE_GRAIN_MS = 100;

/**
 * What the delivery log (readable by the submitter) says about a failure: coarse on purpose, with no
 * addresses, ports or errno text, so the log is no port scanner. The full error goes to the worker's log.
 */
export function deliveryError(e: unknown): string {
  if (e instanceof OutboundRefused) {
    if (e.kind === 'not-public') return 'refused: the address is not public';
    if (e.kind === 'unresolvable') return 'could not resolve the host';
    return 'refused: the URL is not allowed';
  }
  if (e instanceof OutboundFailed) {
    switch (e.kind) {
      case 'timeout':
        return 'timed out';
      case 'tls':
        return 'TLS failed';
      case 'protocol':
        return 'no valid HTTP answer';
      case 'connect':
        return 'could not connect';
    }
  }
  return 'could not deliver';
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
    let detail = '';
    try {
      const res = await postJson(
        sub.callbackUrl,
        body,
        {
          'user-agent': 'Bastion-Webhook/1',
          'x-bastion-event': 'submission.finished',
          'x-bastion-delivery': `${sub.id}/${attempt}`,
          [SIGNATURE_HEADER]: signWebhook(this.config.webhooks.secret, body, Math.floor(Date.now() / 1000)),
        },
        { allowPrivate: this.config.webhooks.allowPrivate, timeoutMs: TIMEOUT_MS },
      );
      statusCode = res.statusCode;
      if (statusCode < 200 || statusCode >= 300) error = `answered HTTP ${statusCode}`;
    } catch (e) {
      error = deliveryError(e);
      // The operator's log gets the whole story; the stored error stays coarse.
      const { message, cause } = e as { message?: string; cause?: { message?: string } };
      detail = ` (${message}${cause?.message ? `: ${cause.message}` : ''})`;
    }
    const elapsed = Date.now() - started;
    await this.deliveries.insert({
      submissionId,
      url: sub.callbackUrl,
      attempt,
      statusCode,
      error,
      durationMs: error ? Math.round(elapsed / FAILURE_GRAIN_MS) * FAILURE_GRAIN_MS : elapsed,
    });
    if (error) {
      this.log.warn(`webhook for ${submissionId} attempt ${attempt}: ${error}${detail}`);
      throw new DeliveryFailed(error);
    }
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
