import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { LANGUAGES, meetsExpectation } from '@bastion/contracts';
import {
  ProblemEntity,
  ProblemSolutionEntity,
  SubmissionEntity,
  TestResultEntity,
  Verification,
  VerifiedSolution,
} from '@bastion/db';
import { DEFAULT_TIME_LIMIT_MS, deriveTimeLimitMs } from '@bastion/judging';
import { JudgeService } from './judge.service';

/**
 * Runs a problem's reference solutions through the normal judge, one after another, and records
 * each verdict against the folder it sits in. When the package gave no time limit, the accepted
 * solutions run first under a generous limit, and the limit is derived from the slowest of them
 * before the others run. Progress is saved after each solution, so a retried job resumes.
 */
@Injectable()
export class VerifyService {
  private readonly log = new Logger(VerifyService.name);

  constructor(
    @Inject(BASTION_CONFIG) private readonly config: BastionConfig,
    @InjectRepository(ProblemEntity) private readonly problems: Repository<ProblemEntity>,
    @InjectRepository(ProblemSolutionEntity) private readonly solutions: Repository<ProblemSolutionEntity>,
    @InjectRepository(SubmissionEntity) private readonly submissions: Repository<SubmissionEntity>,
    @InjectRepository(TestResultEntity) private readonly results: Repository<TestResultEntity>,
    private readonly judge: JudgeService,
  ) {}

  async verify(problemId: string, userId: string): Promise<void> {
    const problem = await this.problems.findOneBy({ id: problemId });
    if (!problem?.verification || problem.verification.status !== 'running') return;
    const v: Verification = problem.verification;
    const refs = await this.solutions.find({ where: { problemId }, order: { ordinal: 'ASC' } });
    const byPath = new Map(refs.map((r) => [r.path, r]));
    const measuring = problem.timeLimitSource === 'pending';
    const accepted = v.solutions.filter((s) => s.expected === 'AC');
    const others = v.solutions.filter((s) => s.expected !== 'AC');

    for (const entry of accepted) await this.runOne(problem, userId, entry, byPath.get(entry.path), v);
    if (measuring) {
      const times = accepted.filter((s) => s.verdict === 'AC').map((s) => s.timeMs ?? 0);
      if (times.length) {
        v.timeLimitMs = deriveTimeLimitMs(Math.max(...times), problem.timeMultiplier);
        v.timeLimitSource = 'reference';
      } else {
        v.timeLimitMs = DEFAULT_TIME_LIMIT_MS;
        v.timeLimitSource = 'default';
        v.error = 'No accepted reference solution passed, so the time limit is the default';
      }
      await this.problems.update(
        { id: problemId },
        { timeLimitMs: v.timeLimitMs, timeLimitSource: v.timeLimitSource, verification: v },
      );
      problem.timeLimitMs = v.timeLimitMs;
      problem.timeLimitSource = v.timeLimitSource;
    }
    for (const entry of others) await this.runOne(problem, userId, entry, byPath.get(entry.path), v);

    const checked = v.solutions.filter((s) => s.ok !== null);
    v.ok = checked.length > 0 && checked.every((s) => s.ok);
    v.status = 'done';
    v.finishedAt = new Date().toISOString();
    await this.problems.update({ id: problemId }, { verification: v });
    this.log.log(`verified ${problem.slug}: ${checked.filter((s) => s.ok).length}/${checked.length} as expected`);
  }

  /** The job failed for good: the report says so instead of staying `running` forever. */
  async markFailed(problemId: string, err: Error): Promise<void> {
    const problem = await this.problems.findOneBy({ id: problemId });
    if (!problem?.verification) return;
    const v = { ...problem.verification, status: 'failed' as const, ok: false, finishedAt: new Date().toISOString() };
    v.error = `The verification itself failed: ${err.message}`.slice(0, 500);
    const update: Partial<ProblemEntity> = { verification: v };
    if (problem.timeLimitSource === 'pending')
      Object.assign(update, { timeLimitMs: DEFAULT_TIME_LIMIT_MS, timeLimitSource: 'default' });
    await this.problems.update({ id: problemId }, update);
  }

  private async runOne(
    problem: ProblemEntity,
    userId: string,
    entry: VerifiedSolution,
    ref: ProblemSolutionEntity | undefined,
    v: Verification,
  ): Promise<void> {
    if (entry.verdict !== null || !ref?.language) return; // done in an earlier attempt, or cannot run
    if (!entry.submissionId) {
      const sub = await this.submissions.save(
        this.submissions.create({
          userId,
          problemId: problem.id,
          language: ref.language,
          source: ref.source, // a Java solution's main class runs whatever its name (javaEntry)
          status: 'queued',
        }),
      );
      entry.submissionId = sub.id;
      await this.problems.update({ id: problem.id }, { verification: v });
    }
    await this.judge.judge(entry.submissionId, { quiet: true }); // nobody watches it: no events, no webhook
    const sub = await this.submissions.findOneByOrFail({ id: entry.submissionId });
    const tests = await this.results.find({ where: { submissionId: sub.id }, select: { kind: true, timeMs: true } });
    const lang = LANGUAGES[ref.language];
    // Times are compared in the problem's terms: a Java run gets timeFactor × the limit.
    const slowest = Math.max(0, ...tests.filter((t) => t.kind !== 'attack').map((t) => t.timeMs / lang.timeFactor));
    entry.verdict = sub.verdict;
    entry.score = sub.score;
    entry.timeMs = tests.length ? Math.round(slowest) : null;
    entry.ok = sub.verdict ? meetsExpectation(entry.expected, sub.verdict, sub.score) : false;
    if (sub.verdict === 'IE') entry.note = 'the judge failed on this solution (internal error)';
    await this.problems.update({ id: problem.id }, { verification: v });
  }
}
