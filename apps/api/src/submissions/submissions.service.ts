import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { Repository } from 'typeorm';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { JOB_NAMES, jobOptions, JUDGE_QUEUE, type LanguageId } from '@bastion/contracts';
import { SubmissionEntity, TestResultEntity } from '@bastion/db';
import { Principal } from '../common/access.decorator';
import { ApiError } from '../common/api-error';
import { ProblemsService } from '../problems/problems.service';

export function assertSourceSize(source: string, max: number): void {
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > max) throw new ApiError(413, 'SOURCE_TOO_LARGE', `The source is ${bytes} bytes; the limit is ${max}`);
}

@Injectable()
export class SubmissionsService {
  private readonly log = new Logger(SubmissionsService.name);

  constructor(
    @InjectRepository(SubmissionEntity) private readonly submissions: Repository<SubmissionEntity>,
    @InjectRepository(TestResultEntity) private readonly results: Repository<TestResultEntity>,
    @InjectQueue(JUDGE_QUEUE) private readonly queue: Queue,
    @Inject(BASTION_CONFIG) private readonly config: BastionConfig,
    private readonly problems: ProblemsService,
  ) {}

  /** Stores the submission first (PostgreSQL is the truth), then enqueues its id. */
  async create(me: Principal, input: { problem: string; language: LanguageId; source: string }) {
    assertSourceSize(input.source, this.config.limits.maxSourceBytes);
    const problem = await this.problems.bySlug(input.problem);
    const sub = await this.submissions.save(
      this.submissions.create({
        userId: me.id,
        problemId: problem.id,
        language: input.language,
        source: input.source,
        status: 'queued',
      }),
    );
    // If Redis is away the submission stays queued in PostgreSQL and the reconciler enqueues it later.
    await this.queue
      .add(JOB_NAMES.judgeSubmission, { submissionId: sub.id }, jobOptions(sub.id, this.config.worker.jobAttempts))
      .catch((err: Error) => this.log.warn(`enqueue of ${sub.id} deferred to the reconciler: ${err.message}`));
    return { id: sub.id, status: sub.status };
  }

  async get(me: Principal, id: string) {
    const sub = await this.visible(me, id);
    const [problem, tests] = await Promise.all([
      this.problems.byId(sub.problemId),
      this.results.find({ where: { submissionId: id }, order: { ordinal: 'ASC' } }),
    ]);
    return {
      id: sub.id,
      problem: problem.slug,
      language: sub.language,
      status: sub.status,
      verdict: sub.verdict,
      score: sub.score,
      maxScore: sub.maxScore,
      tests: tests.map((t) => ({
        name: t.name,
        kind: t.kind,
        verdict: t.verdict,
        timeMs: t.timeMs,
        memoryKb: t.memoryKb,
        ...(t.kind === 'sample' || me.role !== 'student' ? { message: t.message } : {}),
      })),
      compileOutput: sub.compileOutput,
      createdAt: sub.createdAt,
      finishedAt: sub.finishedAt,
    };
  }

  async source(me: Principal, id: string) {
    const sub = await this.visible(me, id);
    return { id: sub.id, language: sub.language, source: sub.source };
  }

  /** Students see their own submissions only; staff see all. An id one may not see looks like a missing one. */
  private async visible(me: Principal, id: string): Promise<SubmissionEntity> {
    const sub = /^[0-9a-f-]{36}$/i.test(id) ? await this.submissions.findOneBy({ id }) : null;
    if (!sub || (me.role === 'student' && sub.userId !== me.id)) {
      throw new ApiError(404, 'SUBMISSION_NOT_FOUND', `No submission ${id}`);
    }
    return sub;
  }
}
