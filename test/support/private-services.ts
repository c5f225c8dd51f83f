import Docker from 'dockerode';
import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runMigrations } from '../../libs/db/src/data-source';
import { freePort } from './free-port';
import { until } from './wait';

/**
 * Throwaway Redis, PostgreSQL and Docker engine for the suites that break them on purpose
 * (test/faults.e2e-spec.ts): a fault then strikes only what the suite started, never the machine's
 * services that other suites, and a system brought up with `npm run up`, are using. Each lives in
 * its own temporary directory and listens only on 127.0.0.1 or a socket there.
 */
export interface PrivateService {
  /** What the apps are given: REDIS_URL, DATABASE_URL or DOCKER_HOST. */
  url: string;
  /** The fault: the service goes away as an operator's stop would; its data stays. */
  stop(): Promise<void>;
  /** Back again at the same address, with the same data. */
  start(): Promise<void>;
  /** Stops it and removes everything it had. */
  destroy(): Promise<void>;
}

const run = promisify(execFile);

/** Waits for a child to exit (it is sent SIGTERM, then SIGKILL after `graceMs`). */
async function terminate(child: ChildProcess | undefined, graceMs: number): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** A child told to stop when this process exits, should a suite die without its afterAll. */
function stoppedOnExit(child: ChildProcess): ChildProcess {
  const kill = () => child.kill('SIGTERM');
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
  return child;
}

/** redis-server on a free port, nothing saved to disk. */
export async function privateRedis(): Promise<PrivateService> {
  const port = await freePort();
  const dir = mkdtempSync('/tmp/bastion-redis-');
  let child: ChildProcess | undefined;
  const args = ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--dir', dir];
  const pong = () =>
    run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping']).then(
      (r) => r.stdout.trim() === 'PONG',
      () => false,
    );
  const start = async () => {
    const log = openSync(join(dir, 'redis.log'), 'a');
    child = stoppedOnExit(spawn('redis-server', args, { stdio: ['ignore', log, log] }));
    closeSync(log);
    await until(`the private Redis on port ${port}`, pong, 20_000);
  };
  const destroy = async () => {
    await terminate(child, 10_000);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await start();
  } catch (e) {
    await destroy();
    throw e;
  }
  return { url: `redis://127.0.0.1:${port}`, start, stop: () => terminate(child, 10_000), destroy };
}

/** The newest PostgreSQL server installed (Debian keeps each under /usr/lib/postgresql/<version>). */
function postgresBin(): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error('no PostgreSQL server under /usr/lib/postgresql');
  return join('/usr/lib/postgresql', versions[0], 'bin');
}

/**
 * A PostgreSQL cluster of its own (initdb in a temporary directory, run as the postgres user) on a
 * free port, with a role and database `bastion` and the migrations run: like the test database,
 * but empty, so the API creates its admin from BASTION_ADMIN_PASSWORD when it starts.
 */
