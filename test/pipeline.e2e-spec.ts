import { DataSource } from 'typeorm';
import { LanguageId, LANGUAGES } from '@bastion/contracts';
import { ADMIN, ApiClient, sumProblem } from './support/api-client';
import { RunningSystem, sandboxRuntime, startSystem } from './support/system';
import { SUM_AC, SUM_WRONG } from './programs/sum';

jest.setTimeout(300_000);

describe(`judging pipeline, end to end (real PostgreSQL, Redis, Docker; ${sandboxRuntime()})`, () => {
  let system: RunningSystem;
  let admin: ApiClient;
  const slug = `sum-${Date.now().toString(36)}`;

  beforeAll(async () => {
    system = await startSystem();
    admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
    const imported = await admin.importProblem(sumProblem(), slug);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ slug, tests: 3 });
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('lists the seven languages with versions', async () => {
    const r = await admin.request('GET', '/languages');
    expect(r.status).toBe(200);
    expect(r.body.map((l: { id: string }) => l.id).sort()).toEqual([
      'c',
      'cpp',
      'go',
      'java',
      'javascript',
      'python',
      'rust',
    ]);
    for (const l of r.body) expect(l.version).toEqual(expect.any(String));
  });

  it.each(Object.keys(SUM_AC))('accepts a correct %s solution', async (language) => {
    const id = await admin.submit(slug, language, SUM_AC[language]);
    const r = await admin.result(id);
    expect({ language, verdict: r.verdict, compileOutput: r.compileOutput }).toMatchObject({ language, verdict: 'AC' });
    expect(r).toMatchObject({ status: 'done', score: 100, maxScore: 100, testCount: 3, problemName: 'A plus B' });
    expect(r.tests).toHaveLength(3);
    for (const t of r.tests) {
      expect(t.verdict).toBe('AC');
      expect(t.timeMs).toEqual(expect.any(Number));
      expect(t.memoryKb).toBeGreaterThan(0);
    }
  });

  const wrong = Object.entries(SUM_WRONG).flatMap(([lang, byVerdict]) =>
    Object.entries(byVerdict).map(([verdict, source]) => [lang, verdict, source] as const),
  );

  it.each(wrong)('judges a %s program as %s', async (language, verdict, source) => {
    const id = await admin.submit(slug, language, source);
    const r = await admin.result(id);
    expect(r.verdict).toBe(verdict);
    expect(r.status).toBe('done');
    if (verdict === 'CE') {
      expect(r.compileOutput).toMatch(/error/i);
      expect(r.tests).toHaveLength(0);
    } else {
      expect(r.score).toBeLessThan(100);
    }
    // Times come back in the problem's terms, the runtime's time factor (3 under gVisor) taken
    // out: a timed-out test was stopped at the limit (1 s here), not at three times it.
    const limitMs = 1000 * LANGUAGES[language as LanguageId].timeFactor;
    for (const t of r.tests.filter((x: { verdict: string }) => x.verdict === 'TLE')) {
      expect(t.timeMs).toBeGreaterThanOrEqual(limitMs);
      expect(t.timeMs).toBeLessThan(1.5 * limitMs);
    }
  });

  it('runs a Java program whatever its class is called, and says why one without main cannot run', async () => {
    const named = SUM_AC.java.replace('public class Main', 'public class Solution');
    const helper = `${named.replace('a + b', 'Helper.add(a, b)')}class Helper { static long add(long a, long b) { return a + b; } }\n`;
    for (const source of [named, helper, SUM_AC.java.replace('public class Main', 'class sum')]) {
      const r = await admin.result(await admin.submit(slug, 'java', source));
      expect({ verdict: r.verdict, compileOutput: r.compileOutput }).toEqual({ verdict: 'AC', compileOutput: null });
    }
    const run = await admin.request('POST', '/runs', { language: 'java', source: named, stdin: '2 3\n' });
    expect(run.body).toMatchObject({ verdict: 'OK', stdout: '5\n' });
    const none = await admin.result(
      await admin.submit(slug, 'java', 'public class Lib { static int f() { return 1; } }\n'),
    );
    expect([none.verdict, none.compileOutput]).toEqual([
      'CE',
      'No class declares public static void main(String[] args): the judge runs that method',
    ]);
  });

  it('runs code once with custom input', async () => {
    const r = await admin.request('POST', '/runs', { language: 'python', source: SUM_AC.python, stdin: '20 22\n' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ verdict: 'OK', stdout: '42\n', exitCode: 0 });
    const ce = await admin.request('POST', '/runs', { language: 'c', source: 'int main( {', stdin: '' });
    expect(ce.body.verdict).toBe('CE');
    expect(ce.body.compileOutput).toMatch(/error/);
  });

  it('caps and marks the output of a run', async () => {
    const r = await admin.request('POST', '/runs', {
      language: 'python',
      source: 'import sys\nsys.stdout.write("x" * 200000)\n',
    });
    expect(r.status).toBe(200);
    expect(r.body.verdict).toBe('OK');
    expect(r.body.stdoutTruncated).toBe(true);
    expect(r.body.stdout.length).toBeLessThan(200000);
  });

  it('exposes Prometheus metrics: queue, verdicts, latency by language, pools', async () => {
    const scrape = async () => {
      const r = await fetch(`${system.baseUrl}/metrics`);
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toMatch(/text\/plain/);
      return r.text();
    };
    const value = (text: string, series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line ? Number(line.slice(series.length + 1)) : 0;
    };
    const acC = 'bastion_submissions_total{language="c",verdict="AC"}';
    const rePython = 'bastion_submissions_total{language="python",verdict="RE"}';
    const latencyPython = 'bastion_judge_latency_seconds_count{language="python"}';
    const db = await new DataSource({ type: 'postgres', url: system.env.DATABASE_URL }).initialize();
    // counts taken before this test's submissions: earlier tests and suites share the database
    const before = await scrape();
    await admin.result(await admin.submit(slug, 'c', SUM_AC.c));
    await admin.result(await admin.submit(slug, 'python', SUM_WRONG.python.RE));
    const text = await scrape();
    expect(text).toMatch(/^# TYPE bastion_queue_jobs gauge$/m);
    expect(value(text, acC) - value(before, acC)).toBe(1);
    expect(value(text, rePython) - value(before, rePython)).toBe(1);
    // The latency histogram covers the last hour, so earlier submissions leave it as time passes:
    // its count must be what the table holds for that window at the scrape, bracketed by two reads.
    const finishedLastHour = async () =>
      (
        await db.query(
          `SELECT count(*)::int AS n FROM submissions WHERE language = 'python' AND finished_at > now() - interval '1 hour'`,
        )
      )[0].n as number;
    const low = await finishedLastHour();
    const scraped = value(await scrape(), latencyPython);
    const high = await finishedLastHour();
    expect(low).toBeGreaterThanOrEqual(1);
    expect(scraped).toBeGreaterThanOrEqual(Math.min(low, high));
    expect(scraped).toBeLessThanOrEqual(Math.max(low, high));
    await db.destroy();
    expect(text).toMatch(/^bastion_workers [1-9]\d*$/m);
    expect(text).toMatch(/^bastion_pool_containers\{worker="[^"]+",image="c"\} \d+$/m);
  });

  it('streams progress per test, then the result, as server-sent events', async () => {
    // Each test takes 0.4 s, so the stream is open while the tests run: their events come live.
    const slow =
      '#include <stdio.h>\n#include <unistd.h>\nint main(void){long a,b;usleep(400000);' +
      'if(scanf("%ld %ld",&a,&b)!=2)return 1;printf("%ld\\n",a+b);return 0;}\n';
    const id = await admin.submit(slug, 'c', slow);
    const events = await readEvents(`${system.baseUrl}/api/v1/submissions/${id}/events`, admin.token as string);
    expect(events[0].type).toBe('snapshot');
    const last = events[events.length - 1];
    expect(last.type).toBe('result');
    expect(last.data).toMatchObject({ id, status: 'done', verdict: 'AC' });
    const tests = events.filter((e) => e.type === 'test');
    expect(tests.map((e) => [e.data.ordinal, e.data.verdict])).toEqual([
      [1, 'AC'],
      [2, 'AC'],
      [3, 'AC'],
    ]);
    // The statuses seen, from the snapshot's on, in order; under the default policy C is analyzed
    // between compiling and running.
    const order = ['queued', 'compiling', 'analyzing', 'running'];
    const seen = [events[0].data.status, ...events.filter((e) => e.type === 'status').map((e) => e.data.status)];
    expect(seen).toContain('running');
    expect(seen).toEqual([...seen].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    expect(seen.filter((st) => !order.includes(st))).toEqual([]);
    if (seen.includes('compiling')) expect(seen).toContain('analyzing');
    const again = await readEvents(`${system.baseUrl}/api/v1/submissions/${id}/events`, admin.token as string);
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ type: 'result', data: { verdict: 'AC' } });
  });
});

/** Reads an SSE stream to its end and parses each event's type and JSON data. */
async function readEvents(url: string, token: string): Promise<{ type: string; data: any }[]> {
  const r = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  expect(r.status).toBe(200);
  expect(r.headers.get('content-type')).toMatch(/text\/event-stream/);
  const text = await r.text();
  return text
    .split('\n\n')
    .filter((block) => block.includes('data:'))
    .map((block) => {
      const type = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
      const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? 'null');
      return { type, data };
    });
}
