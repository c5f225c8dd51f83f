/**
 * End-to-end judging benchmark (a benchmark, not a test): the same "A plus B" programs in C and
 * Python, 10 small tests each, judged three ways at concurrency = number of cores:
 *   bare    – compiled (C) and run directly on the host, no sandbox: the physical floor;
 *   naive   – a fresh `docker run --rm -i --network none <judge image>` per test (C compiled once per
 *             submission in a `docker run` too): where most container judges start;
 *   bastion – through the HTTP API, from POST /api/v1/submissions to the final verdict (SSE `result`).
 * Then an extra, smaller Bastion row with the default security policy; the security checks' added
 * latency one submission at a time (default policy vs. security off, interleaved); and an HTTP load run with
 * autocannon on GET /submissions/:id and POST /submissions at fixed rates (p99 latency).
 * Prints a table and writes bench/results.json.
 *
 * Usage (needs Docker, the judge images, gcc and python3, and the system up with a high submit limit):
 *   npm run down && BASTION_SUBMIT_LIMIT_PER_MIN=100000 npm run up
 *   npm run bench
 * Environment: BASTION_URL (http://localhost:3000), BASTION_ADMIN_EMAIL / BASTION_ADMIN_PASSWORD,
 *   BENCH_SUBMISSIONS (per language per mode, 25 → 50 a mode), BENCH_SECURE_SUBMISSIONS (per
 *   language, 5; 0 skips the default-policy row), BENCH_CONCURRENCY (cores), BENCH_LOAD=0 skips autocannon,
 *   BENCH_ONLY=security measures only the security checks' added latency (and writes no results.json),
 *   BENCH_SECURITY_GAP_MS (1000) the pause between submissions of its "spaced" run.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { LANGUAGES } from '../libs/contracts/src/languages';

// ------------------------------------------------------------------------------------ settings
const BASE = (process.env.BASTION_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
const API = `${BASE}/api/v1`;
const EMAIL = process.env.BASTION_ADMIN_EMAIL ?? 'admin@bastion.local';
const PASSWORD = process.env.BASTION_ADMIN_PASSWORD ?? 'bastion-admin';
const CORES = cpus().length;
const CONCURRENCY = int(process.env.BENCH_CONCURRENCY, CORES);
const N = int(process.env.BENCH_SUBMISSIONS, 25);
const N_SECURE = int(process.env.BENCH_SECURE_SUBMISSIONS, 5);
const LOAD = process.env.BENCH_LOAD !== '0';
/** BENCH_ONLY=security: only the security checks' added latency (one submission at a time). */
const ONLY_SECURITY = process.env.BENCH_ONLY === 'security';
/** The pause between submissions of the "spaced" security-latency run. */
const SECURITY_GAP_MS = int(process.env.BENCH_SECURITY_GAP_MS, 1000);
const SUBMISSION_TIMEOUT_MS = 120_000;
const GOALS = { overheadRatio: 1.3, speedupVsNaive: 5, throughputRatio: 0.8 };

type Lang = 'c' | 'python';
const LANGS: Lang[] = ['c', 'python'];
const IMAGES: Record<Lang, string> = { c: 'bastion-judge-c:latest', python: 'bastion-judge-python:latest' };
// The compile command Bastion itself uses.
const GCC_FLAGS = LANGUAGES.c.compile!.slice(1);
const HOST_PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3'; // not a pyenv shim
const SOURCE_FILE: Record<Lang, string> = { c: 'main.c', python: 'main.py' };
/** Submission i's source: the same program, made unique by a comment. */
const source = (lang: Lang, i: number): string =>
  lang === 'c'
    ? `// bench ${i}\n#include <stdio.h>\nint main(void){long a,b;if(scanf("%ld %ld",&a,&b)!=2)return 1;printf("%ld\\n",a+b);return 0;}\n`
    : `# bench ${i}\na, b = map(int, input().split())\nprint(a + b)\n`;
