import { MigrationInterface, QueryRunner } from 'typeorm';

export class TokensAndIdempotency1763910000000 implements MigrationInterface {
  name = 'TokensAndIdempotency1763910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE api_tokens (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      name varchar(100) NOT NULL,
      token_hash char(64) NOT NULL UNIQUE,
      prefix varchar(8) NOT NULL,
      scopes text[] NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz)`);
    await q.query(`ALTER TABLE submissions ADD COLUMN idempotency_key varchar(200)`);
    await q.query(`CREATE UNIQUE INDEX submissions_idempotency ON submissions (user_id, idempotency_key)
      WHERE idempotency_key IS NOT NULL`);
    await q.query(`CREATE INDEX submissions_problem ON submissions (problem_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS submissions_problem`);
    await q.query(`DROP INDEX IF EXISTS submissions_idempotency`);
    await q.query(`ALTER TABLE submissions DROP COLUMN IF EXISTS idempotency_key`);
    await q.query(`DROP TABLE IF EXISTS api_tokens`);
  }
}
