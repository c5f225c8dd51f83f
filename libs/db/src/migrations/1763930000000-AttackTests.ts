import { MigrationInterface, QueryRunner } from 'typeorm';

export class AttackTests1763930000000 implements MigrationInterface {
  name = 'AttackTests1763930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE test_cases DROP CONSTRAINT IF EXISTS test_cases_kind_check`);
    await q.query(
      `ALTER TABLE test_cases ADD CONSTRAINT test_cases_kind_check CHECK (kind IN ('sample','secret','attack'))`,
    );
    await q.query(`ALTER TABLE test_cases ADD COLUMN check_answer boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE test_cases ADD COLUMN forbidden text[] NOT NULL DEFAULT '{}'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM test_cases WHERE kind = 'attack'`);
    await q.query(`ALTER TABLE test_cases DROP COLUMN IF EXISTS forbidden`);
    await q.query(`ALTER TABLE test_cases DROP COLUMN IF EXISTS check_answer`);
    await q.query(`ALTER TABLE test_cases DROP CONSTRAINT IF EXISTS test_cases_kind_check`);
    await q.query(`ALTER TABLE test_cases ADD CONSTRAINT test_cases_kind_check CHECK (kind IN ('sample','secret'))`);
  }
}
