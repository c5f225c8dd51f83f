import { MigrationInterface, QueryRunner } from 'typeorm';

/** Test groups and their scoring, reference solutions, verification reports, per-group results. */
export class ScoringAndVerification1763945000000 implements MigrationInterface {
  name = 'ScoringAndVerification1763945000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE problems ADD COLUMN scoring jsonb`);
    await q.query(`ALTER TABLE problems ADD COLUMN verification jsonb`);
    await q.query(`ALTER TABLE problems ADD COLUMN time_limit_source varchar(20) NOT NULL DEFAULT 'package'`);
    await q.query(`ALTER TABLE problems ADD COLUMN time_multiplier double precision NOT NULL DEFAULT 5`);
    await q.query(`ALTER TABLE submissions ADD COLUMN groups jsonb`);
    await q.query(`CREATE TABLE problem_solutions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      problem_id uuid NOT NULL REFERENCES problems(id) ON DELETE CASCADE,
      ordinal integer NOT NULL,
      path varchar(300) NOT NULL,
      language varchar(20),
      expected varchar(10) NOT NULL,
      source text NOT NULL,
      note varchar(300),
      UNIQUE (problem_id, path))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS problem_solutions`);
    await q.query(`ALTER TABLE submissions DROP COLUMN IF EXISTS groups`);
    for (const c of ['time_multiplier', 'time_limit_source', 'verification', 'scoring'])
      await q.query(`ALTER TABLE problems DROP COLUMN IF EXISTS ${c}`);
  }
}
