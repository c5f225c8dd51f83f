import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, QueryFailedError, Repository } from 'typeorm';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { DEFAULT_CHECKER } from '@bastion/contracts';
import { ProblemEntity, TestCaseEntity } from '@bastion/db';
import { DEFAULT_OUTPUT_BYTES } from '@bastion/problem-package';
import { DEFAULT_POLICY } from '@bastion/security';
import { Principal } from '../common/access.decorator';
import { ApiError } from '../common/api-error';
import { builtinChecker, securityPolicy, storedTestName, testRow } from './authoring.rules';
import { CreateProblemDto, TestCaseDto, UpdateProblemDto } from './dto/authoring.dto';
import { ProblemsService } from './problems.service';
import { securityOverview } from './security-overview';

/** PostgreSQL's unique_violation. */
export const isUniqueViolation = (e: unknown) =>
  e instanceof QueryFailedError && (e.driverError as { code?: string })?.code === '23505';

/** Problems written in a form rather than imported: create, edit, and what their submissions reveal. */
@Injectable()
export class AuthoringService {
  constructor(
    @InjectRepository(ProblemEntity) private readonly problems: Repository<ProblemEntity>,
    @InjectRepository(TestCaseEntity) private readonly tests: Repository<TestCaseEntity>,
    @Inject(BASTION_CONFIG) private readonly config: BastionConfig,
    private readonly dataSource: DataSource,
    private readonly problemsService: ProblemsService,
  ) {}

  /** The problem if the caller may change it: 404 when they may not see it, 403 when they may only see it. */
  editable(me: Principal, slug: string): Promise<ProblemEntity> {
    return this.problemsService.ownedBySlug(me, slug);
  }

  /**
   * A change to how a problem is judged (its tests, limits, checker or security policy) while the
   * problem is in an assignment students are submitting to is refused unless the caller confirms
   * it: it is never made silently under them, and the answer says which assignments and that
   * rejudging brings earlier submissions in line.
   */
  async assertJudgingMayChange(p: ProblemEntity, confirmed: boolean): Promise<void> {
    if (confirmed) return;
    const open: { title: string; course: string }[] = await this.dataSource.query(
      `SELECT a.title, c.name AS course FROM assignment_problems ap
         JOIN assignments a ON a.id = ap.assignment_id JOIN courses c ON c.id = a.course_id
        WHERE ap.problem_id = $1 AND a.opens_at <= now()
          AND CASE WHEN a.late_policy IS NULL THEN a.closes_at >= now()
                   WHEN a.late_policy->>'cutoffAt' IS NULL THEN true
                   ELSE (a.late_policy->>'cutoffAt')::timestamptz >= now() END
        ORDER BY c.name, a.title`,
      [p.id],
    );
    if (!open.length) return;
    const names = open.map((a) => `${a.course}: ${a.title}`).join('; ');
    throw new ApiError(
      409,
      'PROBLEM_IN_OPEN_ASSIGNMENT',
      `${p.slug} is in an open assignment (${names}). Send the change again with ?confirm=true to make it; ` +
        'then rejudge (POST /problems/' +
        p.slug +
        '/rejudge) so earlier submissions are judged the same way',
      { assignments: open },
    );
  }

  /** Tests changed: the problem's verification report is out of date. */
  testsChanged(problemId: string): Promise<void> {
    return this.problemsService.markVerificationStale(problemId);
  }

