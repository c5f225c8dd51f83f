import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { JOB_NAMES, jobOptions, JUDGE_QUEUE } from '@bastion/contracts';
import { SubmissionEntity } from '@bastion/db';
import { Principal } from '../common/access.decorator';
import { ApiError } from '../common/api-error';
import { AuthoringService } from '../problems/authoring.service';
import { ProblemsService } from '../problems/problems.service';

/** A problem-wide rejudge refuses problems with more submissions than this (one judge job each). */
export const MAX_REJUDGE = 5000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How long a single rejudge waits for a finished submission's job to leave the queue. */
const SETTLE_MS = 5000;
/** Job states in which the job will still judge the submission (or is doing so). */
const LIVE = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'];

const busy = (id: string) =>
  new ApiError(409, 'SUBMISSION_BUSY', `Submission ${id} is being judged right now; rejudge it once it has finished`);

/**
 * Judges submissions again (after the tests changed): the row goes back to `queued` with its verdict,
 * score, findings and test results cleared, then its judge job is enqueued under the same job id.
 */
@Injectable()
export class RejudgeService {
  private readonly log = new Logger(RejudgeService.name);

  constructor(
    @InjectRepository(SubmissionEntity) private readonly submissions: Repository<SubmissionEntity>,
    @InjectQueue(JUDGE_QUEUE) private readonly queue: Queue,
    @Inject(BASTION_CONFIG) private readonly config: BastionConfig,
    private readonly dataSource: DataSource,
    private readonly problems: ProblemsService,
    private readonly authoring: AuthoringService,
  ) {}

  async one(me: Principal, id: string) {
    const sub = UUID.test(id) ? await this.submissions.findOneBy({ id }) : null;
    if (!sub) throw new ApiError(404, 'SUBMISSION_NOT_FOUND', `No submission ${id}`);
    const problem = await this.problems.byId(sub.problemId);
    const mayEdit = me.role === 'admin' || problem.authorId === me.id;
    // As elsewhere, a submission one may not see looks missing; one's own is visible but not theirs to rejudge.
    if (!mayEdit && sub.userId !== me.id) throw new ApiError(404, 'SUBMISSION_NOT_FOUND', `No submission ${id}`);
    if (!mayEdit) throw new ApiError(403, 'FORBIDDEN', "Only the problem's author or an admin may rejudge");
    if (sub.status !== 'queued' && sub.status !== 'done' && sub.status !== 'failed') throw busy(id);
    if (!(await this.settled(id, sub.status === 'queued'))) throw busy(id);
    const reset = await this.dataSource.transaction((m) => this.reset(m, [id]));
    if (!reset.length) throw busy(id); // a worker took it between the two reads
    await this.enqueue(id);
    return { id, status: 'queued' as const };
  }

  /** Every finished submission of the problem; those still queued or being judged are left alone (`skipped`). */
  async problem(me: Principal, slug: string) {
    const p = await this.authoring.editable(me, slug);
    const total = await this.submissions.countBy({ problemId: p.id });
    if (total > MAX_REJUDGE)
      throw new ApiError(
        422,
        'TOO_MANY_TO_REJUDGE',
        `This problem has ${total} submissions; a problem-wide rejudge takes at most ${MAX_REJUDGE}. Rejudge single submissions with POST /submissions/:id/rejudge`,
      );
    // A job still active for a finished submission is in its last moments; leave those out rather than race them.
    const active = new Set((await this.queue.getActive()).map((j) => j.id));
    const ids = await this.dataSource.transaction(async (m) => {
      const rows: { id: string }[] = await m.query(
        `SELECT id FROM submissions WHERE problem_id = $1 AND status IN ('done', 'failed') ORDER BY created_at FOR UPDATE`,
        [p.id],
      );
      return this.reset(
        m,
        rows.map((r) => r.id).filter((id) => !active.has(id)),
      );
    });
    for (let i = 0; i < ids.length; i += 500) {
      const jobs = ids.slice(i, i + 500).map((submissionId) => ({
        name: JOB_NAMES.judgeSubmission,
        data: { submissionId },
        opts: jobOptions(submissionId, this.config.worker.jobAttempts),
      }));
      await this.queue
        .addBulk(jobs)
        .catch((err: Error) =>
          this.log.warn(`enqueue of ${jobs.length} rejudge(s) deferred to the reconciler: ${err.message}`),
        );
    }
    return { count: ids.length, skipped: total - ids.length };
  }

  /** Back to `queued`, results cleared; only rows that are finished (or still merely queued) change. */
  private async reset(m: EntityManager, ids: string[]): Promise<string[]> {
    if (!ids.length) return [];
    const [rows]: [{ id: string }[], number] = await m.query(
      `UPDATE submissions
          SET status = 'queued', verdict = NULL, score = NULL, max_score = NULL, security = NULL, groups = NULL,
              compile_output = NULL, internal_error = NULL, finished_at = NULL, updated_at = now()
        WHERE id = ANY($1::uuid[]) AND status IN ('done', 'failed', 'queued')
    RETURNING id`,
      [ids],
    );
    const reset = rows.map((r) => r.id);
    if (reset.length) await m.query(`DELETE FROM test_results WHERE submission_id = ANY($1::uuid[])`, [reset]);
    return reset;
  }

  /**
   * Whether no job is judging the submission. A job that is active although the row is finished is
   * completing (results stored, job not yet removed): wait for it briefly. For a queued row an active job
   * means judging has begun.
   */
  private async settled(id: string, queued: boolean): Promise<boolean> {
    const deadline = Date.now() + SETTLE_MS;
    for (;;) {
      const job = await this.queue.getJob(id).catch(() => undefined);
      if (!job || (await job.getState()) !== 'active') return true;
      if (queued || Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Enqueues the judge job unless a live one exists (same job id: the worker would judge it anyway). */
  private async enqueue(id: string): Promise<void> {
    try {
      const job = await this.queue.getJob(id);
      if (job && LIVE.includes(await job.getState())) return;
      if (job) await job.remove().catch(() => undefined);
      await this.queue.add(
        JOB_NAMES.judgeSubmission,
        { submissionId: id },
        jobOptions(id, this.config.worker.jobAttempts),
      );
    } catch (err) {
      // PostgreSQL says queued; the reconciler enqueues it if Redis is away now.
      this.log.warn(`enqueue of rejudge ${id} deferred to the reconciler: ${(err as Error).message}`);
    }
  }
}
