import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { ADMIN, ApiClient, sumProblem } from './support/api-client';
import { FuzzBody, FuzzRequest, RealParam, requestsFor } from './support/fuzz';
import { RunningSystem, startSystem } from './support/system';

/**
 * Property-based fuzzing of every operation of the OpenAPI document: hostile bodies, queries, path
 * parameters and headers, sent as admin, instructor, student and anonymous; none may answer 5xx, and
 * /health must answer afterwards. FUZZ_SEED and FUZZ_RUNS (requests per operation) reproduce a run.
 */
jest.setTimeout(600_000);

const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Fewer requests where each valid one starts real work (a judge run, an unzip thread, argon2). */
const RUNS_OF: Record<string, number> = {
  'POST /api/v1/runs': 6,
  'POST /api/v1/submissions/{id}/rejudge': 5,
  'POST /api/v1/problems/import': 10,
  'POST /api/v1/users/import': 8,
};

/**
 * Operations run in this order: the ones that end sessions or change the shared resources come last,
 * after everything that reads them.
 */
const LATE = /logout|disable|password|unpublish|rejudge|^DELETE/;

type Role = 'admin' | 'instructor' | 'student' | 'anonymous';

interface Outcome {
  role: Role;
  method: string;
  url: string;
  body: string;
  status: number;
  answer: string;
}

function describeBody(body: FuzzBody | undefined): string {
  if (!body) return '(none)';
  if (body.kind === 'json') return JSON.stringify(body.value)?.slice(0, 300) ?? String(body.value);
  if (body.kind === 'form')
    return `multipart ${body.parts.map((p) => ('file' in p ? `${p.name}=<${p.file.length} bytes>` : `${p.name}=${JSON.stringify(p.value.slice(0, 80))}`)).join(' ')}`;
  const text = typeof body.text === 'string' ? body.text : Buffer.from(body.text).toString('hex');
  return `raw ${body.type ?? 'application/json'}${body.encoding ? ` ${body.encoding}` : ''}: ${JSON.stringify(text.slice(0, 200))}${text.length > 200 ? `… (${text.length} chars)` : ''}`;
}

function encodeBody(body: FuzzBody | undefined, headers: Record<string, string>): RequestInit['body'] {
  if (!body) return undefined;
  if (body.kind === 'json') {
    headers['content-type'] = 'application/json';
    return JSON.stringify(body.value) ?? 'null';
  }
  if (body.kind === 'form') {
    const form = new FormData();
    for (const p of body.parts) {
      if ('file' in p) form.append(p.name, new Blob([p.file]), p.filename);
      else form.append(p.name, p.value);
    }
    return form;
  }
  headers['content-type'] = body.type ?? 'application/json';
  if (body.encoding) headers['content-encoding'] = body.encoding;
  return body.text;
}