export async function privatePostgres(): Promise<PrivateService> {
  const bin = postgresBin();
  const port = await freePort();
  const dir = mkdtempSync('/tmp/bastion-pg-');
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
  chownSync(dir, uid, gid);
  const data = join(dir, 'data');
  const asPostgres = (cmd: string, args: string[]) => run(join(bin, cmd), args, { uid, gid, cwd: dir });
  const superuser = randomBytes(18).toString('base64url');
  const password = randomBytes(18).toString('base64url');
  writeFileSync(join(dir, 'pw'), superuser);
  chownSync(join(dir, 'pw'), uid, gid);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = async () => {
    await asPostgres('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'postgres.log'), '-w', 'start']);
  };
  const stop = async () => {
    const running = await asPostgres('pg_ctl', ['-D', data, 'status']).then(
      () => true,
      () => false,
    );
    if (running) await asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  };
  const stopOnExit = () => {
    try {
      execFileSync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], { uid, gid, stdio: 'ignore' });
    } catch {
      /* not running */
    }
  };
  process.once('exit', stopOnExit);
  try {
    // the socket (in `dir`) trusts the postgres user; over TCP every role needs its password
    await asPostgres('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      `--pwfile=${join(dir, 'pw')}`,
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '--no-sync',
    ]);
    await start();
    await asPostgres('psql', [
      ...['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', dir, '-p', String(port), '-U', 'postgres', '-d', 'postgres'],
      ...['-c', `CREATE ROLE bastion LOGIN PASSWORD '${password}'`, '-c', 'CREATE DATABASE bastion OWNER bastion'],
    ]);
    const url = `postgres://bastion:${password}@127.0.0.1:${port}/bastion`;
    await runMigrations(url);
    return {
      url,
      start,
      stop,
      destroy: async () => {
        await stop();
        process.off('exit', stopOnExit);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await stop().catch(() => undefined);
    process.off('exit', stopOnExit);
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** The runtimes registered with the machine's Docker engine (/etc/docker/daemon.json), if any. */
function machineRuntimes(): Record<string, unknown> {
  try {
    return (
      (JSON.parse(readFileSync('/etc/docker/daemon.json', 'utf8')) as { runtimes?: Record<string, unknown> })
        .runtimes ?? {}
    );
  } catch {
    return {};
  }
}

/**
 * A second Docker engine (dockerd with its own data and exec roots, socket, pid file and
 * containerd; no bridge, no iptables: sandboxes have no network anyway) holding copies of the
 * given images from the machine's engine. `docker save | docker load` of the C and Python judge
 * images takes about 20 s. Its url is a DOCKER_HOST, which dockerode in the worker reads.
 */
export async function privateDockerd(images: string[]): Promise<PrivateService> {
  const dir = mkdtempSync('/tmp/bastion-dockerd-');
  const socketPath = join(dir, 'docker.sock');
  const url = `unix://${socketPath}`;
  // Not the machine's /etc/docker/daemon.json, but its runtimes: gVisor (runsc) as registered
  // there by scripts/services.sh, for the suites that run under both runtimes.
  writeFileSync(join(dir, 'daemon.json'), `${JSON.stringify({ runtimes: machineRuntimes() })}\n`);
  const args = [
    ...['--data-root', join(dir, 'data'), '--exec-root', join(dir, 'exec'), '-H', url],
    ...['--pidfile', join(dir, 'docker.pid'), '--config-file', join(dir, 'daemon.json')],
    ...['--bridge=none', '--iptables=false', '--ip-masq=false'],
  ];
  const docker = new Docker({ socketPath });
  let child: ChildProcess | undefined;
  const start = async () => {
    const log = openSync(join(dir, 'dockerd.log'), 'a');
    // In a network namespace of its own: a dockerd without a bridge deletes the host's `docker0` as
    // it starts (moby's removeDefaultBridgeInterface), which took the machine's engine's bridge away
    // and with it every later `docker build` (its RUN steps need the bridge). `unshare` execs dockerd,
    // so the child is dockerd itself.
    child = stoppedOnExit(spawn('unshare', ['--net', 'dockerd', ...args], { stdio: ['ignore', log, log] }));
    closeSync(log);
    const current = child;
    await until(
      'the private Docker engine to answer',
      async () => {
        if (current.exitCode !== null)
          throw new Error(`dockerd exited: ${readFileSync(join(dir, 'dockerd.log'), 'utf8').slice(-2000)}`);
        return docker.ping().then(
          () => true,
          () => false,
        );
      },
      60_000,
    );
  };
  // Like a daemon's stop: SIGTERM; it stops its containers (10 s each at most) and its containerd.
  const stop = () => terminate(child, 60_000);
  const destroy = async () => {
    await stop();
    // anything a killed engine left mounted under its roots, deepest first
    const mounts = readFileSync('/proc/self/mounts', 'utf8')
      .split('\n')
      .map((l) => l.split(' ')[1])
      .filter((m) => m?.startsWith(`${dir}/`))
      .sort((a, b) => b.length - a.length);
    for (const m of mounts) await run('umount', ['-l', m]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await start();
    await run('bash', ['-o', 'pipefail', '-c', `docker save ${images.join(' ')} | docker -H ${url} load -q`], {
      maxBuffer: 1 << 20,
    });
  } catch (e) {
    await destroy();
    throw e;
  }
  return { url, start, stop, destroy };
}
