import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { Env, envSchema } from './config.schema';

export interface BastionConfig {
  env: Env['NODE_ENV'];
  http: { port: number; host: string };
  databaseUrl: string;
  redisUrl: string;
  auth: { jwtSecret: string; tokenTtl: string; adminEmail: string; adminPassword: string };
  limits: { maxSourceBytes: number; maxStdinBytes: number; maxPackageBytes: number };
  rateLimits: { loginPerMin: number; loginPerIpPerMin: number; submitPerMin: number };
  corsOrigins: string[];
  webhooks: { secret: string; attempts: number; allowPrivate: boolean };
  worker: { id: string; concurrency: number; jobAttempts: number; reconcileAfterMs: number; dataDir: string };
  sandbox: {
    runtime: string;
    imagePrefix: string;
    poolSize: number;
    cpus: number;
    /**
     * CPU limits are multiplied by this and measured times divided by it. gVisor's ptrace platform
     * charges the Sentry's work on a program's system calls and page faults to the program.
     */
    timeFactor: number;
    pidsLimit: number;
    compileMemoryMb: number;
    compileTimeMs: number;
    outputLimitBytes: number;
    workdirMb: number;
  };
  runWaitMs: number;
  webDir: string;
}

const DEV_JWT_SECRET = 'bastion-local-development-secret-change-me';
const DEV_WEBHOOK_SECRET = 'bastion-local-webhook-secret-change-me';

export class ConfigError extends Error {}

/**
 * Under gVisor (runsc) without KVM, Node.js's start-up alone measured 0.55 s of CPU against
 * 0.19 s under runc, and over 1.2 s while another sandbox ran beside it: a 1 s limit would fail a
 * correct JavaScript program. Pure computation runs at native speed there, so the factor is lenient
 * to CPU-bound programs; set BASTION_SANDBOX_TIME_FACTOR to calibrate.
 */
export function defaultTimeFactor(runtime: string): number {
  return runtime === 'runsc' ? 3 : 1;
}

/** Parses the environment once; throws a ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): BastionConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  for (const name of ['BASTION_JWT_SECRET', 'BASTION_WEBHOOK_SECRET'] as const) {
    if (e.NODE_ENV === 'production' && !e[name]) {
      throw new ConfigError(`Invalid configuration:\n  ${name}: required when NODE_ENV=production`);
    }
  }
  return {
    env: e.NODE_ENV,
    http: { port: e.PORT, host: e.HOST },
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    auth: {
      jwtSecret: e.BASTION_JWT_SECRET ?? DEV_JWT_SECRET,
      tokenTtl: e.BASTION_TOKEN_TTL,
      adminEmail: e.BASTION_ADMIN_EMAIL,
      adminPassword: e.BASTION_ADMIN_PASSWORD,
    },
    limits: {
      maxSourceBytes: e.BASTION_MAX_SOURCE_BYTES,
      maxStdinBytes: e.BASTION_MAX_STDIN_BYTES,
      maxPackageBytes: e.BASTION_MAX_PACKAGE_BYTES,
    },
    rateLimits: {
      loginPerMin: e.BASTION_LOGIN_LIMIT_PER_MIN,
      loginPerIpPerMin: e.BASTION_LOGIN_IP_LIMIT_PER_MIN,
      submitPerMin: e.BASTION_SUBMIT_LIMIT_PER_MIN,
    },
    corsOrigins: e.BASTION_CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    webhooks: {
      secret: e.BASTION_WEBHOOK_SECRET ?? DEV_WEBHOOK_SECRET,
      attempts: e.BASTION_WEBHOOK_ATTEMPTS,
      allowPrivate: e.BASTION_WEBHOOK_ALLOW_PRIVATE === 'true',
    },
    worker: {
      id: e.BASTION_WORKER_ID ?? hostname(),
      concurrency: e.BASTION_WORKER_CONCURRENCY,
      jobAttempts: e.BASTION_JOB_ATTEMPTS,
      reconcileAfterMs: e.BASTION_RECONCILE_AFTER_S * 1000,
      dataDir: resolve(e.BASTION_DATA_DIR),
    },
    sandbox: {
      runtime: e.BASTION_SANDBOX_RUNTIME,
      imagePrefix: e.BASTION_IMAGE_PREFIX,
      poolSize: e.BASTION_POOL_SIZE,
      cpus: e.BASTION_CONTAINER_CPUS,
      timeFactor: e.BASTION_SANDBOX_TIME_FACTOR ?? defaultTimeFactor(e.BASTION_SANDBOX_RUNTIME),
      pidsLimit: e.BASTION_PIDS_LIMIT,
      compileMemoryMb: e.BASTION_COMPILE_MEMORY_MB,
      compileTimeMs: e.BASTION_COMPILE_TIME_MS,
      outputLimitBytes: e.BASTION_OUTPUT_LIMIT_BYTES,
      workdirMb: e.BASTION_WORKDIR_MB,
    },
    runWaitMs: e.BASTION_RUN_WAIT_MS,
    webDir: resolve(e.BASTION_WEB_DIR),
  };
}
