import { ADMIN, ApiClient, sumProblem } from './support/api-client';
import { RunningSystem, startSystem } from './support/system';

jest.setTimeout(180_000);

describe('bad input gets a clear 4xx, never a 500', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  let anon: ApiClient;
  const slug = `bad-${Date.now().toString(36)}`;

  beforeAll(async () => {
    system = await startSystem();
    admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
    anon = new ApiClient(system.baseUrl);
    expect((await admin.importProblem(sumProblem(), slug)).status).toBe(201);
  });

  afterAll(async () => {
    await system?.stop();
  });

  const expectError = (r: { status: number; body: any }, status: number, code?: string) => {
    expect(r.status).toBe(status);
    expect(r.body.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
    if (code) expect(r.body.error.code).toBe(code);
  };

  it('refuses requests without or with a bad token', async () => {
    expectError(await anon.request('GET', '/languages'), 401, 'UNAUTHENTICATED');
    expectError(await new ApiClient(system.baseUrl, 'nonsense').request('GET', '/languages'), 401, 'INVALID_TOKEN');
    expectError(await anon.request('POST', '/submissions', { problem: slug, language: 'c', source: 'x' }), 401);
  });

  it('refuses wrong credentials', async () => {
    expectError(
      await anon.request('POST', '/auth/login', { email: ADMIN.email, password: 'wrong-password' }),
      401,
      'INVALID_CREDENTIALS',
    );
    expectError(await anon.request('POST', '/auth/login', { email: 'not-an-email' }), 400, 'VALIDATION_FAILED');
  });

  it('refuses malformed JSON', async () => {
    expectError(await admin.request('POST', '/submissions', '{"problem": "x", '), 400, 'MALFORMED_JSON');
  });

  it('refuses missing fields, unknown languages and empty source', async () => {
    expectError(await admin.request('POST', '/submissions', {}), 400, 'VALIDATION_FAILED');
    const unknown = await admin.request('POST', '/submissions', { problem: slug, language: 'cobol', source: 'x' });
    expectError(unknown, 400, 'VALIDATION_FAILED');
    expect(unknown.body.error.message).toMatch(/language must be one of/);
    expectError(await admin.request('POST', '/submissions', { problem: slug, language: 'c', source: '  \n' }), 400);
    expectError(
      await admin.request('POST', '/submissions', { problem: slug, language: 'c', source: 'x', extra: 1 }),
      400,
    );
    expectError(await admin.request('POST', '/submissions', { problem: slug, language: 'c', source: 42 }), 400);
  });

  it('refuses an unknown problem and an unknown submission', async () => {
    expectError(
      await admin.request('POST', '/submissions', { problem: 'no-such-problem', language: 'c', source: 'x' }),
      404,
      'PROBLEM_NOT_FOUND',
    );
    expectError(await admin.request('GET', '/submissions/00000000-0000-0000-0000-000000000000'), 404);
    expectError(await admin.request('GET', '/submissions/not-a-uuid'), 404);
  });

  it('refuses oversized source', async () => {
    const big = 'x'.repeat(70 * 1024);
    expectError(
      await admin.request('POST', '/submissions', { problem: slug, language: 'c', source: big }),
      413,
      'SOURCE_TOO_LARGE',
    );
    expectError(await admin.request('POST', '/runs', { language: 'c', source: big }), 413, 'SOURCE_TOO_LARGE');
    expectError(
      await admin.request('POST', '/submissions', {
        problem: slug,
        language: 'c',
        source: 'x'.repeat(3 * 1024 * 1024),
      }),
      413,
    );
  });

  it('refuses broken and hostile packages', async () => {
    const broken = new FormData();
    broken.append('file', new Blob([Buffer.from('PK\u0003\u0004 definitely not a zip')]), 'p.zip');
    expectError(await admin.request('POST', '/problems/import', broken), 400, 'BROKEN_ZIP');
    expectError(await admin.request('POST', '/problems/import', new FormData()), 400, 'FILE_REQUIRED');
    expectError(await admin.importProblem({ 'problem.yaml': 'name: x\n' }), 400, 'NO_TESTS');
    expectError(
      await admin.importProblem({
        'problem.yaml': 'name: [unclosed\n',
        'data/sample/1.in': '',
        'data/sample/1.ans': '',
      }),
      400,
      'BAD_PROBLEM_YAML',
    );
    expectError(await admin.importProblem(sumProblem(), slug), 409, 'PROBLEM_EXISTS');
    expectError(
      await admin.importProblem({ ...sumProblem(), 'problem.yaml': 'name: i\ntype: interactive\n' }),
      422,
      'INTERACTIVE_NOT_SUPPORTED',
    );
  });

  it('lets only staff import problems and create accounts', async () => {
    const email = `student-${Date.now()}@example.com`;
    const created = await admin.request('POST', '/users', {
      email,
      password: 'student-pass',
      name: 'S',
      role: 'student',
    });
    expect(created.status).toBe(201);
    const student = await new ApiClient(system.baseUrl).login(email, 'student-pass');
    expectError(await student.importProblem(sumProblem(), `${slug}-2`), 403, 'FORBIDDEN');
    expectError(
      await student.request('POST', '/users', {
        email: 'x@example.com',
        password: 'whatever1',
        name: 'x',
        role: 'admin',
      }),
      403,
    );
    expectError(
      await admin.request('POST', '/users', { email, password: 'student-pass', name: 'S', role: 'student' }),
      409,
      'USER_EXISTS',
    );
  });

  it('publishes an OpenAPI document listing every route', async () => {
    const doc = (await (await fetch(`${system.baseUrl}/api/docs-json`)).json()) as any;
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of [
      '/api/v1/submissions',
      '/api/v1/submissions/{id}',
      '/api/v1/runs',
      '/api/v1/problems/import',
      '/api/v1/tokens',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect((await fetch(`${system.baseUrl}/api/docs`)).status).toBe(200);
  });

  it('answers /health naming each dependency', async () => {
    const r = await fetch(`${system.baseUrl}/health`);
    expect(r.status).toBe(200);
    const body = (await r.json()) as any;
    expect(Object.keys(body.checks).sort()).toEqual(['api', 'docker', 'postgres', 'redis', 'workers']);
  });
});
