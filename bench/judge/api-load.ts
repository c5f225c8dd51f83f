/**
 * The API under fixed-rate load (autocannon): GET /submissions/:id at 50 req/s for 10 s, then POST
 * /submissions at 10 req/s for 5 s to a problem of its own, whose backlog must then be judged, all AC.
 */
import autocannon from 'autocannon';
import { API, source } from './settings';
import {
  RateLimited,
  SubmissionView,
  api,
  authHeader,
  awaitResult,
  importProblem,
  listAll,
  notJudgedAsMeant,
  rateLimitHelp,
} from './bastion-api';
import { now, sleep } from './stats';

export interface LoadResult {
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

export interface ApiLoadResult {
  passed: boolean;
  failures: string[];
  get: LoadResult;
  post: LoadResult;
  /** The POSTed submissions: how long after the load their backlog was judged, and their verdicts. */
  postDrain: { drainedS: number | null; pending: number; verdicts: Record<string, number> };
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
async function drain(slug: string, timeoutMs: number): Promise<{ drainedS: number | null; subs: SubmissionView[] }> {
  const t0 = now();
  for (;;) {
    const subs = await listAll(slug);
    const pending = subs.filter((s) => s.status !== 'done' && s.status !== 'failed').length;
    if (!pending) return { drainedS: Math.round((now() - t0) / 100) / 10, subs };
    if (now() - t0 > timeoutMs) return { drainedS: null, subs };
    await sleep(500);
  }
}

/** `readSlug`: a problem to read a finished submission back from (a realistic GET: the full result with its 10 tests). */
export async function apiLoad(readSlug: string): Promise<ApiLoadResult> {
  console.log('\nAPI load (autocannon, fixed rate)');
  const failures: string[] = [];
  const made = await api<{ id: string }>('POST', '/submissions', {
    problem: readSlug,
    language: 'c',
    source: source('c', -2),
  });
  if (made.status === 429) throw new RateLimited(rateLimitHelp('POST /api/v1/submissions'));
  if (made.status !== 202) throw new Error(`POST /submissions answered ${made.status}`);
  const { sub } = await awaitResult(made.data.id, now());
  const why = notJudgedAsMeant(sub, false);
  if (sub.verdict !== 'AC' || why) failures.push(`the submission read back was judged ${sub.verdict} (${why})`);
  const headers = { ...authHeader(), 'content-type': 'application/json' };
  const get = await load(`GET /api/v1/submissions/:id`, { url: `${API}/submissions/${sub.id}`, headers }, 50, 10);

  const loadSlug = await importProblem(false, '-load');
  const post = await load(
    `POST /api/v1/submissions`,
    {
      url: `${API}/submissions`,
      method: 'POST',
      headers,
      body: JSON.stringify({ problem: loadSlug, language: 'python', source: source('python', -3) }),
    },
    10,
    5,
  );
  for (const x of [get, post]) {
    if (x.non2xx || x.errors || x.timeouts)
      failures.push(
        `${x.what}: ${x.non2xx} non-2xx (${JSON.stringify(x.statusCodes)}), ${x.errors} errors, ${x.timeouts} timeouts`,
      );
  }
  const queued = post.statusCodes['202'] ?? 0;
  process.stdout.write(`  waiting for the ${queued} queued submissions to be judged ... `);
  const { drainedS, subs } = await drain(loadSlug, 180_000);
  const pending = subs.filter((s) => s.status !== 'done' && s.status !== 'failed').length;
  console.log(drainedS === null ? `${pending} still pending after 180 s` : `${drainedS} s`);
  const verdicts: Record<string, number> = {};
  for (const s of subs) verdicts[s.verdict ?? s.status] = (verdicts[s.verdict ?? s.status] ?? 0) + 1;
  if (drainedS === null) failures.push(`${pending} POSTed submissions still pending after 180 s`);
  // autocannon counts only the answers that came before the load's end; later ones were stored too
  if (subs.length < queued)
    failures.push(`${queued} POSTs answered 202 but the problem has ${subs.length} submissions`);
  const notAc = subs.filter((s) => s.verdict !== 'AC').length;
  if (notAc) failures.push(`${notAc} of the POSTed submissions not AC: ${JSON.stringify(verdicts)}`);
  const passed = failures.length === 0;
  if (!passed) for (const f of failures) console.log(`  ✗ API load: ${f}`);
  return { passed, failures, get, post, postDrain: { drainedS, pending, verdicts } };
}
