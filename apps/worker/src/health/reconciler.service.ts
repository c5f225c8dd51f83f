import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { In, LessThan, Repository } from 'typeorm';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { JOB_NAMES, jobOptions, JUDGE_QUEUE, verifyJobId } from '@bastion/contracts';
import { ProblemEntity, SubmissionEntity } from '@bastion/db';

/**
 * PostgreSQL is the truth: a submission that sits unfinished longer than the bound and has no live
 * job (Redis flushed, enqueue failed, job lost) is enqueued again under the same job id.
 */
@Injectable()
export class ReconcilerService implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger(ReconcilerService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(BASTION_CONFIG) private readonly config: BastionConfig,
    @InjectRepository(SubmissionEntity) private readonly submissions: Repository<SubmissionEntity>,
    @InjectRepository(ProblemEntity) private readonly problems: Repository<ProblemEntity>,
    @InjectQueue(JUDGE_QUEUE) private readonly queue: Queue,
  ) {}

  onModuleInit(): void {
    const every = Math.max(2000, Math.min(30_000, this.config.worker.reconcileAfterMs / 2));
    this.timer = setInterval(() => void this.reconcile().catch((e: Error) => this.log.warn(e.message)), every);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async reconcile(): Promise<number> {
    const stale = await this.submissions.find({
      select: { id: true },
      where: {
        status: In(['queued', 'compiling', 'analyzing', 'running']),
        updatedAt: LessThan(new Date(Date.now() - this.config.worker.reconcileAfterMs)),
      },
      take: 500,
    });
    let requeued = 0;
    for (const { id } of stale) {
      const job = await this.queue.getJob(id);
      const state = job ? await job.getState() : 'missing';
      if (state === 'waiting' || state === 'active' || state === 'delayed' || state === 'prioritized') continue;
      if (job) await job.remove().catch(() => undefined);
      await this.queue.add(
        JOB_NAMES.judgeSubmission,
        { submissionId: id },
        jobOptions(id, this.config.worker.jobAttempts),
      );
      await this.submissions.update({ id }, { updatedAt: new Date() });
      requeued++;
    }
    if (requeued) this.log.warn(`re-enqueued ${requeued} stale submission(s)`);
    return requeued + (await this.reconcileVerifications());
  }

  /** A verification still `running` whose job is gone (Redis flushed, enqueue failed) is enqueued again. */
  private async reconcileVerifications(): Promise<number> {
    const running: { id: string; requested_by: string }[] = await this.problems.query(
      `SELECT id, verification->>'requestedBy' AS requested_by FROM problems
        WHERE verification->>'status' = 'running' AND (verification->>'startedAt')::timestamptz < $1 LIMIT 100`,
      [new Date(Date.now() - this.config.worker.reconcileAfterMs)],
    );
    let requeued = 0;
    for (const p of running) {
      const jobId = verifyJobId(p.id);
      const job = await this.queue.getJob(jobId);
      const state = job ? await job.getState() : 'missing';
      if (state === 'waiting' || state === 'active' || state === 'delayed' || state === 'prioritized') continue;
      if (job) await job.remove().catch(() => undefined);
      await this.queue.add(JOB_NAMES.verifyProblem, { problemId: p.id, userId: p.requested_by }, jobOptions(jobId, 2));
      requeued++;
    }
    if (requeued) this.log.warn(`re-enqueued ${requeued} stale verification(s)`);
    return requeued;
  }
}
