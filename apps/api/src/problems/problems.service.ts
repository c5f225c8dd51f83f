import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource, Repository } from 'typeorm';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { JOB_NAMES, jobOptions, JUDGE_QUEUE, verifyJobId } from '@bastion/contracts';
import {
  copyRows,
  ProblemEntity,
  ProblemSolutionEntity,
  TestCaseEntity,
  TimeLimitSource,
  Verification,
} from '@bastion/db';
import { DEFAULT_TIME_LIMIT_MS, MEASURING_TIME_LIMIT_MS } from '@bastion/judging';
import { OpenedPackage, openKattisPackageInThread, PackageError } from '@bastion/problem-package';
import { acceptedSql, DEFAULT_POLICY } from '@bastion/security';
import { Principal } from '../common/access.decorator';
import { ApiError } from '../common/api-error';
import { assertCanEdit } from './authoring.rules';
import { ExportedPackage, exportProblemInThread } from './export-thread';

const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** The columns the import copies into test_cases, in the order store() writes each row's values. */
const TEST_COLUMNS = [
  'problem_id',
  'ordinal',
  'name',
  'kind',
  'points',
  'input',
  'answer',
  'input_hash',
  'answer_hash',
  'check_answer',
  'forbidden',
];

export function slugify(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100);
}

/** Every statement by language; `statement` (which editing changes) is the default language's. */
export function allStatements(p: Pick<ProblemEntity, 'statement' | 'statements'>): Record<string, string> {
  const langs = Object.keys(p.statements ?? {});
  const main = langs.includes('en') ? 'en' : (langs[0] ?? 'en');
  return { ...p.statements, [main]: p.statement };
}

@Injectable()
export class ProblemsService {
  private readonly log = new Logger(ProblemsService.name);

  constructor(
    @InjectRepository(ProblemEntity) private readonly problems: Repository<ProblemEntity>,
    @InjectRepository(TestCaseEntity) private readonly tests: Repository<TestCaseEntity>,
    @InjectRepository(ProblemSolutionEntity) private readonly solutions: Repository<ProblemSolutionEntity>,
    @InjectQueue(JUDGE_QUEUE) private readonly queue: Queue,
    @Inject(BASTION_CONFIG) private readonly config: BastionConfig,
    private readonly dataSource: DataSource,
  ) {}

  /** Imports a package: the zip, or the path of the file holding it (an upload). */
  async import(zip: Buffer | string, requestedSlug: string | undefined, author: Principal) {
    let opened: OpenedPackage;
    try {
      // Unzipping, YAML and hashing run in a worker thread: up to 256 MiB must not stall the event loop.
      opened = await openKattisPackageInThread(zip);
    } catch (e) {
      if (e instanceof PackageError) throw new ApiError(e.status, e.code, e.message);
      throw e;
    }
    try {
      return await this.store(opened, requestedSlug, author);
    } finally {
      await opened.close();
    }
  }

  private async store({ pkg, read }: OpenedPackage, requestedSlug: string | undefined, author: Principal) {
    const slug = requestedSlug ?? slugify(pkg.shortName ?? pkg.name);
    if (!SLUG.test(slug)) {
      throw new ApiError(
        400,
        'BAD_SLUG',
        'A slug is 1-100 lowercase letters, digits and dashes, starting with a letter or digit',
      );
    }
    if (await this.problems.existsBy({ slug })) {
      throw new ApiError(409, 'PROBLEM_EXISTS', `A problem with the slug ${slug} already exists`);
    }
    // No time limit in the package: measure it with the accepted reference solutions (verify runs
    // them first under a generous limit), as problemtools does; without any, Bastion's default.
    const canMeasure = pkg.solutions.some((x) => x.expected === 'AC' && x.language);
    const timeLimitSource: TimeLimitSource = pkg.timeLimitMs ? 'package' : canMeasure ? 'pending' : 'default';
    const saved = await this.dataSource.transaction(async (m) => {
      const problem = await m.save(
        m.create(ProblemEntity, {
          slug,
          name: pkg.name,
          statement: pkg.statement,
          statements: Object.keys(pkg.statements).length ? pkg.statements : null,
          timeLimitMs: pkg.timeLimitMs ?? (canMeasure ? MEASURING_TIME_LIMIT_MS : DEFAULT_TIME_LIMIT_MS),
          timeLimitSource,
          timeMultiplier: pkg.timeMultiplier,
          memoryLimitMb: pkg.memoryLimitMb,
          outputLimitBytes: pkg.outputLimitBytes,
          checker: pkg.checker,
          security: pkg.security,
          scoring: pkg.scoring.type === 'scoring' ? pkg.scoring : null,
          published: false,
          authorId: author.id,
        }),
      );
      // COPY, not INSERTs: the tests' bytes stream from the package thread to PostgreSQL a chunk at a
      // time, in the same transaction, and never gather on the event loop (see BinaryCopyWriter).
      await copyRows(m, 'test_cases', TEST_COLUMNS, async (copy) => {
        for (const [i, t] of pkg.tests.entries()) {
          copy
            .row(TEST_COLUMNS.length)
            .uuid(problem.id)
            .int4(i + 1)
            .text(t.name)
            .text(t.kind)
            .int4(t.points);
          await copy.bytea(t.inputBytes, read(t.inputBytes));
          await copy.bytea(t.answerBytes, read(t.answerBytes));
          copy.text(t.inputHash).text(t.answerHash).bool(t.checkAnswer).textArray(t.forbidden);
          await copy.drain();
        }
      });
      if (pkg.solutions.length) {
        await m.insert(
          ProblemSolutionEntity,
          pkg.solutions.map((x, i) => ({ problemId: problem.id, ordinal: i + 1, ...x })),
        );
      }
      return problem;
    });
    const verification = timeLimitSource === 'pending' ? await this.startVerification(saved, author) : null;
    return {
      ...this.view(saved),
      tests: pkg.tests.length,
      referenceSolutions: pkg.solutions.length,
      verification: verification ?? undefined,
    };
  }

