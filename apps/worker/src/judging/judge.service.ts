import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { DataSource, In, Repository } from 'typeorm';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import {
  BuiltinChecker,
  GroupScore,
  JOB_NAMES,
  jobOptions,
  JUDGE_QUEUE,
  LanguageDef,
  LANGUAGES,
  SubmissionStatus,
  IN_PROGRESS,
  JUDGING_LEASE_RENEW_MS,
  Verdict,
} from '@bastion/contracts';
import {
  ProblemEntity,
  ProgressEvent,
  REDIS,
  submissionChannel,
  SubmissionEntity,
  TestCaseEntity,
  TestResultEntity,
} from '@bastion/db';
import { executionLimits, runCommand } from '@bastion/judging';
import { Sandbox } from '@bastion/sandbox';
import { PoolService } from '../sandbox/pool.service';
import { SandboxLease } from '../sandbox/lease';
import { DEFAULT_POLICY, SecurityOutcome, SecurityPolicy } from '@bastion/security';
import { attackFindings, finalScore, gradeTests } from './grade';
import { JudgeProgress, QUIET_PROGRESS, settle, StatusLine, unwrap } from './progress';
import { CustomCheckerSession } from './custom-checker';
import { NewResult, runTests } from './run-tests';
import { SecurityCheckService } from './security-check.service';
import { SecurityRun } from './security-run';
import { compileIn } from './compile';
import { TestDataCache } from './test-data.cache';

/**
 * Judges one submission, in stages: load → compile → analyze → run tests → grade → store. Compiled
 * once, every test run in one sandbox (a fresh one after a program takes it down), checked outside,
 * stored in one transaction; its progress goes to a JudgeProgress (live events and the webhook, or
 * nowhere for verification).
 */
@Injectable()
export class JudgeService {
  private readonly log = new Logger(JudgeService.name);

  constructor(
    @Inject(BASTION_CONFIG) private readonly config: BastionConfig,
    @InjectRepository(SubmissionEntity) private readonly submissions: Repository<SubmissionEntity>,
    @InjectRepository(ProblemEntity) private readonly problems: Repository<ProblemEntity>,
    @InjectRepository(TestCaseEntity) private readonly tests: Repository<TestCaseEntity>,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly dataSource: DataSource,
    private readonly pool: PoolService,
    private readonly cache: TestDataCache,
    private readonly security: SecurityCheckService,
    @InjectQueue(JUDGE_QUEUE) private readonly queue: Queue,
  ) {}

  /**
   * Judges the submission while holding its lease: its `updated_at` is renewed every
   * JUDGING_LEASE_RENEW_MS, so the reconciler can tell a submission being judged (even when its
   * queue job was lost with Redis) from one whose worker died.
   */
  async judge(submissionId: string, opts: { quiet?: boolean } = {}): Promise<void> {
    const renew = () =>
      this.submissions
        .update({ id: submissionId, status: In([...IN_PROGRESS]) }, { updatedAt: new Date() })
        .catch((e: Error) => this.log.warn(`submission ${submissionId}: lease not renewed: ${e.message}`));
    const lease = setInterval(() => void renew(), JUDGING_LEASE_RENEW_MS);
    try {
      await this.judgeOnce(submissionId, opts.quiet ? QUIET_PROGRESS : this.progressOf(submissionId));
    } finally {
      clearInterval(lease);
    }
  }

  /** The submission's live events (Redis, read by the API's SSE) and its webhook. */
  progressOf(id: string): JudgeProgress {
    return {
      publish: (event) => this.publish(id, event),
      finished: () => this.notify(id),
    };
  }

