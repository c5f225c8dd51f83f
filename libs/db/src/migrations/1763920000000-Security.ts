import { MigrationInterface, QueryRunner } from 'typeorm';

export class Security1763920000000 implements MigrationInterface {
  name = 'Security1763920000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE problems ADD COLUMN security jsonb`);
    await q.query(`ALTER TABLE submissions ADD COLUMN security jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE submissions DROP COLUMN IF EXISTS security`);
    await q.query(`ALTER TABLE problems DROP COLUMN IF EXISTS security`);
  }
}
