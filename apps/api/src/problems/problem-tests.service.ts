import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not, Repository } from 'typeorm';
import { ProblemEntity, TestCaseEntity } from '@bastion/db';
import { Principal } from '../common/access.decorator';
import { ApiError } from '../common/api-error';
import { AUTHORING_LIMITS } from './authoring.limits';
import { shortTestName, storedTestName, testRow } from './authoring.rules';
import { AuthoringService, draft } from './authoring.service';
import { TestCaseDto, UpdateTestCaseDto } from './dto/authoring.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface SummaryRow {
  id: string;
  ordinal: number;
  name: string;
  kind: string;
  points: number;
  check_answer: boolean;
  forbidden: string[];
  input_bytes: number;
  answer_bytes: number;
}

const SUMMARY = `SELECT id, ordinal, name, kind, points, check_answer, forbidden,
                        octet_length(input) AS input_bytes, octet_length(answer) AS answer_bytes
                   FROM test_cases`;

const summary = (r: SummaryRow) => ({
  id: r.id,
  ordinal: r.ordinal,
  name: r.name,
  kind: r.kind,
  points: r.points,
  inputBytes: Number(r.input_bytes),
  answerBytes: Number(r.answer_bytes),
  checkAnswer: r.check_answer,
  forbidden: r.forbidden,
});

/** A problem's tests, one at a time, for its author and admins. Edits take effect on the next judging. */
@Injectable()
export class ProblemTestsService {
  constructor(
    @InjectRepository(TestCaseEntity) private readonly tests: Repository<TestCaseEntity>,
    private readonly dataSource: DataSource,
    private readonly authoring: AuthoringService,
  ) {}

  async list(me: Principal, slug: string) {
    const p = await this.authoring.editable(me, slug);
    const rows: SummaryRow[] = await this.dataSource.query(`${SUMMARY} WHERE problem_id = $1 ORDER BY ordinal`, [p.id]);
    return rows.map(summary);
  }

  async get(me: Principal, slug: string, id: string) {
    const p = await this.authoring.editable(me, slug);
    const t = await this.find(this.dataSource.manager, p.id, id);
    return {
      ...(await this.summary(this.dataSource.manager, t.id)),
      input: t.input.toString('utf8'),
      answer: t.answer.toString('utf8'),
    };
  }

  /** Appends a test after the last one. */
  async create(me: Principal, slug: string, dto: TestCaseDto, confirmed = false) {
    const p = await this.authoring.editable(me, slug);
    await this.authoring.assertJudgingMayChange(p, confirmed);
    const row = testRow(draft(dto));
    const created = await this.dataSource.transaction(async (m) => {
      await this.lock(m, p.id);
      await this.assertNameFree(m, p.id, row.name);
      const { count, last } = await m
        .createQueryBuilder(TestCaseEntity, 't')
        .select('count(*)::int', 'count')
        .addSelect('coalesce(max(t.ordinal), 0)::int', 'last')
        .where('t.problem_id = :id', { id: p.id })
        .getRawOne<{ count: number; last: number }>()
        .then((r) => r ?? { count: 0, last: 0 });
      if (count >= AUTHORING_LIMITS.testsPerProblem)
        throw new ApiError(
          409,
          'TOO_MANY_TESTS',
          `A problem holds at most ${AUTHORING_LIMITS.testsPerProblem} tests through this API`,
        );
      const { identifiers } = await m.insert(TestCaseEntity, { ...row, problemId: p.id, ordinal: last + 1 });
      return this.summary(m, identifiers[0].id as string);
    });
    await this.authoring.testsChanged(p.id);
    return created;
  }

  /** Replaces the fields given; the rest stay. */
  async update(me: Principal, slug: string, id: string, dto: UpdateTestCaseDto, confirmed = false) {
    const p = await this.authoring.editable(me, slug);
    await this.authoring.assertJudgingMayChange(p, confirmed);
    const updated = await this.dataSource.transaction(async (m) => {
      await this.lock(m, p.id);
      const t = await this.find(m, p.id, id);
      const kind = dto.kind ?? t.kind;
      const name =
        dto.name !== undefined
          ? storedTestName(kind, dto.name)
          : kind !== t.kind
            ? storedTestName(kind, shortTestName(t.name))
            : t.name;
      const row = testRow({
        name,
        kind,
        input: dto.input !== undefined ? Buffer.from(dto.input, 'utf8') : t.input,
        answer:
          dto.answer === undefined
            ? t.checkAnswer
              ? t.answer
              : null
            : dto.answer === null
              ? null
              : Buffer.from(dto.answer, 'utf8'),
        points: dto.points ?? t.points,
        forbidden: dto.forbidden ?? t.forbidden,
      });
      if (name !== t.name) await this.assertNameFree(m, p.id, name, t.id);
      await m.update(TestCaseEntity, { id: t.id }, row);
      return this.summary(m, t.id);
    });
    await this.authoring.testsChanged(p.id);
    return updated;
  }

  async remove(me: Principal, slug: string, id: string, confirmed = false): Promise<void> {
    const p = await this.authoring.editable(me, slug);
    await this.authoring.assertJudgingMayChange(p, confirmed);
    if (!UUID.test(id)) throw notFound(id);
    const { affected } = await this.tests.delete({ id, problemId: p.id });
    if (!affected) throw notFound(id);
    await this.authoring.testsChanged(p.id);
  }

  /** Serializes test changes per problem, so names stay unique and ordinals do not collide. */
  private async lock(m: EntityManager, problemId: string): Promise<void> {
    await m.findOne(ProblemEntity, { where: { id: problemId }, lock: { mode: 'pessimistic_write' } });
  }

  private async find(m: EntityManager, problemId: string, id: string): Promise<TestCaseEntity> {
    const t = UUID.test(id)
      ? await m
          .createQueryBuilder(TestCaseEntity, 't')
          .addSelect(['t.input', 't.answer'])
          .where('t.id = :id AND t.problem_id = :problemId', { id, problemId })
          .getOne()
      : null;
    if (!t) throw notFound(id);
    return t;
  }

  private async assertNameFree(m: EntityManager, problemId: string, name: string, except?: string): Promise<void> {
    const taken = await m.existsBy(TestCaseEntity, { problemId, name, ...(except ? { id: Not(except) } : {}) });
    if (taken) throw new ApiError(409, 'TEST_EXISTS', `This problem already has a test named ${name}`);
  }

  private async summary(m: EntityManager, id: string) {
    const [row]: SummaryRow[] = await m.query(`${SUMMARY} WHERE id = $1`, [id]);
    return summary(row);
  }
}

const notFound = (id: string) => new ApiError(404, 'TEST_NOT_FOUND', `This problem has no test ${id}`);
