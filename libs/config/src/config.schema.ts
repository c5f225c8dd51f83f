import { cpus } from 'node:os';
import { z } from 'zod';

const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);

/** Every environment variable Bastion reads, with its default. README's configuration table mirrors this. */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: int(3000, 1),
  HOST: z.string().default('0.0.0.0'),
  BASTION_TRUST_PROXY: z.string().default('loopback'),
  DATABASE_URL: z.string().url().default('postgres://bastion:bastion@127.0.0.1:5432/bastion'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  // Secrets have no default, in any environment: `npm run up` makes random ones (scripts/secrets.sh).
  BASTION_JWT_SECRET: z.string().min(32, 'must be at least 32 characters (scripts/secrets.sh makes one)'),
  BASTION_TOKEN_TTL: z.string().default('12h'),
  BASTION_ADMIN_EMAIL: z.string().email().default('admin@bastion.local'),
  BASTION_ADMIN_PASSWORD: z.string().min(12).max(200).optional(),
  BASTION_MAX_SOURCE_BYTES: int(64 * 1024, 1),
  BASTION_MAX_STDIN_BYTES: int(1024 * 1024, 0),
  BASTION_MAX_PACKAGE_BYTES: int(64 * 1024 * 1024, 1),
  BASTION_WORKER_CONCURRENCY: int(cpus().length, 1),
  BASTION_POOL_SIZE: int(cpus().length + 1, 0),
  BASTION_SANDBOX_RUNTIME: z.string().default('runc'),
  // auto: on under runc; bwrap cannot build its namespaces under gVisor (see docs/architecture.md)
  BASTION_SANDBOX_SESSIONS: z.enum(['auto', 'on', 'off']).default('auto'),
  BASTION_SANDBOX_REUSE: int(50, 1),
  BASTION_IMAGE_PREFIX: z.string().default('bastion-judge-'),
  BASTION_CONTAINER_CPUS: z.coerce.number().positive().default(1),
  BASTION_SANDBOX_TIME_FACTOR: z.coerce.number().min(1).max(10).optional(),
  BASTION_PIDS_LIMIT: int(128, 16),
  BASTION_COMPILE_MEMORY_MB: int(1024, 64),
  BASTION_COMPILE_TIME_MS: int(30_000, 1000),
  BASTION_OUTPUT_LIMIT_BYTES: int(16 * 1024 * 1024, 1024),
  BASTION_WORKDIR_MB: int(64, 16),
  BASTION_JOB_ATTEMPTS: int(3, 1),
  // at least 3 lease renewals of a judging worker (JUDGING_LEASE_RENEW_MS, 5 s)
  BASTION_RECONCILE_AFTER_S: int(15, 15),
  BASTION_RUN_WAIT_MS: int(60_000, 1000),
  BASTION_DATA_DIR: z.string().default('.run/data'),
  BASTION_LOGIN_LIMIT_PER_MIN: int(10, 1),
  BASTION_LOGIN_IP_LIMIT_PER_MIN: int(100, 1),
  BASTION_SUBMIT_LIMIT_PER_MIN: int(30, 1),
  BASTION_CORS_ORIGINS: z.string().default(''),
  BASTION_WEBHOOK_SECRET: z.string().min(32, 'must be at least 32 characters (scripts/secrets.sh makes one)'),
  BASTION_WEBHOOK_ATTEMPTS: int(6, 1),
  BASTION_WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  BASTION_WEB_DIR: z.string().default('dist/web'),
  BASTION_WORKER_ID: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;
