import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { testEnv } from '../setup/test-env';
import { freePort } from './free-port';

const ROOT = join(__dirname, '..', '..');

export interface RunningSystem {
  baseUrl: string;
  env: Record<string, string>;
  stop(): Promise<void>;
  /** Stops and starts the worker process (used by fault tests and to prove the judge survives). */
  restartWorker(): Promise<void>;
  /** kill -9 of the worker, as a crash would do. */
  killWorker(): Promise<void>;
  startWorker(): void;
  /** Whether the worker process (the current one, after restarts) is still running. */
  workerAlive(): boolean;
}

function start(name: string, env: Record<string, string>): ChildProcess {
  mkdirSync(join(ROOT, '.run'), { recursive: true });
  const log = createWriteStream(join(ROOT, '.run', `test-${name}.log`), { flags: 'a' });
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', name, 'src', 'main.js')], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export async function waitForHealth(baseUrl: string, timeoutMs = 90_000, children: ChildProcess[] = []): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const dead = children.find((c) => c.exitCode !== null);
    if (dead) throw new Error(`${dead.spawnargs.at(-1)} exited with code ${dead.exitCode}; see .run/test-*.log`);
    try {
      const r = await fetch(`${baseUrl}/health`);
      if (r.status === 200) return;
      last = await r.text();
    } catch (e) {
      last = (e as Error).message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`system did not become healthy: ${last}`);
}

/**
 * The sandbox runtime this test file judges under: BASTION_SANDBOX_RUNTIME of its process, which
 * the jest project `e2e-runsc` sets to `runsc` (test/setup/runtime-runsc.ts) for the suites that run
 * under both runtimes (jest.config.js); `runc` otherwise.
 */
export function sandboxRuntime(): 'runc' | 'runsc' {
  return process.env.BASTION_SANDBOX_RUNTIME === 'runsc' ? 'runsc' : 'runc';
}

/** How many systems this test process has started: each one's worker gets an id of its own. */
let started = 0;

/**
 * Starts the built API and worker (dist/) against the test database, Redis DB and Docker engine.
 * Each system's worker has its own id (`test-<pid>-<n>`), so two systems of one suite never share
 * sandboxes, leftovers to clean up or heartbeats.
 */
export async function startSystem(extra: Record<string, string> = {}): Promise<RunningSystem> {
  // a port nothing listens on: a random one could be another suite's API, whose /health would answer
  const port = String(await freePort());
  const base = testEnv();
  const workerId = `${base.BASTION_WORKER_ID}-${++started}`;
  const env = {
    ...base,
    PORT: port,
    HOST: '127.0.0.1',
    BASTION_POOL_SIZE: '1',
    BASTION_WORKER_ID: workerId,
    BASTION_SANDBOX_RUNTIME: sandboxRuntime(),
    ...extra,
  };
  const baseUrl = `http://127.0.0.1:${port}`;
  let worker = start('worker', env);
  const api = start('api', env);
  try {
    await waitForHealth(baseUrl, 90_000, [api, worker]);
  } catch (e) {
    await Promise.all([stopChild(api), stopChild(worker)]);
    throw e;
  }
  return {
    baseUrl,
    env,
    stop: () => Promise.all([stopChild(api), stopChild(worker)]).then(() => undefined),
    restartWorker: async () => {
      await stopChild(worker);
      worker = start('worker', env);
      await waitForHealth(baseUrl, 90_000, [api, worker]);
    },
    killWorker: async () => {
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.kill('SIGKILL');
      await exited;
    },
    startWorker: () => {
      worker = start('worker', env);
    },
    workerAlive: () => worker.exitCode === null && worker.signalCode === null,
  };
}
