import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts an admin can disable, and a session version: a password reset bumps it, and sign-in
 * tokens carrying an older version are refused from then on.
 */
export class AccountStatus1765000000000 implements MigrationInterface {
  name = 'AccountStatus1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN disabled_at timestamptz`);
    await q.query(`ALTER TABLE users ADD COLUMN session_version integer NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS session_version`);
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS disabled_at`);
  }
}