  private async judgeOnce(submissionId: string, progress: JudgeProgress): Promise<void> {
    const clock = new PhaseClock();
    const sub = await this.submissions.findOneBy({ id: submissionId });
    if (!sub) return this.log.warn(`submission ${submissionId} does not exist; job dropped`);
    if (sub.status === 'done' || sub.status === 'failed') return; // a duplicate job: judged already
    const lang = LANGUAGES[sub.language];
    const lease = await SandboxLease.take(this.pool, lang.image);
    // `compiling` once a sandbox is held: while the Docker engine is away the submission stays
    // queued. Each status is stored and published after the one before, beside the judging.
    const statuses = new StatusLine<SubmissionStatus>((status) => this.setStatus(sub.id, status, progress));
    statuses.set('compiling');
    // The compiler starts as soon as the source is known; the problem and its tests load meanwhile.
    const compiling = settle(compileIn(lease.box, lang, sub.source, this.config));
    let security: SecurityRun | undefined;
    let problem: ProblemEntity;
    let cases: TestCaseEntity[];
    let policy: SecurityPolicy;
    let results: NewResult[] = [];
    /** The tests whose output held a forbidden string (an attack finding says so, never which string). */
    let printedForbidden = new Set<string>();
    let compileOutput: string;
    let checker: SandboxLease | undefined;
    try {
      [problem, cases] = await Promise.all([
        this.problems.findOneByOrFail({ id: sub.problemId }),
        this.tests.find({ where: { problemId: sub.problemId }, order: { ordinal: 'ASC' } }),
      ]);
      await this.cache.ensure(cases);
      const inputs = await Promise.all(cases.map((c) => this.cache.read(c.inputHash)));
      policy = problem.security ?? DEFAULT_POLICY;
      const securityInputs = {
        tests: cases.map((c, i) => ({ name: c.name, input: inputs[i] })),
        timeLimitMs: problem.timeLimitMs,
        memoryLimitMb: problem.memoryLimitMb,
      };
      const run = new SecurityRun(this.security, this.pool, sub, lang, policy, securityInputs);
      security = run;
      void run.startAside()?.then(() => clock.mark('aside'));
      clock.mark('load');
      const compiled = unwrap(await compiling);
      clock.mark('compile');
      run.compiled(compiled.output);
      // Under gVisor a compiler that grabbed memory in one go leaves no sandbox (CE): then the
      // banned-API scan is all the security analysis there is.
      if (run.inFunctionalSandbox && lease.box.alive) {
        statuses.set('analyzing');
        // Compiling ran none of the submitted code: the sandbox is still as the judge set it up.
        await run.analyzeIn(lease.box, compiled.ok);
        clock.mark('analysis');
        // A sanitizer replay can take its sandbox down (memory filled in one go; under gVisor
        // also a fork bomb): the tests get a fresh one.
        if (!lease.box.alive && compiled.ok) lease.replace(await this.rebuild(lang, sub.source));
      }
      compileOutput = compiled.output;
      if (!compiled.ok) {
        await statuses.done();
        return await this.finish(
          sub.id,
          [],
          { verdict: 'CE', score: 0, maxScore: 100 },
          compileOutput,
          await run.outcome([], false),
          progress,
        );
      }

      const largest = Math.max(0, ...inputs.map((b) => b.length));
      const limits = executionLimits(problem, lang, largest, this.pool.terms);
      await lease.box.setMemoryLimit(limits.containerMemoryMb);
      statuses.set('running');
      const argv = runCommand(lang, problem.memoryLimitMb, sub.source);
      let custom: CustomCheckerSession | undefined;
      if (problem.checker.type === 'custom') {
        checker = await SandboxLease.take(this.pool, LANGUAGES[problem.checker.language].image);
        custom = await CustomCheckerSession.open(checker.box, problem.checker, this.config);
      }
      ({ results, printedForbidden } = await runTests(
        lease,
        cases,
        inputs,
        {
          submissionId: sub.id,
          language: lang.id,
          argv,
          limits,
          checker: custom ?? (problem.checker as BuiltinChecker),
          timeFactor: this.pool.terms.timeFactor,
        },
        {
          answer: (tc) => this.cache.read(tc.answerHash),
          rebuild: (memoryMb) => this.rebuild(lang, sub.source, memoryMb),
          progress: (r) =>
            progress.publish({ type: 'test', ordinal: r.ordinal, name: r.name, verdict: r.verdict, ...pick(r) }),
          observe: (test, r) => run.observe(test, r),
        },
      ));
      clock.mark('tests');
      await statuses.done();
    } catch (err) {
      security?.release({ now: true }); // the attempt failed: its work is stopped, not left to run beside a retry
      throw err;
    } finally {
      await compiling; // the sandbox goes back once its compiler is over, however the judging ended
      await statuses.settled();
      lease.release();
      checker?.release();
      security?.release({ now: false });
    }
    const { groups, ...functional } = gradeTests(problem.scoring, new Map(cases.map((c) => [c.id, c.points])), results);
    const sec = await security.outcome(attackFindings(results, printedForbidden, lang.sourceFile));
    // An analysis lost to a Docker outage is retried with the job rather than stored as missing.
    if ((await security.lost()) && !(await this.pool.dockerReachable()))
      throw new Error('the Docker engine went away during the security analysis');
    const score = finalScore(functional.score, sec, policy);
    clock.mark('grade');
    await this.finish(sub.id, results, { ...functional, score, groups }, compileOutput, sec, progress);
    clock.mark('store');
    this.log.debug(`submission ${sub.id} (${lang.id}): ${clock}`);
  }