describe('fuzzing every operation of the OpenAPI document', () => {
  let system: RunningSystem;
  let doc: any;
  const tokens: Partial<Record<Role, string>> = {};
  /** Sessions of their own for POST /auth/logout, so the ones in use stay signed in. */
  const spare: Partial<Record<Role, string>> = {};
  let realParam: RealParam;
  let known: Record<string, string>;

  beforeAll(async () => {
    // Three valid submissions (and three runs) a minute per account: real judging work stays small.
    system = await startSystem({ BASTION_SUBMIT_LIMIT_PER_MIN: '3' });
    const admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
    const tag = Date.now().toString(36);
    const account = async (role: string, name: string) => {
      const email = `fuzz-${name}-${tag}@example.edu`;
      const r = await admin.request('POST', '/users', { email, password: 'fuzz-password', name, role });
      expect(r.status).toBe(201);
      return { id: r.body.id as string, email };
    };
    const [instructor, student, victim] = [
      await account('instructor', 'instructor'),
      await account('student', 'student'),
      await account('student', 'victim'),
    ];
    const login = async (email: string, password: string) =>
      (await new ApiClient(system.baseUrl).login(email, password)).token as string;
    tokens.admin = admin.token;
    tokens.instructor = await login(instructor.email, 'fuzz-password');
    tokens.student = await login(student.email, 'fuzz-password');
    spare.admin = await login(ADMIN.email, ADMIN.password);
    spare.instructor = await login(instructor.email, 'fuzz-password');
    spare.student = await login(student.email, 'fuzz-password');

    const teacher = new ApiClient(system.baseUrl, tokens.instructor);
    const slug = `fuzz-${tag}`;
    expect((await teacher.importProblem(sumProblem('Fuzz'), slug)).status).toBe(201);
    expect((await teacher.request('POST', `/problems/${slug}/publish`)).status).toBe(200);
    const testId = (await teacher.request('GET', `/problems/${slug}/tests`)).body[0].id as string;
    const submissionId = await new ApiClient(system.baseUrl, tokens.student).submit(
      slug,
      'python',
      'a, b = map(int, input().split())\nprint(a + b)\n',
    );
    const token = await admin.request('POST', '/tokens', { name: 'fuzz', scopes: ['read'] });
    expect(token.status).toBe(201);

    realParam = (path, name) => {
      // A problem-wide rejudge queues every submission of the problem again: hostile slugs only.
      if (path.endsWith('/problems/{slug}/rejudge')) return null;
      if (name === 'slug') return slug;
      if (path.includes('/tests/{id}')) return testId;
      if (path.startsWith('/api/v1/submissions/')) return submissionId;
      if (path.startsWith('/api/v1/tokens/')) return token.body.id;
      // Account changes land on an account of their own, not on the sessions the fuzzing uses.
      if (path.startsWith('/api/v1/users/')) return victim.id;
      return randomUUID();
    };
    known = { problem: slug, slug: `${slug}-x`, language: 'python' };
    // Sign-in attempts count per account in Redis, across every system started on it: wrong passwords
    // for the admin (the document's example address) would lock the suites that run next out of it.
    const text = await (await fetch(`${system.baseUrl}/api/docs-json`)).text();
    doc = JSON.parse(text.split(ADMIN.email).join(`fuzz-login-${tag}@example.edu`));
  });

  afterAll(async () => {
    await system?.stop();
  });

  async function send(role: Role, method: string, req: FuzzRequest): Promise<Outcome> {
    const headers: Record<string, string> = { ...req.headers };
    const logout = req.path.endsWith('/auth/logout');
    const token = role === 'anonymous' ? undefined : (logout ? spare : tokens)[role];
    if (token) headers.authorization = `Bearer ${token}`;
    const url = `${system.baseUrl}${req.path}${req.query ? `?${req.query}` : ''}`;
    const body = encodeBody(req.body, headers);
    const outcome = { role, method: method.toUpperCase(), url: url.slice(0, 400), body: describeBody(req.body) };
    try {
      const r = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(90_000) });
      // A live event stream stays open: its status is all that counts here.
      const answer = r.headers.get('content-type')?.includes('event-stream')
        ? (await r.body?.cancel(), '(event stream)')
        : await r.text();
      return { ...outcome, status: r.status, answer: answer.slice(0, 500) };
    } catch (e) {
      return { ...outcome, status: 599, answer: `no answer: ${(e as Error).message} ${(e as Error).cause ?? ''}` };
    }
  }

  it('answers every hostile request with less than 500, and stays healthy', async () => {
    const operations = Object.entries<any>(doc.paths)
      .flatMap(([path, item]) =>
        Object.entries<any>(item)
          .filter(([m]) => METHODS.includes(m))
          .map(([method, op]) => ({ path, method, op, key: `${method.toUpperCase()} ${path}` })),
      )
      .sort((a, b) => Number(LATE.test(a.key)) - Number(LATE.test(b.key)));
    expect(operations.length).toBeGreaterThan(30);

    const failures: Outcome[] = [];
    let sent = 0;
    const started = Date.now();
    for (const [i, { path, method, op, key }] of operations.entries()) {
      const requests = fc.sample(requestsFor(doc, method, path, op, realParam, known), {
        seed: SEED + i,
        numRuns: RUNS_OF[key] ?? RUNS,
      });
      const t0 = Date.now();
      // Two requests at a time; each one goes out as every role in turn.
      for (let j = 0; j < requests.length; j += 2) {
        const batch = requests.slice(j, j + 2).map(async (req) => {
          for (const role of ['admin', 'instructor', 'student', 'anonymous'] as const) {
            const o = await send(role, method, req);
            sent++;
            if (o.status >= 500) failures.push(o);
          }
        });
        await Promise.all(batch);
      }
      console.log(`${key}: ${requests.length * 4} requests in ${Date.now() - t0} ms`);
    }
    console.log(
      `fuzzing: ${sent} requests in ${Date.now() - started} ms, seed ${SEED}, ${failures.length} answered 5xx`,
    );

    const health = await fetch(`${system.baseUrl}/health`, { signal: AbortSignal.timeout(3000) });
    expect(health.status).toBe(200);
    const me = await fetch(`${system.baseUrl}/api/v1/auth/me`, {
      headers: { authorization: `Bearer ${tokens.admin}` },
    });
    expect(me.status).toBe(200);
    await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
    expect(
      failures.map((f) => `${f.status} ← ${f.role} ${f.method} ${f.url}\n    body: ${f.body}\n    answer: ${f.answer}`),
    ).toEqual([]);
  });
});
