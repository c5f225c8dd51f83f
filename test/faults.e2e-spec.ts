import Redis from 'ioredis';
import { execSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { ADMIN, ApiClient, sumProblem } from './support/api-client';
import { RunningSystem, startSystem } from './support/system';
import { until } from './support/wait';
import { SUM_AC } from './programs/sum';

jest.setTimeout(300_000);

/** A correct solution that takes a while per test, so a fault can strike in the middle of judging. */
const SLOW_AC = 'import time\ntime.sleep(0.7)\na, b = map(int, input().split())\nprint(a + b)\n';

const dockerAnswers = () => {
  try {
    execSync('docker info', { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
};

/** Stops the Docker engine as an operator (or an upgrade) would: SIGTERM, then wait for it to exit. */
async function stopDockerd(): Promise<void> {
  const pid = Number(readFileSync('/var/run/docker.pid', 'utf8').trim());
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return; // gone
    }
    if (Date.now() > deadline) throw new Error('dockerd did not stop within 60 s');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Starts it again the way scripts/services.sh does, detached, and waits until it answers. */
async function startDockerd(): Promise<void> {
  if (dockerAnswers()) return;
  spawn('bash', ['-c', 'setsid nohup dockerd </dev/null >>/var/log/bastion-dockerd.log 2>&1 &'], {
    stdio: 'ignore',
    detached: true,
  }).unref();
  const deadline = Date.now() + 60_000;
  while (!dockerAnswers()) {
    if (Date.now() > deadline) throw new Error('dockerd did not come back within 60 s');
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('nothing is lost: faults in the middle of judging', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  let redis: Redis;
  let db: DataSource;
  const slug = `faults-${Date.now().toString(36)}`;

  beforeAll(async () => {
    system = await startSystem({ BASTION_RECONCILE_AFTER_S: '5' });
    admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
    expect((await admin.importProblem(sumProblem(), slug)).status).toBe(201);
    redis = new Redis(system.env.REDIS_URL);
    db = await new DataSource({ type: 'postgres', url: system.env.DATABASE_URL }).initialize();
  });

  afterAll(async () => {
    await system?.stop();
    redis?.disconnect();
    await db?.destroy();
  });

  it('judges every submission of a burst even when Redis is flushed in the middle', async () => {
    const ids = await Promise.all(
      Array.from({ length: 6 }, (_, i) => admin.submit(slug, i % 2 ? 'python' : 'c', i % 2 ? SLOW_AC : SUM_AC.c)),
    );
    await redis.flushdb(); // the queue, its jobs and the heartbeats are gone; PostgreSQL still knows
    const results = await Promise.all(ids.map((id) => admin.result(id, 180_000)));
    for (const r of results) expect(r).toMatchObject({ status: 'done', verdict: 'AC' });
  });

  it('finishes a submission whose worker was killed with -9 while judging, with one set of results', async () => {
    const id = await admin.submit(slug, 'python', SLOW_AC);
    const deadline = Date.now() + 60_000;
    while ((await admin.request('GET', `/submissions/${id}`)).body.status !== 'running') {
      if (Date.now() > deadline) throw new Error('the submission never started running');
      await new Promise((r) => setTimeout(r, 50));
    }
    await system.killWorker();
    system.startWorker();
    const r = await admin.result(id, 180_000);
    expect(r).toMatchObject({ status: 'done', verdict: 'AC' });
    expect(r.tests).toHaveLength(3);
    const rows = await db.query('SELECT count(*)::int AS n FROM test_results WHERE submission_id = $1', [id]);
    expect(rows[0].n).toBe(3);
  });

  async function health(): Promise<{ status: number; body: any }> {
    try {
      const r = await fetch(`${system.baseUrl}/health`);
      return { status: r.status, body: await r.json() };
    } catch (e) {
      return { status: 0, body: { error: (e as Error).message } };
    }
  }

  it('reports a Redis restart in /health and recovers by itself; submissions wait, none fails', async () => {
    const ids = await Promise.all([admin.submit(slug, 'python', SLOW_AC), admin.submit(slug, 'c', SUM_AC.c)]);
    execSync('redis-cli shutdown nosave || true', { stdio: 'ignore' });
    await until('health to name Redis as down', async () => {
      const h = await health();
      return h.status === 503 && h.body.checks?.redis?.ok === false;
    });
    execSync("redis-server --daemonize yes --save '' --appendonly no", { stdio: 'ignore' });
    await until('health to recover', async () => (await health()).status === 200);
    for (const id of ids) expect(await admin.result(id, 180_000)).toMatchObject({ status: 'done', verdict: 'AC' });
    expect((await admin.result(await admin.submit(slug, 'c', SUM_AC.c))).verdict).toBe('AC');
  });

  it('reports a PostgreSQL restart in /health and recovers by itself', async () => {
    const id = await admin.submit(slug, 'python', SLOW_AC);
    const cluster = execSync('pg_lsclusters -h | awk \'NR==1{print $1" "$2}\'').toString().trim();
    execSync(`pg_ctlcluster ${cluster} stop -m fast`, { stdio: 'ignore' });
    try {
      await until('health to name PostgreSQL as down', async () => {
        const h = await health();
        return h.status === 503 && h.body.checks?.postgres?.ok === false;
      });
    } finally {
      execSync(`pg_ctlcluster ${cluster} start`, { stdio: 'ignore' });
    }
    await until('health to recover', async () => (await health()).status === 200);
    const r = await admin.result(id, 180_000);
    expect(r.status).toBe('done');
    expect(r.verdict).toBe('AC');
    expect((await admin.result(await admin.submit(slug, 'python', SUM_AC.python))).verdict).toBe('AC');
  });

  it('reports a Docker engine restart in /health and recovers by itself; submissions wait, none fails', async () => {
    const inFlight = await admin.submit(slug, 'python', SLOW_AC);
    const deadline = Date.now() + 60_000;
    while ((await admin.request('GET', `/submissions/${inFlight}`)).body.status === 'queued') {
      if (Date.now() > deadline) throw new Error('the submission never started');
      await new Promise((r) => setTimeout(r, 50));
    }
    // The engine stops its containers (the running sandbox may finish first) and the warm ones die.
    await stopDockerd();
    let during = '';
    try {
      await until('health to name the Docker engine as down', async () => {
        const h = await health();
        return h.status === 503 && h.body.checks?.docker?.ok === false && h.body.checks?.workers?.ok === true;
      });
      during = await admin.submit(slug, 'c', SUM_AC.c); // accepted, and waits for the engine
      await new Promise((r) => setTimeout(r, 3000));
      expect((await admin.request('GET', `/submissions/${during}`)).body.status).toBe('queued');
    } finally {
      await startDockerd();
    }
    await until('health to recover', async () => (await health()).status === 200, 120_000);
    for (const id of [inFlight, during]) {
      expect(await admin.result(id, 180_000)).toMatchObject({ status: 'done', verdict: 'AC' });
    }
    // The dead warm containers were dropped: the next submissions are judged normally.
    const next = await Promise.all([admin.submit(slug, 'c', SUM_AC.c), admin.submit(slug, 'python', SUM_AC.python)]);
    for (const id of next) expect((await admin.result(id)).verdict).toBe('AC');
  });
});
