/**
 * Bastion's HTTP API as the benchmark uses it: sign in, import a problem package, submit, and wait
 * for the result (SSE `result` event, with GET /submissions/:id as the fallback). The requests
 * themselves are bench/common/http.ts, shared with bench/judge.
 */
import { strToU8, zipSync } from 'fflate';
import { api, authHeader, API, BASE, signInAdmin } from '../common/http';

export { BASE };

export class RateLimited extends Error {}

export async function signIn(): Promise<void> {
  const health = await fetch(`${BASE}/health`).catch((e: Error) => e);
  if (health instanceof Error || health.status !== 200)
    throw new Error(`${BASE}/health does not answer 200; start the system: npm run up`);
  await signInAdmin();
}

/** Imports a package (file name → text); returns the slug. */
export async function importPackage(slug: string, files: Record<string, string>): Promise<string> {
  const zip = zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
  const form = new FormData();
  form.append('file', new Blob([zip], { type: 'application/zip' }), `${slug}.zip`);
  form.append('slug', slug);
  const r = await api<{ slug: string }>('POST', '/problems/import', form);
  if (r.status !== 201) throw new Error(`problem import answered ${r.status}: ${JSON.stringify(r.data)}`);
  return r.data.slug;
}

export interface FindingView {
  tool: string;
  ruleId: string;
  cwe: string;
  severity: string;
  line: number;
  message?: string;
}

export interface SubmissionView {
  id: string;
  status: string;
  verdict: string | null;
  compileOutput?: string | null;
  security?: { verdict: string; score?: number; findings: FindingView[] } | null;
  createdAt: string;
  finishedAt: string | null;
}

export async function submit(problem: string, language: string, source: string): Promise<string> {
  const r = await api<{ id: string }>('POST', '/submissions', { problem, language, source });
  if (r.status === 429)
    throw new RateLimited(
      'POST /submissions answered 429 (rate limited): the account is not an admin (admins are exempt). ' +
        'Sign in as one, or restart the system with a higher limit:\n' +
        '    npm run down && BASTION_SUBMIT_LIMIT_PER_MIN=100000 npm run up',
    );
  if (r.status !== 202) throw new Error(`submit answered ${r.status}: ${JSON.stringify(r.data).slice(0, 300)}`);
  return r.data.id;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for the SSE `result` event (or the stream's end, an error, the timeout). */
async function viaEvents(id: string, timeoutMs: number): Promise<void> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  try {
    const res = await fetch(`${API}/submissions/${id}/events`, {
      headers: { ...authHeader(), accept: 'text/event-stream' },
      signal: ctl.signal,
    });
    if (res.status !== 200 || !res.body) return;
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buf = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      buf += decoder.decode(value, { stream: true });
      for (let sep = buf.indexOf('\n\n'); sep >= 0; sep = buf.indexOf('\n\n')) {
        const raw = buf.slice(0, sep);
        buf = buf.slice(sep + 2);
        const type = /^event:\s*(.*)$/m.exec(raw)?.[1].trim();
        if (type === 'result') {
          await reader.cancel().catch(() => undefined);
          return;
        }
      }
    }
  } catch {
    // a broken stream: the caller polls
  } finally {
    clearTimeout(timer);
  }
}

/** Waits until the submission is done or failed (or `timeoutMs` passes); returns its full view from GET. */
export async function result(id: string, timeoutMs: number): Promise<SubmissionView> {
  const deadline = Date.now() + timeoutMs;
  await viaEvents(id, timeoutMs);
  for (;;) {
    const r = await api<SubmissionView>('GET', `/submissions/${id}`);
    if (r.status === 200 && (r.data.status === 'done' || r.data.status === 'failed')) return r.data;
    if (Date.now() > deadline) return { ...r.data, id, status: 'timeout' };
    await sleep(500);
  }
}
