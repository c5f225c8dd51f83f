/** Judging through Bastion's HTTP API: sign in, import the bench problems, submit and wait for the verdict. */
import { strToU8, zipSync } from 'fflate';
import { api, API, authHeader, signInAdmin } from '../common/http';
import { Lang, ModeKey, SUBMISSION_TIMEOUT_MS, TESTS, sourceFor } from './settings';
import { Fatal, Sample, now } from './stats';

export { api, authHeader };
export class RateLimited extends Fatal {}

export const signIn = signInAdmin;

export function rateLimitHelp(what: string): string {
  return (
    `${what} answered 429 (rate limited). The API allows BASTION_SUBMIT_LIMIT_PER_MIN submissions a ` +
    `minute per user (30 by default; admins are exempt) and this benchmark makes a few hundred. Sign in ` +
    `as an admin (BASTION_ADMIN_EMAIL, BASTION_ADMIN_PASSWORD), or restart the system with a higher limit:\n` +
    `    npm run down && BASTION_SUBMIT_LIMIT_PER_MIN=100000 npm run up`
  );
}

/** Imports the "A plus B" problem; `secure`: the default security policy, else static analysis and sanitizers off. */
export async function importProblem(secure: boolean, tag = ''): Promise<string> {
  const slug = `bench-sum-${Date.now()}${tag}${secure ? '-secure' : ''}`;
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
  const r = await api<{ slug: string }>('POST', '/problems/import', form);
  if (r.status !== 201) throw new Error(`problem import answered ${r.status}: ${JSON.stringify(r.data)}`);
  return r.data.slug;
}

export interface SubmissionView {
  id: string;
  status: string;
  verdict: string | null;
  accepted: boolean;
  tests?: { name: string; verdict: string }[];
  security?: { verdict: string; findings: { ruleId?: string; cwe?: string | number }[] } | null;
  createdAt: string;
  finishedAt: string | null;
}

/** Reads the SSE stream until `result`; records when the worker reported `compiling` and `running`. */
export async function awaitResult(
  id: string,
  t0: number,
): Promise<{ sub: SubmissionView; toCompiling?: number; toRunning?: number }> {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), SUBMISSION_TIMEOUT_MS);
  try {
    const res = await fetch(`${API}/submissions/${id}/events`, {
      headers: { ...authHeader(), accept: 'text/event-stream' },
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

/**
 * Why a finished submission does not count as the work the benchmark means, or null: the verdict
 * must be AC with every one of the 10 tests AC, and under the default policy the security checks
 * must have run and found the program (a safe one) secure.
 */
export function notJudgedAsMeant(sub: SubmissionView, secure: boolean): string | null {
  if (sub.status !== 'done') return `status ${sub.status}`;
  const tests = sub.tests ?? [];
  if (tests.length !== TESTS.length) return `${tests.length} test results, not ${TESTS.length}`;
  const bad = tests.filter((t) => t.verdict !== 'AC');
  if (bad.length)
    return `${bad.length} of ${tests.length} tests not AC: ${bad
      .slice(0, 2)
      .map((t) => `${t.name} ${t.verdict}`)
      .join(', ')}${bad.length > 2 ? ', …' : ''}`;
  if (secure && !sub.security) return 'no security outcome under the default policy';
  if (secure && sub.security?.verdict !== 'secure')
    return `security ${sub.security?.verdict}: ${(sub.security?.findings ?? []).map((f) => f.ruleId ?? f.cwe).join(', ')}`;
  return null;
}

/**
 * Submits the mode's submission i to `slug` and waits for its verdict (from POST to the SSE `result`).
 * `secure`: the problem has the default security policy. `from`: numbers the sources apart from other runs'.
 */
export const bastion =
  (key: ModeKey, slug: string, secure: boolean, from = 0) =>
  async (lang: Lang, i: number): Promise<Sample> => {
    const t0 = now();
    const r = await api<{ id: string }>('POST', '/submissions', {
      problem: slug,
      language: lang,
      source: sourceFor(key, lang, i, from),
    });
    if (r.status === 429) throw new RateLimited(rateLimitHelp('POST /api/v1/submissions'));
    if (r.status !== 202) throw new Error(`submit answered ${r.status}`);
    const { sub, toCompiling, toRunning } = await awaitResult(r.data.id, t0);
    const ms = now() - t0;
    const serverMs = sub.finishedAt ? Date.parse(sub.finishedAt) - Date.parse(sub.createdAt) : undefined;
    const why = notJudgedAsMeant(sub, secure);
    const verdict = sub.verdict ?? sub.status;
    return {
      lang,
      i,
      ms,
      ok: verdict === 'AC' && !why,
      verdict,
      why: why ?? undefined,
      toCompiling,
      toRunning,
      serverMs,
    };
  };

/** Every submission to `slug`, newest first (the list API pages by 100). */
export async function listAll(slug: string): Promise<SubmissionView[]> {
  const out: SubmissionView[] = [];
  for (let offset = 0; ; offset += 100) {
    const r = await api<{ items?: SubmissionView[] }>('GET', `/submissions?problem=${slug}&limit=100&offset=${offset}`);
    if (r.status !== 200) throw new Error(`GET /submissions answered ${r.status}`);
    const items = r.data.items ?? [];
    out.push(...items);
    if (items.length < 100) return out;
  }
}