/** 10 small tests: the sample and 9 secret ones. */
const TESTS = Array.from({ length: 10 }, (_, i) => {
  const a = i * 13 + 1;
  const b = i * 7 - 5;
  return { input: `${a} ${b}\n`, answer: `${a + b}\n` };
});

function int(v: string | undefined, dflt: number): number {
  const n = v === undefined || v === '' ? dflt : Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`not a non-negative integer: ${v}`);
  return n;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();
const tokens = (s: string) => s.trim().split(/\s+/).join(' ');

// ------------------------------------------------------------------------------------ stats
interface Sample {
  ms: number;
  ok: boolean;
  verdict: string;
  /** Bastion only: ms from POST to the worker's `compiling` / `running` events, and server-side createdAt→finishedAt. */
  toCompiling?: number;
  toRunning?: number;
  serverMs?: number;
}
interface Stats {
  n: number;
  ok: number;
  p50: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
  wallS: number;
  throughput: number;
  verdicts: Record<string, number>;
}
interface ModeResult {
  label: string;
  all: Stats;
  perLanguage: Partial<Record<Lang, Stats>>;
  loadavgBefore: number[];
  loadavgAfter: number[];
  /** Bastion only, p50 in ms per language and overall: POST → `compiling`, POST → `running`, server createdAt → finishedAt. */
  breakdown?: Record<string, { toCompilingP50: number | null; toRunningP50: number | null; serverP50: number | null }>;
}

/** Nearest-rank percentile. */
function pct(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
}
function stats(samples: Sample[], wallS: number): Stats {
  const ms = samples.map((s) => s.ms);
  const verdicts: Record<string, number> = {};
  for (const s of samples) verdicts[s.verdict] = (verdicts[s.verdict] ?? 0) + 1;
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    n: samples.length,
    ok: samples.filter((s) => s.ok).length,
    p50: round(pct(ms, 0.5)),
    p95: round(pct(ms, 0.95)),
    mean: round(ms.reduce((a, b) => a + b, 0) / Math.max(1, ms.length)),
    min: round(Math.min(...ms)),
    max: round(Math.max(...ms)),
    wallS: Math.round(wallS * 100) / 100,
    throughput: Math.round((samples.length / wallS) * 1000) / 1000,
    verdicts,
  };
}

// ------------------------------------------------------------------------------------ running
/** Runs `count` submissions with `CONCURRENCY` closed-loop clients, with a progress bar. */
async function block(
  title: string,
  count: number,
  one: (i: number) => Promise<Sample>,
): Promise<{ samples: Sample[]; wallS: number }> {
  const samples: Sample[] = [];
  let next = 0;
  const t0 = now();
  const tty = process.stdout.isTTY;
  const draw = () => {
    const done = samples.length;
    const width = 30;
    const bar = '#'.repeat(Math.round((done / count) * width)).padEnd(width, '.');
    const line = `  ${title.padEnd(22)} [${bar}] ${String(done).padStart(3)}/${count}  ${((now() - t0) / 1000).toFixed(1)} s`;
    if (tty) process.stdout.write(`\r${line}`);
    else if (done === count) process.stdout.write(`${line}\n`);
  };
  draw();
  const client = async () => {
    while (next < count) {
      const i = next++;
      let s: Sample;
      const t = now();
      try {
        s = await one(i);
      } catch (e) {
        if (e instanceof RateLimited) throw e;
        s = { ms: now() - t, ok: false, verdict: `error: ${(e as Error).message.slice(0, 80)}` };
      }
      samples.push(s);
      draw();
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, count) }, client));
  const wallS = (now() - t0) / 1000;
  if (tty) process.stdout.write('\n');
  return { samples, wallS };
}