  /** A fresh sandbox for the rest of the tests, the source compiled again (it compiled before). */
  private async rebuild(lang: LanguageDef, source: string, memoryMb?: number): Promise<Sandbox> {
    const box = await this.pool.acquire(lang.image);
    try {
      const again = await compileIn(box, lang, source, this.config);
      if (!again.ok)
        throw new Error(`the source did not compile again in a fresh sandbox: ${again.output.slice(0, 300)}`);
      if (memoryMb) await box.setMemoryLimit(memoryMb);
    } catch (err) {
      this.pool.release(box);
      throw err;
    }
    return box;
  }

  /** The judge itself failed for good (after retries): IE, never blamed on the student. */
  async markInternalError(submissionId: string, err: Error): Promise<void> {
    await this.submissions.update(
      { id: submissionId },
      {
        status: 'failed',
        verdict: 'IE',
        score: 0,
        maxScore: 100,
        internalError: `${err.name}: ${err.message}`.slice(0, 2000),
        updatedAt: new Date(),
        finishedAt: new Date(),
      },
    );
    const progress = this.progressOf(submissionId);
    await progress.publish({ type: 'done', verdict: 'IE', score: 0 });
    await progress.finished();
  }

  private async setStatus(id: string, status: SubmissionStatus, progress: JudgeProgress): Promise<void> {
    await this.submissions.update({ id }, { status, updatedAt: new Date() });
    await progress.publish({ type: 'status', status });
  }

  /** One transaction replaces any earlier results, so a retried job leaves exactly one set. */
  private async finish(
    id: string,
    results: NewResult[],
    outcome: { verdict: Verdict; score: number; maxScore: number; groups?: GroupScore[] | null },
    compileOutput: string,
    security: SecurityOutcome | null,
    progress: JudgeProgress,
  ): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await m.delete(TestResultEntity, { submissionId: id });
      // Nothing is read back (no RETURNING of generated ids): TypeORM's read-back costs more than the insert.
      if (results.length)
        await m.createQueryBuilder().insert().into(TestResultEntity).values(results).updateEntity(false).execute();
      await m.update(
        SubmissionEntity,
        { id },
        {
          ...outcome,
          groups: outcome.groups ?? null,
          security,
          status: 'done',
          compileOutput: compileOutput || null,
          internalError: null,
          updatedAt: new Date(),
          finishedAt: new Date(),
        },
      );
    });
    await progress.publish({ type: 'done', verdict: outcome.verdict, score: outcome.score });
    await progress.finished();
  }

  /** Queues the signed webhook when the submission has a callback URL (its own or its token's). */
  private async notify(id: string): Promise<void> {
    const sub = await this.submissions.findOne({ where: { id }, select: { id: true, callbackUrl: true } });
    if (!sub?.callbackUrl) return;
    await this.queue.add(
      JOB_NAMES.deliverWebhook,
      { submissionId: id },
      jobOptions(`webhook-${id}`, this.config.webhooks.attempts, 1000),
    );
  }

  private async publish(id: string, event: ProgressEvent): Promise<void> {
    await this.redis.publish(submissionChannel(id), JSON.stringify(event)).catch(() => undefined);
  }
}

const pick = (r: NewResult) => ({ timeMs: r.timeMs, memoryKb: r.memoryKb });

/**
 * Where a judging's time went, for the debug log: milliseconds from the start to the end of each
 * named phase, in the order they ended (`load 12, compile 130, analysis 210, aside 380, …`).
 */
class PhaseClock {
  private readonly start = Date.now();
  private readonly marks: string[] = [];
  mark(phase: string): void {
    this.marks.push(`${phase} ${Date.now() - this.start}`);
  }
  toString(): string {
    return `ms from the start to the end of each phase: ${this.marks.join(', ')}`;
  }
}
