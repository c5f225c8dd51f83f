import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { ADMIN, ApiClient, sumProblem } from './support/api-client';
import { PrivateService, privateDockerd, privatePostgres, privateRedis } from './support/private-services';
import { RunningSystem, sandboxRuntime, startSystem } from './support/system';
import { until } from './support/wait';
import { submissionChannel } from '@bastion/db';
import { SUM_AC } from './programs/sum';

// The slowest test (the Docker engine's restart) takes about a minute; a hang shows within three.
jest.setTimeout(180_000);

/** A correct solution that takes a while per test, so a fault can strike in the middle of judging. */
const SLOW_AC = 'import time\ntime.sleep(0.7)\na, b = map(int, input().split())\nprint(a + b)\n';

/** The judge images the suite submits to (C and Python): the private Docker engine gets copies. */
const IMAGES = ['bastion-judge-c:latest', 'bastion-judge-python:latest'];

/**
 * Every fault strikes a service this suite started for itself (test/support/private-services.ts):
 * its own Redis, PostgreSQL cluster and Docker engine, never the machine's, which other suites and
 * a system brought up with `npm run up` use. Only C and Python submissions are made, so the
 * engine holds only those images (the worker's warm pools of the other languages keep failing to
 * start a container, which nothing here looks at).
 */
describe(`nothing is lost: faults in the middle of judging (${sandboxRuntime()})`, () => {
  let system: RunningSystem;
  let admin: ApiClient;
  let redis: Redis;
  let db: DataSource;
  let services: { redis: PrivateService; postgres: PrivateService; docker: PrivateService };
  const slug = `faults-${Date.now().toString(36)}`;

  beforeAll(async () => {
    // About 30 s, nearly all of it copying the two images into the private engine.
    const started = await Promise.allSettled([privateRedis(), privatePostgres(), privateDockerd(IMAGES)]);
    const [r, p, d] = started.map((x) => (x.status === 'fulfilled' ? x.value : undefined));
    const failed = started.find((x): x is PromiseRejectedResult => x.status === 'rejected');
    if (failed || !r || !p || !d) {
      await Promise.all([r?.destroy(), p?.destroy(), d?.destroy()]);
      throw failed?.reason;
    }
    services = { redis: r, postgres: p, docker: d };
    // The shipped reconciler bound and job attempts: these faults are what the retries are for (a
    // job that failed while PostgreSQL was down is tried again). The database is empty: the API
    // creates its admin with this run's BASTION_ADMIN_PASSWORD.
    system = await startSystem({
      BASTION_JOB_ATTEMPTS: '3',
      REDIS_URL: r.url,
      DATABASE_URL: p.url,
      DOCKER_HOST: d.url,
    });
    admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
    expect((await admin.importProblem(sumProblem(), slug)).status).toBe(201);
    redis = new Redis(system.env.REDIS_URL);
    db = await new DataSource({ type: 'postgres', url: system.env.DATABASE_URL }).initialize();
  });

  afterAll(async () => {
    await system?.stop();
    redis?.disconnect();
    await db?.destroy();
    if (services) await Promise.all(Object.values(services).map((x) => x.destroy()));
  }, 120_000);

  it('judges every submission of a burst exactly once, within 60 s, after a Redis flush and a worker kill -9', async () => {
    // Every `done` a worker publishes, per submission (pub/sub outlives the flush): one finish each.
    const finishes = new Map<string, number>();
    const listener = new Redis(system.env.REDIS_URL);
    await listener.psubscribe(submissionChannel('*'));
    listener.on('pmessage', (_p, channel, message) => {
      if ((JSON.parse(message) as { type?: string }).type !== 'done') return;
      const id = channel.slice(submissionChannel('').length);
      finishes.set(id, (finishes.get(id) ?? 0) + 1);
    });
    try {
      const ids = await Promise.all(
        Array.from({ length: 6 }, (_, i) => admin.submit(slug, i % 2 ? 'python' : 'c', i % 2 ? SLOW_AC : SUM_AC.c)),
      );
      await until('a submission of the burst to be judged', async () => {
        const { body } = await admin.request('GET', `/submissions?problem=${slug}&limit=6`);
        return body.items.some((s: { status: string }) => s.status !== 'queued');
      });
      // The queue, its jobs, locks and the heartbeats are gone; PostgreSQL still knows. Then the
      // worker dies in the middle of whatever it held.
      await redis.flushdb();
      const flushed = Date.now();
      await system.killWorker();
      system.startWorker();
      const results = await Promise.all(ids.map((id) => admin.result(id, 120_000)));
      const lastFinished = Math.max(...results.map((r) => Date.parse(r.finishedAt)));
      for (const r of results) expect(r).toMatchObject({ status: 'done', verdict: 'AC' });
      // the bound the issue sets for recovery (BASTION_RECONCILE_AFTER_S 15 s, sweeps every 5 s)
      expect(lastFinished - flushed).toBeLessThan(60_000);
      // exactly once: one set of results, and one finish published for each (a duplicate job would
      // have judged again and published a second `done`)
      await new Promise((r) => setTimeout(r, 2000));
      for (const id of ids) {
        const rows = await db.query('SELECT count(*)::int AS n FROM test_results WHERE submission_id = $1', [id]);
        expect(rows[0].n).toBe(3);
      }
      expect(ids.map((id) => finishes.get(id) ?? 0)).toEqual(ids.map(() => 1));
    } finally {
      listener.disconnect();
    }
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
    const r = await admin.result(id, 120_000);
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
    await services.redis.stop(); // this suite's Redis: its queue and heartbeats go with it
    try {
      await until('health to name Redis as down', async () => {
        const h = await health();
        return h.status === 503 && h.body.checks?.redis?.ok === false;
      });
    } finally {
      await services.redis.start();
    }
    await until('health to recover', async () => (await health()).status === 200);
    for (const id of ids) expect(await admin.result(id, 120_000)).toMatchObject({ status: 'done', verdict: 'AC' });
    expect((await admin.result(await admin.submit(slug, 'c', SUM_AC.c))).verdict).toBe('AC');
  });

  it('reports a PostgreSQL restart in /health and recovers by itself', async () => {
    const id = await admin.submit(slug, 'python', SLOW_AC);
    await services.postgres.stop(); // this suite's cluster, as `pg_ctl stop -m fast` does it
    try {
      await until('health to name PostgreSQL as down', async () => {
        const h = await health();
        return h.status === 503 && h.body.checks?.postgres?.ok === false;
      });
    } finally {
      await services.postgres.start();
    }
    await until('health to recover', async () => (await health()).status === 200);
    const r = await admin.result(id, 120_000);
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
    // This suite's engine stops as an operator (or an upgrade) would stop it: SIGTERM, then it
    // stops its containers (the running sandbox may finish first) and the warm ones die.
    await services.docker.stop();
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
      await services.docker.start();
    }
    await until('health to recover', async () => (await health()).status === 200, 120_000);
    for (const id of [inFlight, during]) {
      expect(await admin.result(id, 120_000)).toMatchObject({ status: 'done', verdict: 'AC' });
    }
    // The dead warm containers were dropped: the next submissions are judged normally.
    const next = await Promise.all([admin.submit(slug, 'c', SUM_AC.c), admin.submit(slug, 'python', SUM_AC.python)]);
    for (const id of next) expect((await admin.result(id)).verdict).toBe('AC');
  });
});