async function mode(
  label: string,
  count: number,
  one: (lang: Lang, i: number) => Promise<Sample>,
  breakdown = false,
): Promise<ModeResult> {
  console.log(`\n${label}`);
  const loadavgBefore = loadavg().map((x) => Math.round(x * 100) / 100);
  // untimed warm-up, one per language (page cache, gcc, the worker's test-data cache)
  for (const lang of LANGS) await one(lang, -1);
  const perLanguage: Partial<Record<Lang, Stats>> = {};
  const all: Sample[] = [];
  const byLang: Record<string, Sample[]> = {};
  let wall = 0;
  for (const lang of LANGS) {
    const { samples, wallS } = await block(`${lang}`, count, (i) => one(lang, i));
    perLanguage[lang] = stats(samples, wallS);
    byLang[lang] = samples;
    all.push(...samples);
    wall += wallS;
  }
  const res: ModeResult = {
    label,
    all: stats(all, wall),
    perLanguage,
    loadavgBefore,
    loadavgAfter: loadavg().map((x) => Math.round(x * 100) / 100),
  };
  if (breakdown) {
    const bySet = (set: Sample[]) => {
      const med = (k: 'toCompiling' | 'toRunning' | 'serverMs') => {
        const xs = set.map((s) => s[k]).filter((x): x is number => typeof x === 'number');
        return xs.length ? Math.round(pct(xs, 0.5)) : null;
      };
      return { toCompilingP50: med('toCompiling'), toRunningP50: med('toRunning'), serverP50: med('serverMs') };
    };
    res.breakdown = { all: bySet(all), ...Object.fromEntries(LANGS.map((l) => [l, bySet(byLang[l])])) };
  }

  return res;
}

/** Runs a process with `input` on stdin; resolves with its stdout and exit code. */
function exec(cmd: string, args: string[], input: string, opts: { cwd?: string; timeoutMs?: number } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
    child.stdin.on('error', () => undefined); // a program that exits without reading stdin
    child.stdin.end(input);
  });
}