  /**
   * Runs the problem's reference solutions (in the worker) and reports each verdict against its
   * folder. One verification at a time per problem: asking again while one runs returns it.
   */
  async verify(me: Principal, slug: string): Promise<Verification> {
    const p = await this.ownedBySlug(me, slug);
    if (p.verification?.status === 'running') return p.verification;
    const count = await this.solutions.countBy({ problemId: p.id });
    if (count === 0) {
      throw new ApiError(
        422,
        'NO_REFERENCE_SOLUTIONS',
        'This problem has no reference solutions: import a package with submissions/<verdict>/ files',
      );
    }
    return this.startVerification(p, me);
  }

  async verification(me: Principal, slug: string): Promise<Verification> {
    const p = await this.ownedBySlug(me, slug);
    if (!p.verification) throw new ApiError(404, 'NOT_VERIFIED', `${slug} has not been verified yet`);
    return p.verification;
  }

  private async startVerification(p: ProblemEntity, me: Principal): Promise<Verification> {
    const refs = await this.solutions.find({ where: { problemId: p.id }, order: { ordinal: 'ASC' } });
    const v: Verification = {
      status: 'running',
      requestedBy: me.id,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      timeLimitMs: p.timeLimitMs,
      timeLimitSource: p.timeLimitSource,
      ok: null,
      error: null,
      solutions: refs.map((r) => ({
        path: r.path,
        language: r.language,
        expected: r.expected,
        verdict: null,
        score: null,
        timeMs: null,
        ok: null,
        submissionId: null,
        note: r.note,
      })),
    };
    await this.problems.update({ id: p.id }, { verification: v });
    const jobId = verifyJobId(p.id);
    // A finished job is removed; a leftover of a crashed one is replaced. Redis away: the reconciler retries.
    const old = await this.queue.getJob(jobId).catch(() => undefined);
    if (old && !(await old.isActive().catch(() => false))) await old.remove().catch(() => undefined);
    await this.queue
      .add(JOB_NAMES.verifyProblem, { problemId: p.id, userId: me.id }, jobOptions(jobId, 2))
      .catch((err: Error) => this.log.warn(`enqueue of verification of ${p.slug} deferred: ${err.message}`));
    return v;
  }

  /** Tests, limits or the checker changed: an earlier verification report no longer speaks for the problem. */
  async markVerificationStale(problemId: string): Promise<void> {
    await this.problems.query(
      `UPDATE problems SET verification = jsonb_set(verification, '{stale}', 'true')
        WHERE id = $1 AND verification IS NOT NULL AND verification->>'status' <> 'running'`,
      [problemId],
    );
  }

  /** A problem the caller may change: its author or an admin (others get 403, or 404 for drafts). */
  async ownedBySlug(me: Principal, slug: string): Promise<ProblemEntity> {
    const p = await this.visibleBySlug(me, slug);
    assertCanEdit(me, p);
    return p;
  }

  /** Students see published problems; instructors also their own drafts; admins everything. */
  async list(me: Principal) {
    const where =
      me.role === 'admin'
        ? {}
        : me.role === 'instructor'
          ? [{ published: true }, { authorId: me.id }]
          : { published: true };
    const rows = await this.problems.find({ where, order: { createdAt: 'DESC' }, take: 500 });
    return rows.map((p) => this.view(p));
  }

  async get(me: Principal, slug: string) {
    const p = await this.visibleBySlug(me, slug);
    const samples = await this.tests.find({
      where: { problemId: p.id, kind: 'sample' },
      select: { id: true, name: true, input: true, answer: true },
      order: { ordinal: 'ASC' },
    });
    return {
      ...this.view(p),
      statement: p.statement,
      /** The statement in each language the package carries (at least the default one). */
      statements: allStatements(p),
      samples: samples.map((s) => ({
        name: s.name,
        input: s.input.toString('utf8'),
        answer: s.answer.toString('utf8'),
      })),
    };
  }

