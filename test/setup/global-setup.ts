import { runMigrations } from '../../libs/db/src/data-source';
import { testEnv } from './test-env';

/**
 * Runs the migrations once against the test database before the integration and e2e tiers (and
 * makes this run's secrets and admin, test-env.ts, before any suite reads them).
 */
export default async function globalSetup(): Promise<void> {
  const env = testEnv();
  Object.assign(process.env, env);
  await runMigrations(env.DATABASE_URL);
}
