import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@bastion/db';
import { testEnv } from '../../../test/setup/test-env';
import { acceptedSql, isAccepted } from './policy';

/** isAccepted() and the SQL the gradebook uses for it say the same of every verdict and security outcome. */
describe('one meaning of accepted (TypeScript and PostgreSQL)', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await new DataSource(dataSourceOptions(testEnv().DATABASE_URL)).initialize();
  });

  afterAll(() => db?.destroy());

  const verdicts = ['AC', 'WA', 'TLE', 'CE', 'IE', null];
  const outcomes = [null, { verdict: 'secure' }, { verdict: 'vulnerable' }, {}];

  it.each(verdicts.flatMap((v) => outcomes.map((o) => [v, o] as const)))('verdict %p, security %p', async (v, o) => {
    const rows: { accepted: boolean }[] = await db.query(
      `SELECT ${acceptedSql('s')} AS accepted FROM (SELECT $1::varchar AS verdict, $2::jsonb AS security) s`,
      [v, o === null ? null : JSON.stringify(o)],
    );
    expect(rows[0].accepted).toBe(isAccepted(v, o as { verdict: 'secure' | 'vulnerable' } | null));
  });

  it('refuses an alias that is not one', () => {
    expect(() => acceptedSql('s; DROP TABLE users')).toThrow();
  });
});
