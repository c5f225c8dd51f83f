import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { testEnv } from '../../../test/setup/test-env';
import { copyRows } from './binary-copy';
import { dataSourceOptions } from './data-source';
import { TestCaseEntity, TestKind } from './entities';

const COLUMNS = [
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

interface Row {
  name: string;
  kind: TestKind;
  points: number;
  input: Buffer;
  answer: Buffer;
  checkAnswer: boolean;
  forbidden: string[];
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Up to `size` bytes a part, as the package thread's chunks arrive. */
async function* parts(b: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let at = 0; at < b.length; at += size) yield b.subarray(at, at + size);
}

/** Binary COPY into test_cases against the real PostgreSQL: what it stores, and what it refuses. */
jest.setTimeout(60_000);

describe('copyRows (PostgreSQL)', () => {
  let db: DataSource;
  const tag = randomUUID().slice(0, 8);
  let problemId: string;

  beforeAll(async () => {
    db = await new DataSource(dataSourceOptions(testEnv().DATABASE_URL)).initialize();
    [{ id: problemId }] = await db.query(
      `INSERT INTO problems (slug, name, time_limit_ms, memory_limit_mb, output_limit_bytes, checker)
       VALUES ($1, $1, 1000, 256, 1024, '{"type":"tokens"}') RETURNING id`,
      [`copy-${tag}`],
    );
  });

  afterAll(async () => {
    await db?.query(`DELETE FROM problems WHERE slug IN ($1, $2)`, [`copy-${tag}`, `copy-insert-${tag}`]);
    await db?.destroy();
  });

  const copy = (rows: Row[], partBytes = 1024 * 1024) =>
    db.transaction((m) =>
      copyRows(m, 'test_cases', COLUMNS, async (c) => {
        for (const [i, r] of rows.entries()) {
          c.row(COLUMNS.length)
            .uuid(problemId)
            .int4(i + 1)
            .text(r.name)
            .text(r.kind)
            .int4(r.points);
          await c.bytea(r.input.length, parts(r.input, partBytes));
          await c.bytea(r.answer.length, parts(r.answer, partBytes));
          c.text(sha256(r.input)).text(sha256(r.answer)).bool(r.checkAnswer).textArray(r.forbidden);
          await c.drain();
        }
      }),
    );

  /** The stored rows, with each bytea as its length and hash (jest compares big buffers byte by byte, slowly). */
  const stored = async (problem = problemId) =>
    (
      await db.query(
        `SELECT name, kind, points, input, answer, input_hash, answer_hash, check_answer, forbidden
           FROM test_cases WHERE problem_id = $1 ORDER BY ordinal`,
        [problem],
      )
    ).map((r: Record<string, unknown>) => ({
      name: r.name,
      kind: r.kind,
      points: r.points,
      input: digest(r.input as Buffer),
      answer: digest(r.answer as Buffer),
      checkAnswer: r.check_answer,
      forbidden: r.forbidden,
      hashes: [r.input_hash, r.answer_hash],
    }));
  const digest = (b: Buffer) => `${b.length} bytes, sha256 ${sha256(b)}`;
  const expected = (rows: Row[]) =>
    rows.map((r) => ({
      ...r,
      input: digest(r.input),
      answer: digest(r.answer),
      hashes: [sha256(r.input), sha256(r.answer)],
    }));

  it('stores every value as an INSERT would, bytea in parts of any size', async () => {
    const big = randomBytes(3 * 1024 * 1024 + 5);
    const rows: Row[] = [
      {
        name: 'sample/1',
        kind: 'sample',
        points: 1,
        input: Buffer.from('1 2\n'),
        answer: Buffer.from('3\n'),
        checkAnswer: true,
        forbidden: [],
      },
      {
        name: 'secret/big',
        kind: 'secret',
        points: 2_000_000_000,
        input: big,
        answer: big.subarray(7),
        checkAnswer: true,
        forbidden: [],
      },
      {
        name: 'secret/ü-名前',
        kind: 'secret',
        points: 0,
        input: Buffer.alloc(0),
        answer: Buffer.from([0, 255, 10]),
        checkAnswer: true,
        forbidden: [],
      },
      {
        name: 'attack/x',
        kind: 'attack',
        points: 0,
        input: Buffer.from([0, 1, 2]),
        answer: Buffer.alloc(0),
        checkAnswer: false,
        forbidden: ['secret', 'ünïcode "quoted", {braced}', ''],
      },
    ];
    // Small parts (gathered) and large ones (written as they are) alike.
    expect(await copy(rows, 10_000)).toBe(rows.length);
    expect(await stored()).toEqual(expected(rows));
    // The same rows through TypeORM's INSERT, which the import used before, read back the same.
    const [{ id: other }] = await db.query(
      `INSERT INTO problems (slug, name, time_limit_ms, memory_limit_mb, output_limit_bytes, checker)
       VALUES ($1, $1, 1000, 256, 1024, '{"type":"tokens"}') RETURNING id`,
      [`copy-insert-${tag}`],
    );
    await db.getRepository(TestCaseEntity).insert(
      rows.map((r, i) => ({
        ...r,
        problemId: other,
        ordinal: i + 1,
        inputHash: sha256(r.input),
        answerHash: sha256(r.answer),
      })),
    );
    expect(await stored(other)).toEqual(await stored());
    await db.query(`DELETE FROM test_cases WHERE problem_id = $1`, [problemId]);
    expect(await copy(rows, 1024 * 1024)).toBe(rows.length);
    expect(await stored()).toEqual(expected(rows));
    await db.query(`DELETE FROM test_cases WHERE problem_id = $1`, [problemId]);
  });

  const row = (name: string, points = 1): Row => ({
    name,
    kind: 'secret',
    points,
    input: randomBytes(200_000),
    answer: Buffer.from('x'),
    checkAnswer: true,
    forbidden: [],
  });

  it('refuses what PostgreSQL refuses, keeps nothing, and leaves the connection usable', async () => {
    // Too long for varchar(200), a kind outside the check, a duplicate ordinal: PostgreSQL's errors.
    await expect(copy([row('secret/a'), row(`secret/${'n'.repeat(300)}`)])).rejects.toThrow(/too long/);
    await expect(copy([row('secret/a'), { ...row('secret/b'), kind: 'hidden' as TestKind }])).rejects.toThrow(
      /check constraint/,
    );
    // Not an int4 (an INSERT's text parameter is refused the same way).
    await expect(copy([row('secret/a', 1.5)])).rejects.toThrow(/not an integer/);
    await expect(copy([row('secret/a', 2 ** 31)])).rejects.toThrow(/not an integer/);
    expect(await stored()).toEqual([]);
    expect(await db.query(`SELECT 1 AS ok`)).toEqual([{ ok: 1 }]);
  });

  it('ends the COPY when the data source fails midway, so the transaction rolls back', async () => {
    const failing = db.transaction((m) =>
      copyRows(m, 'test_cases', COLUMNS, async (c) => {
        c.row(COLUMNS.length).uuid(problemId).int4(1).text('secret/a').text('secret').int4(1);
        await c.bytea(
          2 * 1024 * 1024,
          (async function* () {
            yield randomBytes(1024 * 1024);
            throw new Error('the package thread died');
          })(),
        );
      }),
    );
    await expect(failing).rejects.toThrow('the package thread died');
    // A bytea shorter than announced is caught before PostgreSQL would read the next field from it.
    await expect(
      db.transaction((m) =>
        copyRows(m, 'test_cases', COLUMNS, async (c) => {
          c.row(COLUMNS.length).uuid(problemId).int4(1).text('secret/a').text('secret').int4(1);
          await c.bytea(10, parts(Buffer.alloc(9), 4));
        }),
      ),
    ).rejects.toThrow(/announced as 10 bytes had 9/);
    expect(await stored()).toEqual([]);
    // Every pooled connection still answers (none was left in COPY mode).
    const answers = await Promise.all(Array.from({ length: 10 }, () => db.query(`SELECT 1 AS ok`)));
    expect(answers).toEqual(Array.from({ length: 10 }, () => [{ ok: 1 }]));
  });

  it('needs a transaction', async () => {
    await expect(copyRows(db.manager, 'test_cases', COLUMNS, async () => undefined)).rejects.toThrow(
      /needs a transaction/,
    );
  });
});
