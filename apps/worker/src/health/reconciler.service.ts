import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { In, LessThan, Repository } from 'typeorm';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { IN_PROGRESS, JOB_NAMES, jobOptions, JUDGE_QUEUE, verifyJobId } from '@bastion/contracts';
import { ProblemEntity, SubmissionEntity } from '@bastion/db';

/**
 * PostgreSQL is the truth: an unfinished submission with no live job (Redis flushed or restarted
 * empty, enqueue failed, its worker killed) is enqueued again under the same job id once it has
 * been quiet for BASTION_RECONCILE_AFTER_S: queued that long, or in progress with no lease renewal
 * (a judging worker renews every JUDGING_LEASE_RENEW_MS) for that long. A duplicate job finds the
 * submission done and drops itself, so each submission is judged once.
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
    // A sweep every third of the bound: a lost submission is taken back within 4/3 of it.
    const every = Math.max(1000, Math.min(30_000, this.config.worker.reconcileAfterMs / 3));
    this.timer = setInterval(() => void this.reconcile().catch((e: Error) => this.log.warn(e.message)), every);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async reconcile(): Promise<number> {
    const stale = await this.submissions.find({
      select: { id: true },
      where: {
        status: In(['queued', ...IN_PROGRESS]),
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