  async bySlug(slug: string): Promise<ProblemEntity> {
    const p = SLUG.test(slug) ? await this.problems.findOneBy({ slug }) : null;
    if (!p) throw new ApiError(404, 'PROBLEM_NOT_FOUND', `No problem with the slug ${slug}`);
    return p;
  }

  /** A problem the caller may see (drafts only to their author and admins); otherwise 404. */
  async visibleBySlug(me: Principal, slug: string): Promise<ProblemEntity> {
    const p = await this.bySlug(slug);
    if (p.published || me.role === 'admin' || p.authorId === me.id) return p;
    // A course's members see its assignments' problems, students once the assignment has opened.
    const [through] = await this.dataSource.query(
      `SELECT 1 FROM assignment_problems ap
         JOIN assignments a ON a.id = ap.assignment_id
         JOIN course_members m ON m.course_id = a.course_id AND m.user_id = $2
        WHERE ap.problem_id = $1 AND (m.role <> 'student' OR a.opens_at <= now()) LIMIT 1`,
      [p.id, me.id],
    );
    if (through) return p;
    throw new ApiError(404, 'PROBLEM_NOT_FOUND', `No problem with the slug ${slug}`);
  }

  /** Publishes or withdraws a problem: its author or an admin. */
  async setPublished(me: Principal, slug: string, published: boolean) {
    const p = await this.ownedBySlug(me, slug);
    await this.problems.update({ id: p.id }, { published });
    return this.view({ ...p, published });
  }

  /** CSV of each student's best score on a problem (for an LMS or a spreadsheet). */
  async gradebook(me: Principal, slug: string): Promise<string> {
    const p = await this.ownedBySlug(me, slug);
    const rows: {
      email: string;
      name: string;
      best: number | null;
      attempts: number;
      accepted: boolean;
      last: Date;
    }[] = await this.dataSource.query(
      `SELECT u.email, u.name, max(s.score) AS best, count(*)::int AS attempts,
                coalesce(bool_or(${acceptedSql('s')}), false) AS accepted, max(s.created_at) AS last
           FROM submissions s JOIN users u ON u.id = s.user_id
          WHERE s.problem_id = $1 AND u.role = 'student'
          GROUP BY u.id ORDER BY u.email`,
      [p.id],
    );
    const cell = (v: unknown) => {
      const t = v instanceof Date ? v.toISOString() : String(v ?? '');
      // Quote every field, and defuse spreadsheet formulas (CSV injection).
      return `"${(/^[=+\-@\t\r]/.test(t) ? `'${t}` : t).replace(/"/g, '""')}"`;
    };
    const lines = [['email', 'name', 'best_score', 'max_score', 'attempts', 'accepted', 'last_submission']];
    for (const r of rows)
      lines.push([
        r.email,
        r.name,
        String(r.best ?? 0),
        '100',
        String(r.attempts),
        String(r.accepted),
        r.last as unknown as string,
      ]);
    return lines.map((l) => l.map(cell).join(',')).join('\r\n') + '\r\n';
  }

  /**
   * The problem as a Kattis package zip (hidden tests included: authors and admins only), built in a
   * thread that reads the tests itself: the caller streams it, then closes it.
   */
  async export(me: Principal, slug: string): Promise<ExportedPackage> {
    const p = await this.ownedBySlug(me, slug);
    const solutions = await this.solutions.find({ where: { problemId: p.id }, order: { ordinal: 'ASC' } });
    return exportProblemInThread({
      databaseUrl: this.config.databaseUrl,
      problemId: p.id,
      problem: {
        shortName: p.slug,
        name: p.name,
        statement: p.statement,
        statements: allStatements(p),
        timeLimitMs: p.timeLimitMs,
        memoryLimitMb: p.memoryLimitMb,
        outputLimitBytes: p.outputLimitBytes,
        checker: p.checker,
        security: p.security ?? DEFAULT_POLICY,
        scoring: p.scoring,
        solutions: solutions.filter((x) => x.language).map(({ path, source }) => ({ path, source })),
      },
    });
  }

  testCount(problemId: string): Promise<number> {
    return this.tests.countBy({ problemId });
  }

  async byId(id: string): Promise<ProblemEntity> {
    return this.problems.findOneByOrFail({ id });
  }

  view(p: ProblemEntity) {
    return {
      id: p.id,
      slug: p.slug,
      name: p.name,
      timeLimitMs: p.timeLimitMs,
      memoryLimitMb: p.memoryLimitMb,
      outputLimitBytes: p.outputLimitBytes,
      // A custom validator's source stays on the server.
      checker: p.checker.type === 'custom' ? { type: 'custom', language: p.checker.language } : p.checker,
      published: p.published,
      security: p.security ?? DEFAULT_POLICY,
      type: p.scoring?.type ?? 'pass-fail',
      /** package, default, pending (being measured by the reference solutions), reference, or edited. */
      timeLimitSource: p.timeLimitSource,
    };
  }
}
