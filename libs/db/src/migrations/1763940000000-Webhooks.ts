import { MigrationInterface, QueryRunner } from 'typeorm';

export class Webhooks1763940000000 implements MigrationInterface {
  name = 'Webhooks1763940000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE submissions ADD COLUMN callback_url varchar(2000)`);
    await q.query(`ALTER TABLE api_tokens ADD COLUMN callback_url varchar(2000)`);
    await q.query(`CREATE TABLE webhook_deliveries (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      submission_id uuid NOT NULL REFERENCES submissions(id) ON DELETE CASCADE,
      url varchar(2000) NOT NULL,
      attempt integer NOT NULL,
      status_code integer,
      error text,
      duration_ms integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX webhook_deliveries_submission ON webhook_deliveries (submission_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS webhook_deliveries`);
    await q.query(`ALTER TABLE api_tokens DROP COLUMN IF EXISTS callback_url`);
    await q.query(`ALTER TABLE submissions DROP COLUMN IF EXISTS callback_url`);
  }
}
