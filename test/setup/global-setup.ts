import * as argon2 from 'argon2';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '../../libs/db/src/data-source';
import { testEnv } from './test-env';

/**
 * Runs the migrations once against the test database before the integration and e2e tiers, and
 * gives its admin (created by an earlier run, which had a password of its own) this run's password.
 */
export default async function globalSetup(): Promise<void> {
  const env = testEnv();
  Object.assign(process.env, env);
  await runMigrations(env.DATABASE_URL);
  const db = await new DataSource(dataSourceOptions(env.DATABASE_URL)).initialize();
  try {
    const hash = await argon2.hash(env.BASTION_ADMIN_PASSWORD, { type: argon2.argon2id });
    await db.query(`UPDATE users SET password_hash = $1 WHERE email = 'admin@bastion.local'`, [hash]);
  } finally {
    await db.destroy();
  }
}