/** Shared by bare and naive: write the source, compile (C), run the 10 tests, compare outside. */
async function localSubmission(
  lang: Lang,
  i: number,
  compile: (dir: string) => Promise<boolean>,
  run: (dir: string, input: string) => Promise<{ code: number | null; stdout: string }>,
): Promise<Sample> {
  const t = now();
  const dir = mkdtempSync(join(tmpdir(), 'bastion-bench-'));
  try {
    chmodSync(dir, 0o777); // the judge images run as uid 1000
    writeFileSync(join(dir, SOURCE_FILE[lang]), source(lang, i));
    if (!(await compile(dir))) return { ms: now() - t, ok: false, verdict: 'CE' };
    let verdict = 'AC';
    for (const tc of TESTS) {
      const r = await run(dir, tc.input);
      if (r.code !== 0) verdict = verdict === 'AC' ? 'RE' : verdict;
      else if (tokens(r.stdout) !== tokens(tc.answer)) verdict = verdict === 'AC' ? 'WA' : verdict;
    }
    return { ms: now() - t, ok: verdict === 'AC', verdict };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const bare = (lang: Lang, i: number) =>
  localSubmission(
    lang,
    i,
    async (dir) => lang === 'python' || (await exec('gcc', GCC_FLAGS, '', { cwd: dir })).code === 0,
    (dir, input) =>
      lang === 'c' ? exec(join(dir, 'main'), [], input) : exec(HOST_PYTHON, ['-S', 'main.py'], input, { cwd: dir }),
  );

const DOCKER_RUN = ['run', '--rm', '--network', 'none'];
const naive = (lang: Lang, i: number) =>
  localSubmission(
    lang,
    i,
    async (dir) =>
      lang === 'python' ||
      (
        await exec(
          'docker',
          [...DOCKER_RUN, '-v', `${dir}:/box`, '-w', '/box', '--entrypoint', 'gcc', IMAGES.c, ...GCC_FLAGS],
          '',
        )
      ).code === 0,
    (dir, input) =>
      exec(
        'docker',
        [
          ...DOCKER_RUN,
          '-i',
          '-v',
          `${dir}:/box:ro`,
          '-w',
          '/box',
          ...(lang === 'c'
            ? ['--entrypoint', './main', IMAGES.c]
            : ['--entrypoint', 'python3', IMAGES.python, '-S', 'main.py']),
        ],
        input,
      ),
  );

// ------------------------------------------------------------------------------------ Bastion API
class RateLimited extends Error {}
let token = '';

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; data: T }> {
  const res = await fetch(`${API}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let data: unknown = text;
  try {
    data = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: res.status, data: data as T };
}

function rateLimitHelp(what: string): string {
  return (
    `${what} answered 429 (rate limited). The API allows BASTION_SUBMIT_LIMIT_PER_MIN submissions a ` +
    `minute per user (30 by default) and this benchmark makes a few hundred. Restart the system with a ` +
    `higher limit and run it again:\n    npm run down && BASTION_SUBMIT_LIMIT_PER_MIN=100000 npm run up`
  );
}

async function importProblem(secure: boolean): Promise<string> {
  const slug = `bench-sum-${Date.now()}${secure ? '-secure' : ''}`;
  const files: Record<string, Uint8Array> = {
    'problem.yaml': strToU8('name: Bench sum\nlimits: {time_limit: 2}\n'),
  };
  if (!secure) files['bastion.yaml'] = strToU8('security: { static: false, sanitizers: false }\n');
  TESTS.forEach((tc, k) => {
    const base = k === 0 ? 'data/sample/1' : `data/secret/${k}`;
    files[`${base}.in`] = strToU8(tc.input);
    files[`${base}.ans`] = strToU8(tc.answer);
  });
  const form = new FormData();
  form.append('file', new Blob([zipSync(files)], { type: 'application/zip' }), 'bench-sum.zip');
  form.append('slug', slug);
  const r = await api<{ slug: string; tests?: unknown }>('POST', '/problems/import', form);
  if (r.status !== 201) throw new Error(`problem import answered ${r.status}: ${JSON.stringify(r.data)}`);
  return r.data.slug;
}

/** Reads the SSE stream until `result`; records when the worker reported `compiling` and `running`. */
async function awaitResult(
  id: string,
  t0: number,
): Promise<{ sub: SubmissionView; toCompiling?: number; toRunning?: number }> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), SUBMISSION_TIMEOUT_MS);
  try {
    const res = await fetch(`${API}/submissions/${id}/events`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: ctl.signal,
    });
    if (res.status !== 200 || !res.body) throw new Error(`events answered ${res.status}`);
    const decoder = new TextDecoder();
    let buf = '';
    let toCompiling: number | undefined;
    let toRunning: number | undefined;
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let sep: number;
      while ((sep = buf.indexOf('\n\n')) >= 0) {
        const raw = buf.slice(0, sep);
        buf = buf.slice(sep + 2);
        let type = 'message';
        let data = '';
        for (const line of raw.split('\n')) {
          if (line.startsWith('event:')) type = line.slice(6).trim();
          else if (line.startsWith('data:')) data += line.slice(5).trim();
        }
        if (type === 'status') {
          const status = (JSON.parse(data) as { status: string }).status;
          if (status === 'compiling') toCompiling ??= now() - t0;
          if (status === 'running') toRunning ??= now() - t0;
        } else if (type === 'result') {
          await reader.cancel().catch(() => undefined); // done; close the stream
          return { sub: JSON.parse(data) as SubmissionView, toCompiling, toRunning };
        }
      }
    }
    throw new Error('event stream ended without a result');
  } finally {
    clearTimeout(timer);
  }
}

interface SubmissionView {
  id: string;
  status: string;
  verdict: string | null;
  accepted: boolean;
  createdAt: string;
  finishedAt: string | null;
}

const bastion =
  (slug: string) =>
  async (lang: Lang, i: number): Promise<Sample> => {
    const t0 = now();
    const r = await api<{ id: string }>('POST', '/submissions', {
      problem: slug,
      language: lang,
      source: source(lang, i),
    });
    if (r.status === 429) throw new RateLimited(rateLimitHelp('POST /api/v1/submissions'));
    if (r.status !== 202) throw new Error(`submit answered ${r.status}`);
    const { sub, toCompiling, toRunning } = await awaitResult(r.data.id, t0);
    const ms = now() - t0;
    const serverMs = sub.finishedAt ? Date.parse(sub.finishedAt) - Date.parse(sub.createdAt) : undefined;
    return { ms, ok: sub.verdict === 'AC', verdict: sub.verdict ?? sub.status, toCompiling, toRunning, serverMs };
  };

// ------------------------------------------------------------------------------------ HTTP load
interface LoadResult {
  what: string;
  rate: number;
  durationS: number;
  requests: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

async function load(what: string, opts: autocannon.Options, rate: number, durationS: number): Promise<LoadResult> {
  process.stdout.write(`  ${what.padEnd(34)} ${rate} req/s for ${durationS} s ... `);
  const r = await autocannon({ ...opts, overallRate: rate, duration: durationS, connections: 4, timeout: 30 });
  const statusCodes: Record<string, number> = {};
  for (const [code, v] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = Number(v.count);
  const out = {
    what,
    rate,
    durationS,
    requests: r.requests.total,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statusCodes,
  };
  console.log(`p99 ${out.p99} ms`);
  return out;
}

/** Waits (untimed for the table) until no submission to `slug` is queued or being judged. */
async function drain(slug: string, timeoutMs: number): Promise<{ drainedS: number | null; pending: number }> {
  const t0 = now();
  let pending = 0;
  while (now() - t0 < timeoutMs) {
    const r = await api<{ items: SubmissionView[] }>('GET', `/submissions?problem=${slug}&limit=100`);
    pending = (r.data.items ?? []).filter((s) => s.status !== 'done' && s.status !== 'failed').length;
    if (!pending) return { drainedS: Math.round((now() - t0) / 100) / 10, pending };
    await sleep(500);
  }
  return { drainedS: null, pending };
}

// ------------------------------------------------------------------------------------ main
async function main(): Promise<void> {
  const started = new Date();
  const t0 = now();
  const notes: string[] = [
    'Other workloads (test suites, builds) may share this machine: treat the figures as noisy; loadavg is recorded per mode.',
  ];
  console.log(
    `Bastion end-to-end benchmark — ${CORES} cores, concurrency ${CONCURRENCY}, ${N} submissions per language per mode`,
  );
  console.log(
    `  "A plus B" in C and Python, ${TESTS.length} small tests each; a submission = compile + all tests + compare.`,
  );

  // preflight: Docker images, the API, sign-in, the problems
  for (const img of Object.values(IMAGES)) {
    if ((await exec('docker', ['image', 'inspect', img], '')).code !== 0)
      throw new Error(`image ${img} is missing (npm run up builds it)`);
  }
  const host = new URL(BASE).hostname;
  const local = ['localhost', '127.0.0.1', '::1', '[::1]'].includes(host);
  const health = await fetch(`${BASE}/health`).catch((e: Error) => e);
  if (health instanceof Error || health.status !== 200) {
    throw new Error(
      `${BASE}/health does not answer 200 (${health instanceof Error ? health.message : health.status}); start the system: npm run up`,
    );
  }
  const login = await api<{ accessToken: string }>('POST', '/auth/login', { email: EMAIL, password: PASSWORD });
  if (login.status !== 200 && login.status !== 201)
    throw new Error(`sign-in answered ${login.status}: ${JSON.stringify(login.data)}`);
  token = login.data.accessToken;
  const slug = await importProblem(false);
  const secureSlug = N_SECURE || ONLY_SECURITY ? await importProblem(true) : null;
  if (ONLY_SECURITY && secureSlug) {
    const latency = await measureSecurityLatency(slug, secureSlug, Math.max(N_SECURE, 1));
    console.log(JSON.stringify(latency));
    return;
  }
  console.log(
    `  problems: ${slug} (bastion.yaml: security { static: false, sanitizers: false })${secureSlug ? `, ${secureSlug} (default policy)` : ''}`,
  );
  // one submission first, so a rate limit shows before minutes are spent on the other modes
  const probe = await bastion(slug)('c', -1);
  if (!probe.ok) throw new Error(`a probe submission was judged ${probe.verdict}, not AC`);

  const dockerContainers = (await exec('docker', ['ps', '-q'], '')).stdout.trim().split('\n').filter(Boolean).length;

  const results: Record<string, ModeResult> = {};
  results.bare = await mode('bare — compiled and run on the host, no sandbox', N, bare);
  results.naive = await mode('naive — docker run --rm -i --network none per test', N, naive);
  results.bastion = await mode(
    'bastion — HTTP API, POST → SSE result (security: static off, sanitizers off)',
    N,
    bastion(slug),
    true,
  );
  const securityLatency = secureSlug ? await measureSecurityLatency(slug, secureSlug, N_SECURE) : null;
  if (secureSlug) {
    results.bastionSecure = await mode(
      'bastion, default security policy (static analysis + ASan/UBSan rebuild for C)',
      N_SECURE,
      bastion(secureSlug),
      true,
    );
  }

  let apiLoad: { get: LoadResult; post: LoadResult; postDrain: { drainedS: number | null; pending: number } } | null =
    null;
  if (LOAD && local) {
    console.log('\nAPI load (autocannon, fixed rate)');
    // a finished submission to read back (a realistic GET: the full result with its 10 tests)
    const made = await api<{ id: string }>('POST', '/submissions', {
      problem: slug,
      language: 'c',
      source: source('c', -2),
    });
    if (made.status === 429) throw new RateLimited(rateLimitHelp('POST /api/v1/submissions'));
    const id = made.data.id;
    await awaitResult(id, now());
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const get = await load(`GET /api/v1/submissions/:id`, { url: `${API}/submissions/${id}`, headers }, 50, 10);
    const post = await load(
      `POST /api/v1/submissions`,
      {
        url: `${API}/submissions`,
        method: 'POST',
        headers,
        body: JSON.stringify({ problem: slug, language: 'python', source: source('python', -3) }),
      },
      10,
      5,
    );
    if (post.statusCodes['429'])
      notes.push(`POST load: ${post.statusCodes['429']} answers were 429 — ${rateLimitHelp('POST load')}`);
    process.stdout.write(`  waiting for the ${post.statusCodes['202'] ?? 0} queued submissions to be judged ... `);
    const postDrain = await drain(slug, 180_000);
    console.log(
      postDrain.drainedS === null ? `${postDrain.pending} still pending after 180 s` : `${postDrain.drainedS} s`,
    );
    apiLoad = { get, post, postDrain };
  } else if (LOAD) {
    notes.push(`API load run skipped: ${BASE} is not localhost`);
  }

  // ---------------------------------------------------------------------------------- report
  const b = results.bare.all;
  const nv = results.naive.all;
  const bs = results.bastion.all;
  const r2 = (x: number) => Math.round(x * 100) / 100;
  const ratios = (bareS: Stats, naiveS: Stats, bastionS: Stats) => ({
    overheadRatio: r2(bastionS.p50 / bareS.p50),
    speedupVsNaive: r2(naiveS.p50 / bastionS.p50),
    throughputRatio: r2(bastionS.throughput / bareS.throughput),
  });
  const overall = ratios(b, nv, bs);
  const perLanguage = Object.fromEntries(
    LANGS.map((l) => [
      l,
      ratios(
        results.bare.perLanguage[l] as Stats,
        results.naive.perLanguage[l] as Stats,
        results.bastion.perLanguage[l] as Stats,
      ),
    ]),
  );

  const fmt = (x: number, w = 9, d = 1) => x.toFixed(d).padStart(w);
  console.log(
    `\nResults (${CORES} cores, concurrency ${CONCURRENCY}; latency per submission in ms, throughput in submissions/s)`,
  );
  console.log(
    `${'mode'.padEnd(16)}${'lang'.padEnd(8)}${'n'.padStart(4)}${'AC'.padStart(5)}${'p50'.padStart(9)}${'p95'.padStart(9)}${'thr/s'.padStart(9)}${'load1'.padStart(7)}`,
  );
  for (const [key, m] of Object.entries(results)) {
    for (const [lang, s] of [...Object.entries(m.perLanguage), ['all', m.all]] as [string, Stats][]) {
      console.log(
        `${key.padEnd(16)}${lang.padEnd(8)}${String(s.n).padStart(4)}${String(s.ok).padStart(5)}${fmt(s.p50)}${fmt(s.p95)}${fmt(s.throughput, 9, 2)}${lang === 'all' ? fmt(m.loadavgAfter[0], 7, 2) : ''}`,
      );
    }
  }
  for (const key of ['bastion', 'bastionSecure']) {
    const bd = results[key]?.breakdown;
    for (const [lang, b] of Object.entries(bd ?? {})) {
      console.log(
        `${key} ${lang}: p50 POST→compiling ${b.toCompilingP50 ?? '?'} ms, POST→running ${b.toRunningP50 ?? '?'} ms, server createdAt→finishedAt ${b.serverP50 ?? '?'} ms`,
      );
    }
  }
  if (securityLatency) {
    console.log('\nSecurity checks, one submission at a time (p50 ms: security off → default policy)');
    for (const [pattern, byLang] of Object.entries(securityLatency)) {
      for (const [lang, x] of Object.entries(byLang)) {
        console.log(
          `  ${pattern.padEnd(10)} ${lang.padEnd(7)} ${x.offP50} → ${x.defaultP50}  (+${x.addedMs} ms, ×${x.ratio})`,
        );
      }
    }
  }
  const verdictGoal = (name: keyof typeof GOALS, value: number, atMost: boolean) =>
    `${name.padEnd(16)} ${value.toFixed(2).padStart(6)}   goal ${atMost ? '≤' : '≥'} ${GOALS[name]}   ${
      (atMost ? value <= GOALS[name] : value >= GOALS[name]) ? 'met' : 'NOT met'
    }`;
  console.log('\nRatios (all languages; per language in results.json)');
  console.log(`  ${verdictGoal('overheadRatio', overall.overheadRatio, true)}     (Bastion p50 ÷ bare p50)`);
  console.log(`  ${verdictGoal('speedupVsNaive', overall.speedupVsNaive, false)}     (naive p50 ÷ Bastion p50)`);
  console.log(
    `  ${verdictGoal('throughputRatio', overall.throughputRatio, false)}     (Bastion throughput ÷ bare throughput)`,
  );
  for (const l of LANGS) {
    const r = perLanguage[l];
    console.log(
      `  ${l.padEnd(7)} overhead ${r.overheadRatio}  speed-up ${r.speedupVsNaive}  throughput ${r.throughputRatio}`,
    );
  }
  if (apiLoad) {
    console.log('\nAPI load (autocannon)');
    for (const x of [apiLoad.get, apiLoad.post]) {
      console.log(
        `  ${x.what.padEnd(30)} ${x.rate} req/s × ${x.durationS} s: ${x.requests} requests, p50 ${x.p50} ms, p99 ${x.p99} ms, max ${x.max} ms, non-2xx ${x.non2xx}, errors ${x.errors}`,
      );
    }
  }
  if (apiLoad?.postDrain.drainedS) {
    const queued = apiLoad.post.statusCodes['202'] ?? 0;
    console.log(
      `  the ${queued} POSTed submissions were all judged ${apiLoad.postDrain.drainedS} s after the load ended (backlog)`,
    );
  }
  const failed = Object.values(results).reduce((a, m) => a + m.all.n - m.all.ok, 0);
  if (failed) notes.push(`${failed} submission(s) were not judged AC; see verdicts in results.json`);
  notes.push(
    `Bastion rows judge a problem whose bastion.yaml turns static analysis and sanitizers off, so the comparison is about sandboxing and the pipeline; the bastionSecure row uses the default policy.`,
  );
  for (const n of notes) console.log(`note: ${n}`);

  const out = {
    overheadRatio: overall.overheadRatio,
    speedupVsNaive: overall.speedupVsNaive,
    throughputRatio: overall.throughputRatio,
    goals: {
      overheadRatio: { atMost: GOALS.overheadRatio, met: overall.overheadRatio <= GOALS.overheadRatio },
      speedupVsNaive: { atLeast: GOALS.speedupVsNaive, met: overall.speedupVsNaive >= GOALS.speedupVsNaive },
      throughputRatio: { atLeast: GOALS.throughputRatio, met: overall.throughputRatio >= GOALS.throughputRatio },
    },
    perLanguage,
    modes: results,
    api: apiLoad,
    securityLatency,
    machine: {
      cores: CORES,
      cpuModel: cpus()[0]?.model,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      platform: `${process.platform} ${process.arch}`,
      node: process.version,
      otherContainersRunning: dockerContainers,
      time: started.toISOString(),
      durationS: Math.round((now() - t0) / 1000),
    },
    config: {
      url: BASE,
      concurrency: CONCURRENCY,
      submissionsPerLanguagePerMode: N,
      secureSubmissionsPerLanguage: N_SECURE,
      tests: TESTS.length,
      languages: LANGS,
      problem: slug,
      security: { static: false, sanitizers: false },
      wait: 'SSE /submissions/:id/events until `result`',
      hostPython: HOST_PYTHON,
    },
    notes,
  };
  const file = join(__dirname, 'results.json');
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nwrote ${file} (${out.machine.durationS} s)`);
}

/**
 * What the security checks add to the verdict a student waits for: the same programs judged one at a
 * time, alternating between the problem with security off and the one with the default policy.
 */
async function measureSecurityLatency(offSlug: string, defaultSlug: string, count: number) {
  const out: Record<
    string,
    Record<string, { offP50: number; defaultP50: number; addedMs: number; ratio: number }>
  > = {};
  // Back to back: the next submission as soon as the verdict is in (the worker never idles);
  // spaced: a pause between submissions, as on a judge that is not saturated.
  for (const [pattern, gapMs] of [
    ['backToBack', 0],
    ['spaced', SECURITY_GAP_MS],
  ] as const) {
    console.log(
      `\nsecurity checks — one submission at a time (${pattern === 'spaced' ? `${gapMs} ms apart` : 'back to back'}), security off and default policy interleaved`,
    );
    out[pattern] = {};
    for (const lang of LANGS) {
      const off: number[] = [];
      const on: number[] = [];
      // In the order off, on, on, off, off, on, …: back to back, the warm pool's refills land on
      // every other submission, and a plain alternation would hand them all to one of the two.
      for (let i = 0; i < count; i++) {
        const pair = [
          async () => off.push((await bastion(offSlug)(lang, 10_000 + i)).ms),
          async () => on.push((await bastion(defaultSlug)(lang, 20_000 + i)).ms),
        ];
        for (const judge of i % 2 ? pair.reverse() : pair) {
          await new Promise((r) => setTimeout(r, gapMs));
          await judge();
        }
      }
      const [a, b] = [pct(off, 0.5), pct(on, 0.5)];
      const x = {
        offP50: Math.round(a),
        defaultP50: Math.round(b),
        addedMs: Math.round(b - a),
        ratio: Math.round((b / a) * 100) / 100,
      };
      out[pattern][lang] = x;
      console.log(`  ${lang}: ${x.offP50} ms → ${x.defaultP50} ms`);
    }
  }
  return out;
}

main().catch((e: Error) => {
  if (process.stdout.isTTY) process.stdout.write('\n');
  console.error(e instanceof RateLimited ? `\n✗ ${e.message}` : e);
  process.exit(e instanceof RateLimited ? 2 : 1);
});
