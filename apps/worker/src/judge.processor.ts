import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnModuleInit } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import {
  deliverWebhookPayload,
  JOB_NAMES,
  JOB_PAYLOADS,
  JobName,
  JUDGE_QUEUE,
  judgeSubmissionPayload,
  runCodePayload,
  verifyProblemPayload,
} from '@bastion/contracts';
import { JudgeService } from './judging/judge.service';
import { VerifyService } from './judging/verify.service';
import { RunService } from './runs/run.service';
import { WebhookService } from './webhooks/webhook.service';

/** The one handler of the judge queue; each job name has exactly one branch. */
@Processor(JUDGE_QUEUE)
export class JudgeProcessor extends WorkerHost implements OnModuleInit {
  private readonly log = new Logger(JudgeProcessor.name);

  constructor(
    @Inject(BASTION_CONFIG) private readonly config: BastionConfig,
    private readonly judge: JudgeService,
    private readonly runs: RunService,
    private readonly webhooks: WebhookService,
    private readonly verifier: VerifyService,
  ) {
    super();
  }

  onModuleInit(): void {
    const names = Object.values(JOB_NAMES);
    const missing = names.filter((n) => !(n in JOB_PAYLOADS));
    if (missing.length) throw new Error(`no payload schema for job(s) ${missing.join(', ')}`);
    this.worker.concurrency = this.config.worker.concurrency;
  }

  async process(job: Job): Promise<void> {
    const name = job.name as JobName;
    switch (name) {
      case JOB_NAMES.judgeSubmission: {
        const { submissionId } = this.parse(judgeSubmissionPayload, job);
        return this.guard(
          job,
          submissionId,
          () => this.judge.judge(submissionId),
          (e) => this.judge.markInternalError(submissionId, e),
        );
      }
      case JOB_NAMES.runCode: {
        const { runId } = this.parse(runCodePayload, job);
        return this.guard(
          job,
          runId,
          () => this.runs.execute(runId),
          () => this.runs.markInternalError(runId),
        );
      }
      case JOB_NAMES.deliverWebhook: {
        const { submissionId } = this.parse(deliverWebhookPayload, job);
        // Failures throw and the queue retries with exponential backoff; each attempt is recorded.
        return this.webhooks.deliver(submissionId, job.attemptsMade + 1);
      }
      case JOB_NAMES.verifyProblem: {
        const { problemId, userId } = this.parse(verifyProblemPayload, job);
        return this.guard(
          job,
          problemId,
          () => this.verifier.verify(problemId, userId),
          (e) => this.verifier.markFailed(problemId, e),
        );
      }
      default: {
        const never: never = name;
        throw new UnrecoverableError(`unknown job name ${String(never)}`);
      }
    }
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.log.warn(`queue connection: ${err.message}`);
  }

  private parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, job: Job): T {
    const parsed = schema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`job ${job.id} (${job.name}) has an invalid payload`);
    return parsed.data;
  }

  /** Retries a failure of the judge a bounded number of times, then records IE instead of failing the job. */
  private async guard(job: Job, id: string, work: () => Promise<void>, giveUp: (e: Error) => Promise<void>) {
    try {
      await work();
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      this.log.error(`${job.name} ${id} attempt ${job.attemptsMade + 1} failed: ${err.message}`, err.stack);
      if (!final) throw err;
      await giveUp(err);
    }
  }
}