  async create(me: Principal, dto: CreateProblemDto) {
    const outputLimitBytes = this.outputLimit(
      dto.outputLimitBytes ?? Math.min(DEFAULT_OUTPUT_BYTES, this.config.sandbox.outputLimitBytes),
    );
    const checker = dto.checker ? builtinChecker(dto.checker) : DEFAULT_CHECKER;
    const security = dto.security ? securityPolicy(dto.security) : { ...DEFAULT_POLICY };
    const rows = (dto.tests ?? []).map((t) => testRow(draft(t)));
    const dup = rows.find((r, i) => rows.findIndex((o) => o.name === r.name) !== i);
    if (dup) throw new ApiError(400, 'DUPLICATE_TEST_NAME', `Two tests are named ${dup.name}`);
    if (await this.problems.existsBy({ slug: dto.slug })) throw slugTaken(dto.slug);
    try {
      const saved = await this.dataSource.transaction(async (m) => {
        const problem = await m.save(
          m.create(ProblemEntity, {
            slug: dto.slug,
            name: dto.name.trim(),
            statement: dto.statement ?? '',
            timeLimitMs: dto.timeLimitMs,
            memoryLimitMb: dto.memoryLimitMb,
            outputLimitBytes,
            checker,
            security,
            published: false,
            authorId: me.id,
            timeLimitSource: 'edited',
          }),
        );
        if (rows.length)
          await m.insert(
            TestCaseEntity,
            rows.map((r, i) => ({ ...r, problemId: problem.id, ordinal: i + 1 })),
          );
        return problem;
      });
      return { ...this.problemsService.view(saved), tests: rows.length };
    } catch (e) {
      if (isUniqueViolation(e)) throw slugTaken(dto.slug); // created by someone else meanwhile
      throw e;
    }
  }

  /** Changes what the form sends; a custom checker stays unless a built-in one replaces it. */
  async update(me: Principal, slug: string, dto: UpdateProblemDto, confirmed = false) {
    const p = await this.editable(me, slug);
    const judging = [dto.timeLimitMs, dto.memoryLimitMb, dto.outputLimitBytes, dto.checker, dto.security];
    if (judging.some((v) => v !== undefined)) await this.assertJudgingMayChange(p, confirmed);
    const patch: Partial<ProblemEntity> = {};
    if (dto.name !== undefined) patch.name = dto.name.trim();
    if (dto.statement !== undefined) patch.statement = dto.statement;
    if (dto.timeLimitMs !== undefined)
      Object.assign(patch, { timeLimitMs: dto.timeLimitMs, timeLimitSource: 'edited' });
    if (dto.memoryLimitMb !== undefined) patch.memoryLimitMb = dto.memoryLimitMb;
    if (dto.outputLimitBytes !== undefined) patch.outputLimitBytes = this.outputLimit(dto.outputLimitBytes);
    if (dto.checker) patch.checker = builtinChecker(dto.checker);
    if (dto.security) patch.security = securityPolicy(dto.security, p.security ?? DEFAULT_POLICY);
    if (Object.keys(patch).length) await this.problems.update({ id: p.id }, patch);
    if (patch.timeLimitMs || patch.memoryLimitMb || patch.outputLimitBytes || patch.checker)
      await this.problemsService.markVerificationStale(p.id);
    return { ...this.problemsService.view({ ...p, ...patch }), tests: await this.tests.countBy({ problemId: p.id }) };
  }

  async securityOverview(me: Principal, slug: string) {
    const p = await this.editable(me, slug);
    return securityOverview(this.dataSource, p.id);
  }

  private outputLimit(bytes: number): number {
    const max = this.config.sandbox.outputLimitBytes;
    if (bytes > max)
      throw new ApiError(400, 'BAD_LIMIT', `outputLimitBytes must be at most ${max} (BASTION_OUTPUT_LIMIT_BYTES)`);
    return bytes;
  }
}

const slugTaken = (slug: string) =>
  new ApiError(409, 'PROBLEM_EXISTS', `A problem with the slug ${slug} already exists`);

/** The form's test as a draft row: text in UTF-8, the name under its kind's folder. */
export function draft(t: TestCaseDto) {
  return {
    name: storedTestName(t.kind, t.name),
    kind: t.kind,
    input: Buffer.from(t.input, 'utf8'),
    answer: t.answer === undefined || t.answer === null ? null : Buffer.from(t.answer, 'utf8'),
    points: t.points ?? 1,
    forbidden: t.forbidden ?? [],
  };
}
