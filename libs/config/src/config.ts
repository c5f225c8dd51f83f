import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { Env, envSchema } from './config.schema';

export interface BastionConfig {
  env: Env['NODE_ENV'];
  /**
   * trustProxy: Express's 'trust proxy' (addresses, subnets, `loopback`, a hop count): the proxies
   * whose X-Forwarded-For/-Proto are believed, for client addresses and for telling https requests.
   */
  http: { port: number; host: string; trustProxy: string | number | boolean };
  databaseUrl: string;
  redisUrl: string;
  /** adminPassword: the first admin's; when unset, the API makes a random one and logs it once. */
  auth: { jwtSecret: string; tokenTtl: string; adminEmail: string; adminPassword: string | null };
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
    /**
     * Long-lived judge containers, each submission in a session of fresh namespaces made by bwrap
     * inside one (see SandboxSettings.sessions), each container serving `reuse` submissions at most.
     */
    sessions: boolean;
    reuse: number;
  };
  runWaitMs: number;
  webDir: string;
}

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

/** DATABASE_URL alone (for `npm run migrate`, which needs none of the secrets). */
export function loadDatabaseUrl(source: NodeJS.ProcessEnv = process.env): string {
  const parsed = envSchema.pick({ DATABASE_URL: true }).safeParse(source);
  if (!parsed.success)
    throw new ConfigError(`Invalid configuration:\n  DATABASE_URL: ${parsed.error.issues[0].message}`);
  return parsed.data.DATABASE_URL;
}

/** `true`/`false`, a hop count, or addresses and subnets as Express takes them. */
function parseTrustProxy(v: string): string | number | boolean {
  if (v === 'true' || v === 'false') return v === 'true';
  return /^\d+$/.test(v) ? Number(v) : v;
}

/** Parses the environment once; throws a ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): BastionConfig {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    env: e.NODE_ENV,
    http: { port: e.PORT, host: e.HOST, trustProxy: parseTrustProxy(e.BASTION_TRUST_PROXY) },
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    auth: {
      jwtSecret: e.BASTION_JWT_SECRET,
      tokenTtl: e.BASTION_TOKEN_TTL,
      adminEmail: e.BASTION_ADMIN_EMAIL,
      adminPassword: e.BASTION_ADMIN_PASSWORD ?? null,
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
      secret: e.BASTION_WEBHOOK_SECRET,
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
      sessions:
        e.BASTION_SANDBOX_SESSIONS === 'auto'
          ? e.BASTION_SANDBOX_RUNTIME === 'runc'
          : e.BASTION_SANDBOX_SESSIONS === 'on',
      reuse: e.BASTION_SANDBOX_REUSE,
    },
    runWaitMs: e.BASTION_RUN_WAIT_MS,
    webDir: resolve(e.BASTION_WEB_DIR),
  };
}
