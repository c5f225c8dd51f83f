import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@bastion/db';
import { testEnv } from '../../../../test/setup/test-env';
import { securityOverview } from './security-overview';

/** The overview's SQL against the real PostgreSQL, over hand-made submissions. */
describe('security overview (PostgreSQL)', () => {
  let db: DataSource;
  const tag = randomUUID().slice(0, 8);

  beforeAll(async () => {
    db = await new DataSource(dataSourceOptions(testEnv().DATABASE_URL)).initialize();
  });

  afterAll(async () => {
    await db.query(`DELETE FROM problems WHERE slug LIKE $1`, [`%-${tag}`]);
    await db.query(`DELETE FROM users WHERE email LIKE $1`, [`%-${tag}@overview.test`]);
    await db?.destroy();
  });

  const user = async (name: string, role = 'student'): Promise<string> =>
    (
      await db.query(`INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3, 'x') RETURNING id`, [
        `${name}-${tag}@overview.test`,
        name,
        role,
      ])
    )[0].id;

  const problem = async (slug: string, authorId: string): Promise<string> =>
    (
      await db.query(
        `INSERT INTO problems (slug, name, time_limit_ms, memory_limit_mb, output_limit_bytes, checker, author_id)
         VALUES ($1, $1, 1000, 256, 1024, '{"type":"tokens"}', $2) RETURNING id`,
        [slug, authorId],
      )
    )[0].id;

  let minute = 0;
  const submit = async (
    userId: string,
    problemId: string,
    cwes: string[] | null,
    { status = 'done', verdict = 'AC' } = {},
  ): Promise<void> => {
    const security =
      cwes === null
        ? null
        : {
            verdict: cwes.length ? 'vulnerable' : 'secure',
            score: 100,
            maxScore: 100,
            findings: cwes.map((cwe) => ({ cwe })),
          };
    minute++;
    await db.query(
      `INSERT INTO submissions (user_id, problem_id, language, source, status, verdict, security, created_at)
       VALUES ($1, $2, 'c', 'x', $3, $4, $5, now() - interval '1 day' + $6 * interval '1 minute')`,
      [userId, problemId, status, verdict, security === null ? null : JSON.stringify(security), minute],
    );
  };

  it('counts CWEs per submission and student, and who fixed them later', async () => {
    const prof = await user('prof', 'instructor');
    const [a, b, c] = [await user('a'), await user('b'), await user('c')];
    const p = await problem(`overview-${tag}`, prof);
    await submit(a, p, ['CWE-242', 'CWE-120', 'CWE-242']); // a finding twice counts once
    await submit(a, p, ['CWE-120']); // fixed CWE-242
    await submit(a, p, ['CWE-78'], { status: 'queued', verdict: 'AC' }); // not judged: ignored
    await submit(b, p, ['CWE-242']);
    await submit(b, p, ['CWE-242']);
    await submit(b, p, [], { verdict: 'CE' }); // a compile error fixes nothing
    await submit(c, p, null);
    await submit(prof, p, ['CWE-78']); // staff trials are left out

    expect(await securityOverview(db, p)).toEqual({
      submissions: 6,
      students: 3,
      cwes: [
        { cwe: 'CWE-242', name: expect.any(String), submissions: 3, students: 2, fixedLater: 1 },
        { cwe: 'CWE-120', name: expect.any(String), submissions: 2, students: 1, fixedLater: 0 },
      ],
    });
  });

  it('answers zeros for a problem nobody has submitted to', async () => {
    const p = await problem(`overview-empty-${tag}`, await user('prof2', 'instructor'));
    expect(await securityOverview(db, p)).toEqual({ submissions: 0, students: 0, cwes: [] });
  });
});
