import { randomBytes } from 'node:crypto';

/**
 * A secret made once per test run (kept in this process's environment, so the global set-up, every
 * suite and the apps they start agree): like a deployment's, no test secret is written anywhere.
 */
function runSecret(name: string, bytes = 32): string {
  const key = `BASTION_TEST_RUN_${name}`;
  return (process.env[key] ??= randomBytes(bytes).toString('base64url'));
}

/**
 * The environment the integration and e2e tiers run with: a database and Redis DB of their own,
 * so a test run never touches the data of a system brought up with `npm run up`.
 */
export function testEnv(): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: process.env.TEST_DATABASE_URL ?? 'postgres://bastion:bastion@127.0.0.1:5432/bastion_test',
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/1',
    BASTION_DATA_DIR: '.run/test-data',
    BASTION_WORKER_ID: `test-${process.pid}`,
    // One attempt per job: a judge failure shows as IE instead of passing on a second try. Suites
    // about recovering from faults set their own.
    BASTION_JOB_ATTEMPTS: '1',
    // Suites sign in and submit far faster than people; the limits themselves are tested with their own keys.
    BASTION_LOGIN_IP_LIMIT_PER_MIN: '100000',
    BASTION_SUBMIT_LIMIT_PER_MIN: '100000',
    // The tests' webhook receivers listen on 127.0.0.1.
    BASTION_WEBHOOK_ALLOW_PRIVATE: 'true',
    BASTION_JWT_SECRET: runSecret('JWT_SECRET'),
    BASTION_WEBHOOK_SECRET: runSecret('WEBHOOK_SECRET'),
    // An admin of this run's own (the API creates it at start): test runs side by side on one
    // machine share the test database, and must not change each other's admin.
    BASTION_ADMIN_EMAIL: `admin-${Buffer.from(runSecret('ADMIN_ID', 6), 'base64url').toString('hex')}@bastion.test`,
    BASTION_ADMIN_PASSWORD: runSecret('ADMIN_PASSWORD', 15),
  };
}
