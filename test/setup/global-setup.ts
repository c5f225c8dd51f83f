import { runMigrations } from '../../libs/db/src/data-source';
import { testEnv } from './test-env';

/** Runs the migrations once against the test database before the integration and e2e tiers. */
export default async function globalSetup(): Promise<void> {
  Object.assign(process.env, testEnv());
  await runMigrations(process.env.DATABASE_URL as string);
}
