import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions, TestCaseEntity } from '@bastion/db';
import { CHUNK_BYTES, ExportableProblem, PackageTest, writeKattisPackage } from '@bastion/problem-package';
import { DEFAULT_POLICY } from '@bastion/security';
import { testEnv } from '../../../../test/setup/test-env';
import { exportProblemInThread } from './export-thread';

jest.setTimeout(60_000);

/** The export thread against the real PostgreSQL: the zip it hands over is the one writeKattisPackage makes. */
describe('exportProblemInThread (PostgreSQL)', () => {
  let db: DataSource;
  const tag = randomUUID().slice(0, 8);
  const databaseUrl = testEnv().DATABASE_URL;
  let problemId: string;

  const problem: Omit<ExportableProblem, 'tests'> = {
    shortName: `export-${tag}`,
    name: 'Export',
    statement: '# Export\n',
    statements: { en: '# Export\n', ko: '# 내보내기\n' },
    timeLimitMs: 2000,
    memoryLimitMb: 256,
    outputLimitBytes: 1024 * 1024,
    checker: { type: 'tokens' },
    security: DEFAULT_POLICY,
    scoring: null,
    solutions: [{ path: 'submissions/accepted/a.py', source: 'print(input())\n' }],
    // the zip holds each file's time: without one given, two zips made across a 2-second boundary
    // (a loaded machine) differ
    modifiedAt: new Date('2026-12-07T12:00:00Z'),
  };
  // Big enough to span chunks (partly random, so the zip stays big too).
  const big = Buffer.concat([randomBytes(CHUNK_BYTES), Buffer.alloc(CHUNK_BYTES, 0x61)]);
  const tests: PackageTest[] = [
    {
      name: 'sample/1',
      kind: 'sample',
      points: 1,
      input: Buffer.from('1\n'),
      answer: Buffer.from('1\n'),
      checkAnswer: true,
      forbidden: [],
    },
    {
      name: 'secret/big',
      kind: 'secret',
      points: 1,
      input: big,
      answer: big.subarray(3),
      checkAnswer: true,
      forbidden: [],
    },
    {
      name: 'attack/a',
      kind: 'attack',
      points: 0,
      input: Buffer.from([0, 255]),
      answer: Buffer.alloc(0),
      checkAnswer: false,
      forbidden: ['flag'],
    },
  ];

  beforeAll(async () => {
    db = await new DataSource(dataSourceOptions(databaseUrl)).initialize();
    [{ id: problemId }] = await db.query(
      `INSERT INTO problems (slug, name, time_limit_ms, memory_limit_mb, output_limit_bytes, checker)
       VALUES ($1, $1, 2000, 256, 1048576, '{"type":"tokens"}') RETURNING id`,
      [`export-${tag}`],
    );
    await db.getRepository(TestCaseEntity).insert(
      tests.map((t, i) => ({
        ...t,
        problemId,
        ordinal: i + 1,
        inputHash: 'x'.repeat(64),
        answerHash: 'x'.repeat(64),
      })),
    );
  });

  afterAll(async () => {
    await db?.query(`DELETE FROM problems WHERE slug = $1`, [`export-${tag}`]);
    await db?.destroy();
  });

  it('hands over, a chunk at a time, the zip writeKattisPackage makes of the stored tests', async () => {
    const zip = await exportProblemInThread({ databaseUrl, problemId, problem });
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of zip.read()) chunks.push(chunk);
    } finally {
      await zip.close();
    }
    const expected = writeKattisPackage({ ...problem, tests });
    expect(zip.bytes).toBe(expected.length);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.every((c) => c.length <= CHUNK_BYTES)).toBe(true);
    expect(Buffer.concat(chunks).equals(expected)).toBe(true);
  });

  it('lets the next export in when one is closed unread, and reports a thread that cannot read', async () => {
    for (let i = 0; i < 4; i++) {
      const zip = await exportProblemInThread({ databaseUrl, problemId, problem });
      await zip.close();
    }
    await expect(
      exportProblemInThread({ databaseUrl: 'postgres://nobody:wrong@127.0.0.1:1/none', problemId, problem }),
    ).rejects.toThrow(/ECONNREFUSED/);
    const zip = await exportProblemInThread({ databaseUrl, problemId, problem });
    await zip.close();
  });
});
