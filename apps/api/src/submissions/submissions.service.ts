import { InjectQueue } from '@nestjs/bullmq';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { Repository } from 'typeorm';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { JOB_NAMES, jobOptions, JUDGE_QUEUE, LANGUAGES, type LanguageId } from '@bastion/contracts';
import { cweName, cweUrl, isAccepted, toSarif } from '@bastion/security';
import { ProblemEntity, SubmissionEntity, TestResultEntity, UserEntity, WebhookDeliveryEntity } from '@bastion/db';
import { RateLimiter } from '../common/rate-limiter';
import { ListSubmissionsQuery } from './dto/list-submissions.dto';
import { Principal } from '../common/access.decorator';
import { ApiError } from '../common/api-error';
import { assertCallbackUrl } from '../common/callback-url';
import { ProblemsService } from '../problems/problems.service';
import { AssignmentsService } from '../courses/assignments.service';

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
    @InjectRepository(WebhookDeliveryEntity) private readonly deliveries: Repository<WebhookDeliveryEntity>,
    @InjectQueue(JUDGE_QUEUE) private readonly queue: Queue,
    @Inject(BASTION_CONFIG) private readonly config: BastionConfig,
    private readonly problems: ProblemsService,
    private readonly limiter: RateLimiter,
    private readonly assignments: AssignmentsService,
  ) {}

  /** Stores the submission first (PostgreSQL is the truth), then enqueues its id. */
  async create(
    me: Principal,
    input: { problem: string; language: LanguageId; source: string; callbackUrl?: string; assignment?: string },
    idempotencyKey?: string,
  ) {
    if (idempotencyKey !== undefined && !/^[\x21-\x7e]{1,200}$/.test(idempotencyKey)) {
      throw new ApiError(400, 'BAD_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1-200 visible ASCII characters');
    }
    if (idempotencyKey) {
      const earlier = await this.submissions.findOneBy({ userId: me.id, idempotencyKey });
      if (earlier) return { id: earlier.id, status: earlier.status };
    }
    // The instant the API accepted it: a deadline is measured against this, however long the queue.
    const acceptedAt = new Date();
    assertSourceSize(input.source, this.config.limits.maxSourceBytes);
    const problem = await this.problems.visibleBySlug(me, input.problem);
    const admission = input.assignment
      ? await this.assignments.admit(me, input.assignment, problem, acceptedAt)
      : { assignmentId: null, latePenaltyPercent: null, practice: false };
    // The limit keeps one account from filling the queue; an admin runs the server (and its benchmarks).
    if (me.role !== 'admin')
      await this.limiter.hit(`submit:${me.id}`, this.config.rateLimits.submitPerMin, 60, 'submissions');
    // After the rate limit, so refused URLs cannot be used to make the API resolve names without bound.
    if (input.callbackUrl) await assertCallbackUrl(input.callbackUrl, this.config.webhooks.allowPrivate);
    const sub = { id: randomUUID(), status: 'queued' as const };
    try {
      // One INSERT, no transaction around it (save() would add two round trips to every submission).
      await this.submissions.insert({
        ...sub,
        userId: me.id,
        problemId: problem.id,
        language: input.language,
        source: input.source,
        idempotencyKey: idempotencyKey ?? null,
        callbackUrl: input.callbackUrl ?? me.callbackUrl ?? null,
        ...admission,
        createdAt: acceptedAt,
      });
    } catch (e) {
      // Two requests with the same key at once: the loser answers with the winner's submission.
      const earlier = idempotencyKey ? await this.submissions.findOneBy({ userId: me.id, idempotencyKey }) : null;
      if (earlier) return { id: earlier.id, status: earlier.status };
      throw e;
    }
    // If Redis is away the submission stays queued in PostgreSQL and the reconciler enqueues it later.
    await this.queue
      .add(JOB_NAMES.judgeSubmission, { submissionId: sub.id }, jobOptions(sub.id, this.config.worker.jobAttempts))
      .catch((err: Error) => this.log.warn(`enqueue of ${sub.id} deferred to the reconciler: ${err.message}`));
    return { id: sub.id, status: sub.status };
  }

  async get(me: Principal, id: string) {
    const sub = await this.visible(me, id);
    const [problem, tests, testCount] = await Promise.all([
      this.problems.byId(sub.problemId),
      this.results.find({ where: { submissionId: id }, order: { ordinal: 'ASC' } }),
      this.problems.testCount(sub.problemId),
    ]);
    const seesHiddenTests = me.role === 'admin' || problem.authorId === me.id;
    return {
      id: sub.id,
      problem: problem.slug,
      problemName: problem.name,
      /** How many tests (attack tests included) this submission runs: progress is "test n of testCount". */
      testCount,
      language: sub.language,
      status: sub.status,
      verdict: sub.verdict,
      score: sub.score,
      maxScore: sub.maxScore,
      /** A scoring problem's test groups: points earned of the group's points. */
      groups: sub.groups,
      tests: tests.map((t) => ({
        name: t.name,
        kind: t.kind,
        verdict: t.verdict,
        timeMs: t.timeMs,
        memoryKb: t.memoryKb,
        // The checker's message quotes the expected answer: only a sample's is shown to whoever submitted.
        ...(t.kind === 'sample' || seesHiddenTests ? { message: t.message } : {}),
      })),
      compileOutput: sub.compileOutput,
      security: sub.security && {
        ...sub.security,
        findings: sub.security.findings.map((f) => ({ ...f, cweName: cweName(f.cwe), cweUrl: cweUrl(f.cwe) })),
      },
      /** Functionally accepted and not vulnerable under the problem's policy. */
      accepted: isAccepted(sub.verdict, sub.security),
      createdAt: sub.createdAt,
      finishedAt: sub.finishedAt,
      assignment: sub.assignmentId
        ? { id: sub.assignmentId, latePenaltyPercent: sub.latePenaltyPercent, practice: sub.practice }
        : null,
    };
  }

  /** A submission's status alone (the caller has checked it may see it), or null when it is gone. */
  async statusOf(id: string): Promise<string | null> {
    const row = await this.submissions.findOne({ where: { id }, select: { id: true, status: true } });
    return row?.status ?? null;
  }

  /** Every attempt to deliver the submission's result to its callback URL. */
  async webhooks(me: Principal, id: string) {
    const sub = await this.visible(me, id);
    const rows = await this.deliveries.find({ where: { submissionId: sub.id }, order: { createdAt: 'ASC' } });
    return {
      callbackUrl: sub.callbackUrl,
      deliveries: rows.map((d) => ({
        attempt: d.attempt,
        statusCode: d.statusCode,
        error: d.error,
        durationMs: d.durationMs,
        at: d.createdAt,
      })),
    };
  }

  /** The submission's findings as SARIF 2.1.0, for any SARIF viewer. */
  async sarif(me: Principal, id: string) {
    const sub = await this.visible(me, id);
    return toSarif(sub.security?.findings ?? [], {
      toolName: 'Bastion',
      sourceUri: LANGUAGES[sub.language].sourceFile,
    });
  }

  async source(me: Principal, id: string) {
    const sub = await this.visible(me, id);
    return { id: sub.id, language: sub.language, source: sub.source };
  }

  /** A page of the submissions the caller may see, newest first, with filters. */
  async list(me: Principal, q: ListSubmissionsQuery) {
    const qb = this.submissions
      .createQueryBuilder('s')
      .innerJoin(ProblemEntity, 'p', 'p.id = s.problem_id')
      .innerJoin(UserEntity, 'u', 'u.id = s.user_id')
      .select(['s.id', 's.language', 's.status', 's.verdict', 's.score', 's.maxScore', 's.createdAt', 's.finishedAt'])
      // Only the security verdict (for `accepted`), not the findings: list pages stay light.
      .addSelect(['p.slug AS problem', 'u.email AS user_email', 'u.id AS user_id'])
      .addSelect("s.security ->> 'verdict'", 'security_verdict')
      .orderBy('s.created_at', 'DESC')
      .limit(q.limit)
      .offset(q.offset);
    if (me.role === 'student') qb.andWhere('s.user_id = :me', { me: me.id });
    if (me.role === 'instructor') qb.andWhere('(s.user_id = :me OR p.author_id = :me)', { me: me.id });
    if (q.problem) qb.andWhere('p.slug = :slug', { slug: q.problem });
    if (q.user)
      qb.andWhere(q.user.includes('@') ? 'u.email = :user' : 'u.id::text = :user', { user: q.user.toLowerCase() });
    if (q.verdict) qb.andWhere('s.verdict = :verdict', { verdict: q.verdict });
    if (q.since) qb.andWhere('s.created_at >= :since', { since: q.since });
    const [raw, total] = await Promise.all([qb.getRawAndEntities(), qb.getCount()]);
    const items = raw.entities.map((s, i) => ({
      id: s.id,
      problem: raw.raw[i].problem as string,
      user: { id: raw.raw[i].user_id as string, email: raw.raw[i].user_email as string },
      language: s.language,
      status: s.status,
      verdict: s.verdict,
      score: s.score,
      maxScore: s.maxScore,
      accepted: isAccepted(s.verdict, { verdict: raw.raw[i].security_verdict }),
      createdAt: s.createdAt,
      finishedAt: s.finishedAt,
    }));
    return { items, total, limit: q.limit, offset: q.offset };
  }

  /**
   * Students see their own submissions; instructors their own and those to problems they author;
   * admins all. An id one may not see looks like a missing one.
   */
  private async visible(me: Principal, id: string): Promise<SubmissionEntity> {
    const sub = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)
      ? await this.submissions.findOneBy({ id })
      : null;
    const allowed =
      sub &&
      (me.role === 'admin' ||
        sub.userId === me.id ||
        (me.role === 'instructor' && (await this.problems.byId(sub.problemId)).authorId === me.id) ||
        (sub.assignmentId !== null && (await this.assignments.isStaffOf(me, sub.assignmentId))));
    if (!sub || !allowed) throw new ApiError(404, 'SUBMISSION_NOT_FOUND', `No submission ${id}`);
    return sub;
  }
}
