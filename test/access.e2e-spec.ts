import { ADMIN, ApiClient, sumProblem } from './support/api-client';
import { RunningSystem, startSystem } from './support/system';
import { SUM_AC } from './programs/sum';

// The longest test takes about 4 s (measured); a hang shows within two minutes.
jest.setTimeout(120_000);

const ADMIN_LOGIN = { email: ADMIN.email, password: ADMIN.password };

describe('people, permissions, tokens and the grading API', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  let instructor: ApiClient;
  let student: ApiClient;
  const tag = Date.now().toString(36);
  /** Published in beforeAll: the problem that tests submitting without counting submissions use. */
  const slug = `acl-${tag}`;
  let problems = 0;

  async function account(role: string, name: string): Promise<ApiClient> {
    const email = `${name}-${tag}@example.edu`;
    const r = await admin.request('POST', '/users', { email, password: 'correct horse', name, role });
    expect(r.status).toBe(201);
    return new ApiClient(system.baseUrl).login(email, 'correct horse');
  }

  beforeAll(async () => {
    system = await startSystem();
    admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
    instructor = await account('instructor', 'prof');
    student = await account('student', 'kim');
    expect((await instructor.importProblem(sumProblem(), slug)).status).toBe(201);
    expect((await instructor.request('POST', `/problems/${slug}/publish`)).status).toBe(200);
  });

  /** A new problem of the instructor's, a draft until `publish`. */
  async function problem(publish: boolean): Promise<string> {
    const own = `acl-${tag}-${++problems}`;
    expect((await instructor.importProblem(sumProblem(), own)).status).toBe(201);
    if (publish) expect((await instructor.request('POST', `/problems/${own}/publish`)).status).toBe(200);
    return own;
  }

  /**
   * A published problem with one judged submission from each of two new students (so every
   * count is this test's): kim's right, lee's wrong.
   */
  async function twoAttempts() {
    const own = await problem(true);
    const n = problems;
    const kim = { email: `kim${n}-${tag}@example.edu`, client: await account('student', `kim${n}`) };
    const lee = { email: `lee${n}-${tag}@example.edu`, client: await account('student', `lee${n}`) };
    const mine = await kim.client.submit(own, 'python', SUM_AC.python);
    const theirs = await lee.client.submit(own, 'python', 'print(0)\n');
    await Promise.all([kim.client.result(mine), lee.client.result(theirs)]);
    return { slug: own, kim, lee, mine, theirs };
  }

  afterAll(async () => {
    await system?.stop();
  });

  it('hides a draft problem from students until it is published', async () => {
    const slug = await problem(false);
    expect((await student.request('GET', `/problems/${slug}`)).status).toBe(404);
    expect((await student.request('GET', '/problems')).body.map((p: { slug: string }) => p.slug)).not.toContain(slug);
    expect((await student.request('POST', '/submissions', { problem: slug, language: 'c', source: 'x' })).status).toBe(
      404,
    );
    expect((await student.request('POST', `/problems/${slug}/publish`)).status).toBe(403);
    const pub = await instructor.request('POST', `/problems/${slug}/publish`);
    expect(pub.status).toBe(200);
    expect(pub.body.published).toBe(true);
    const seen = await student.request('GET', `/problems/${slug}`);
    expect(seen.status).toBe(200);
    expect(seen.body.samples).toHaveLength(1); // only the sample tests leave the server
  });

  it('shows students only their own submissions, and instructors those to their problems', async () => {
    const { slug, kim, lee, mine, theirs } = await twoAttempts();
    expect((await lee.client.request('GET', `/submissions/${mine}`)).status).toBe(404);
    expect((await lee.client.request('GET', `/submissions/${mine}/source`)).status).toBe(404);

    const list = await kim.client.request('GET', `/submissions?problem=${slug}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([mine]);

    const staff = await instructor.request('GET', `/submissions?problem=${slug}&limit=10`);
    expect(staff.body.items.map((s: { id: string }) => s.id).sort()).toEqual([mine, theirs].sort());
    expect(staff.body.total).toBe(2);
    const accepted = await instructor.request('GET', `/submissions?problem=${slug}&verdict=AC`);
    expect(accepted.body.items.map((s: { id: string }) => s.id)).toEqual([mine]);
    const byUser = await admin.request('GET', `/submissions?user=${kim.email}`);
    expect(byUser.body.items.map((s: { id: string }) => s.id)).toEqual([mine]);
    const paged = await instructor.request('GET', `/submissions?problem=${slug}&limit=1&offset=1`);
    expect(paged.body.items).toHaveLength(1);
    expect((await instructor.request('GET', '/submissions?limit=1000')).status).toBe(400);
    expect((await instructor.request('GET', '/submissions?since=yesterday')).status).toBe(400);
  });

  it("exports a gradebook with each student's best score", async () => {
    const { slug, kim, lee } = await twoAttempts();
    const r = await fetch(`${system.baseUrl}/api/v1/problems/${slug}/gradebook.csv`, {
      headers: { authorization: `Bearer ${instructor.token}` },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await r.text()).trim().split('\r\n');
    expect(lines[0]).toBe('"email","name","best_score","max_score","attempts","accepted","last_submission"');
    expect(lines.find((l) => l.startsWith(`"${kim.email}"`))).toMatch(/,"100","100","1","true",/);
    expect(lines.find((l) => l.startsWith(`"${lee.email}"`))).toMatch(/,"0","100","1","false",/);
    expect((await kim.client.request('GET', `/problems/${slug}/gradebook.csv`)).status).toBe(403);
  });

  it('imports a roster from CSV, generating passwords shown once', async () => {
    const csv = `email,name,role\npark-${tag}@example.edu,"Park, Jiho",student\nbad-email,X,student\nprof2-${tag}@example.edu,P,instructor\n`;
    const form = new FormData();
    form.append('file', new Blob([csv]), 'roster.csv');
    const r = await instructor.request('POST', '/users/import', form);
    expect(r.status).toBe(200);
    expect(r.body.created).toEqual([
      { email: `park-${tag}@example.edu`, role: 'student', password: expect.any(String) },
    ]);
    expect(r.body.skipped.map((x: { line: number }) => x.line)).toEqual([3, 4]); // bad email; instructors create students only
    await new ApiClient(system.baseUrl).login(`park-${tag}@example.edu`, r.body.created[0].password);
    const broken = new FormData();
    broken.append('file', new Blob(['who,what\n1,2\n']), 'roster.csv');
    expect((await admin.request('POST', '/users/import', broken)).body.error.code).toBe('BAD_ROSTER');
    expect((await student.request('POST', '/users/import', form)).status).toBe(403);
  });

  it('accepts a batch of submissions, each answered on its own', async () => {
    const r = await student.request('POST', '/submissions/batch', {
      submissions: [
        { problem: slug, language: 'python', source: SUM_AC.python },
        { problem: 'no-such-problem', language: 'python', source: 'print(1)' },
        { problem: slug, language: 'c', source: SUM_AC.c },
      ],
    });
    expect(r.status).toBe(202);
    expect(r.body.items[0]).toMatchObject({ index: 0, status: 'queued', id: expect.any(String) });
    expect(r.body.items[1]).toMatchObject({ index: 1, error: { code: 'PROBLEM_NOT_FOUND' } });
    expect((await student.result(r.body.items[2].id)).verdict).toBe('AC');
    const tooMany = Array.from({ length: 101 }, () => ({ problem: slug, language: 'python', source: 'print(1)' }));
    expect((await student.request('POST', '/submissions/batch', { submissions: tooMany })).status).toBe(400);
  });

  it('returns the first submission again for a repeated Idempotency-Key', async () => {
    const body = { problem: slug, language: 'python', source: SUM_AC.python };
    const a = await student.request('POST', '/submissions', body, { 'idempotency-key': `lms-${tag}-1` });
    const b = await student.request('POST', '/submissions', body, { 'idempotency-key': `lms-${tag}-1` });
    expect(a.status).toBe(202);
    expect(b.body.id).toBe(a.body.id);
    const c = await student.request('POST', '/submissions', body, { 'idempotency-key': `lms-${tag}-2` });
    expect(c.body.id).not.toBe(a.body.id);
  });

  it('issues scoped API tokens that are shown once, stored hashed and revocable', async () => {
    const created = await student.request('POST', '/tokens', { name: 'ci', scopes: ['read'] });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^bst_/);
    const bot = new ApiClient(system.baseUrl, created.body.token);
    expect((await bot.request('GET', '/languages')).status).toBe(200);
    const denied = await bot.request('POST', '/submissions', { problem: slug, language: 'python', source: 'print(1)' });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('SCOPE_MISSING');

    const listed = await student.request('GET', '/tokens');
    const row = listed.body.find((t: { id: string }) => t.id === created.body.id);
    expect(row).toMatchObject({ name: 'ci', scopes: ['read'] });
    expect(row.token).toBeUndefined();
    expect(row.lastUsedAt).not.toBeNull();

    const submitter = new ApiClient(
      system.baseUrl,
      (await student.request('POST', '/tokens', { name: 'lms', scopes: ['submit', 'read'] })).body.token,
    );
    expect(
      (await submitter.request('POST', '/submissions', { problem: slug, language: 'python', source: 'print(3)' }))
        .status,
    ).toBe(202);

    expect((await student.request('DELETE', `/tokens/${created.body.id}`)).status).toBe(204);
    expect((await bot.request('GET', '/languages')).status).toBe(401);
    expect((await student.request('POST', '/tokens', { name: 'x', scopes: ['everything'] })).status).toBe(400);
  });

  it('signs the web app in with an HttpOnly cookie', async () => {
    const r = await fetch(`${system.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    });
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/bastion_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const me = await fetch(`${system.baseUrl}/api/v1/auth/me`, { headers: { cookie: cookie.split(';')[0] } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { role: string }).role).toBe('admin');
  });

  it('ends a session on sign-out: its token is refused afterwards, other sessions go on', async () => {
    const [one, other] = [new ApiClient(system.baseUrl), new ApiClient(system.baseUrl)];
    await one.login(ADMIN.email, ADMIN.password);
    await other.login(ADMIN.email, ADMIN.password);
    expect((await one.request('GET', '/auth/me')).status).toBe(200);
    expect((await one.request('POST', '/auth/logout')).status).toBe(204);
    const after = await one.request('GET', '/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('INVALID_TOKEN');
    expect((await other.request('GET', '/auth/me')).status).toBe(200);
    // Signing out from the web app (the cookie) ends that session the same way.
    const r = await fetch(`${system.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    });
    const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
    const out = await fetch(`${system.baseUrl}/api/v1/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(204);
    expect((await fetch(`${system.baseUrl}/api/v1/auth/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('limits sign-in attempts per account with 429 and Retry-After', async () => {
    const email = `nobody-${tag}@example.edu`;
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 12; i++) {
      const r = await fetch(`${system.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'guess' }),
      });
      statuses.push(r.status);
      retryAfter ??= r.headers.get('retry-after');
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });

  it('counts only failed sign-ins per account: an owner signing in often is never locked out', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await new ApiClient(system.baseUrl).request('POST', '/auth/login', ADMIN_LOGIN)).status);
    }
    expect(statuses).toEqual(Array(12).fill(200));
  });

  it('sends security headers and no stack traces', async () => {
    const r = await fetch(`${system.baseUrl}/api/v1/languages`);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(r.headers.get('x-powered-by')).toBeNull();
    const body = await r.text();
    expect(body).not.toMatch(/at .*\.js:\d+/);
  });
});
