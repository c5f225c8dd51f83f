import { ADMIN, ApiClient } from './support/api-client';
import { RunningSystem, startSystem } from './support/system';
import { SUM_AC } from './programs/sum';

// The longest test takes about 10 s (measured); a hang shows within two minutes.
jest.setTimeout(120_000);

const ECHO_GETS =
  '#include <stdio.h>\nint main(void) {\n  char name[16];\n  gets(name);\n  printf("Hello, %s!\\n", name);\n  return 0;\n}\n';
const ECHO_SAFE =
  '#include <stdio.h>\n#include <string.h>\nint main(void) {\n  char name[64];\n  if (!fgets(name, sizeof name, stdin)) return 1;\n' +
  '  name[strcspn(name, "\\n")] = 0;\n  printf("Hello, %s!\\n", name);\n  return 0;\n}\n';

const NOBODY = '00000000-0000-4000-8000-000000000000';

describe('authoring: problems from a form, their tests, rejudging and the security overview', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  let prof: ApiClient;
  let rival: ApiClient;
  let kim: ApiClient;
  let lee: ApiClient;
  const tag = Date.now().toString(36);
  let problems = 0;

  async function account(role: string, name: string): Promise<ApiClient> {
    const email = `${name}-${tag}@example.edu`;
    const r = await admin.request('POST', '/users', { email, password: 'correct horse', name, role });
    expect(r.status).toBe(201);
    return new ApiClient(system.baseUrl).login(email, 'correct horse');
  }

  const sumForm = (slug: string, over: Record<string, unknown> = {}) => ({
    slug,
    name: 'A plus B (form)',
    statement: '# A plus B\n\nPrint the sum.\n',
    timeLimitMs: 2000,
    memoryLimitMb: 256,
    tests: [
      { name: '1', kind: 'sample', input: '1 2\n', answer: '3\n' },
      { name: 'big', kind: 'secret', input: '40 2\n', answer: '42\n', points: 3 },
    ],
    ...over,
  });

  /** A slug no other test uses: each test makes the problems it works on. */
  const newSlug = () => `form-sum-${tag}-${++problems}`;

  /** A fresh draft of the sum problem made with the form (two tests: sample/1 and secret/big). */
  async function draft(): Promise<string> {
    const slug = newSlug();
    expect((await prof.request('POST', '/problems', sumForm(slug))).status).toBe(201);
    return slug;
  }

  /** A fresh draft with an accepted submission of its author's. */
  async function judgedDraft(): Promise<{ slug: string; accepted: string }> {
    const slug = await draft();
    const accepted = await prof.submit(slug, 'c', SUM_AC.c);
    expect((await prof.result(accepted)).verdict).toBe('AC');
    return { slug, accepted };
  }

  async function testId(client: ApiClient, problem: string, name: string): Promise<string> {
    const r = await client.request('GET', `/problems/${problem}/tests`);
    expect(r.status).toBe(200);
    return r.body.find((t: { name: string }) => t.name === name).id;
  }

  beforeAll(async () => {
    system = await startSystem();
    admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
    prof = await account('instructor', 'prof');
    rival = await account('instructor', 'rival');
    kim = await account('student', 'kim');
    lee = await account('student', 'lee');
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('creates a draft from a form that judges like an imported problem', async () => {
    const slug = newSlug();
    const r = await prof.request('POST', '/problems', sumForm(slug));
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      slug,
      name: 'A plus B (form)',
      timeLimitMs: 2000,
      memoryLimitMb: 256,
      outputLimitBytes: 8 * 1024 * 1024,
      checker: { type: 'tokens' },
      published: false,
      security: { weight: 0, static: true, failOn: 'high' },
      tests: 2,
    });
    expect((await prof.request('POST', '/problems', sumForm(slug))).status).toBe(409);
    expect((await kim.request('GET', `/problems/${slug}`)).status).toBe(404); // a draft

    const mine = await prof.request('GET', `/problems/${slug}`);
    expect(mine.body.statement).toMatch(/Print the sum/);
    expect(mine.body.samples).toEqual([{ name: 'sample/1', input: '1 2\n', answer: '3\n' }]);

    const result = await prof.result(await prof.submit(slug, 'c', SUM_AC.c));
    expect(result).toMatchObject({ verdict: 'AC', score: 100 });
    expect(result.tests.map((t: { name: string }) => t.name)).toEqual(['sample/1', 'secret/big']);
  });

  it('edits the problem: limits, checker and a security policy laid over the current one', async () => {
    const slug = await draft();
    const r = await prof.request('PATCH', `/problems/${slug}`, {
      name: 'A plus B',
      timeLimitMs: 1000,
      checker: { type: 'float', absTol: 0.5, relTol: 0 },
      security: { weight: 0.25, bannedApis: ['system'] },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      name: 'A plus B',
      timeLimitMs: 1000,
      memoryLimitMb: 256,
      checker: { type: 'float', absTol: 0.5, relTol: 0 },
      security: { weight: 0.25, bannedApis: ['system'], failOn: 'high', static: true },
      tests: 2,
    });
    const again = await prof.request('PATCH', `/problems/${slug}`, {
      checker: { type: 'tokens' },
      security: { weight: 0 },
    });
    expect(again.body.checker).toEqual({ type: 'tokens' });
    expect(again.body.security).toMatchObject({ weight: 0, bannedApis: ['system'] });
    expect((await prof.request('GET', `/problems/${slug}`)).body.name).toBe('A plus B');
  });

  it('keeps an imported custom checker unless a built-in one is sent', async () => {
    const custom = `custom-${tag}`;
    const imported = await prof.importProblem(
      {
        'problem.yaml': 'name: Custom\nvalidation: custom\n',
        'output_validators/v/v.py': 'import sys\nsys.exit(42)\n',
        'data/sample/1.in': '1\n',
        'data/sample/1.ans': '1\n',
      },
      custom,
    );
    expect(imported.status).toBe(201);
    const renamed = await prof.request('PATCH', `/problems/${custom}`, { name: 'Still custom', timeLimitMs: 3000 });
    expect(renamed.body).toMatchObject({ name: 'Still custom', checker: { type: 'custom', language: 'python' } });
    const builtin = await prof.request('PATCH', `/problems/${custom}`, { checker: { type: 'exact' } });
    expect(builtin.body.checker).toEqual({ type: 'exact' });
  });

  it('lists, reads, adds, replaces and deletes tests', async () => {
    const slug = await draft();
    const list = await prof.request('GET', `/problems/${slug}/tests`);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      {
        id: expect.any(String),
        ordinal: 1,
        name: 'sample/1',
        kind: 'sample',
        points: 1,
        inputBytes: 4,
        answerBytes: 2,
        checkAnswer: true,
        forbidden: [],
      },
      expect.objectContaining({ ordinal: 2, name: 'secret/big', kind: 'secret', points: 3, inputBytes: 5 }),
    ]);
    const one = await prof.request('GET', `/problems/${slug}/tests/${list.body[1].id}`);
    expect(one.body).toMatchObject({ name: 'secret/big', input: '40 2\n', answer: '42\n' });

    const added = await prof.request('POST', `/problems/${slug}/tests`, {
      name: 'secret/neg',
      kind: 'secret',
      input: '-5 1000000\n',
      answer: '999995\n',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ ordinal: 3, name: 'secret/neg', answerBytes: 7 });
    const dup = await prof.request('POST', `/problems/${slug}/tests`, {
      name: 'neg',
      kind: 'secret',
      input: '',
      answer: '',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('TEST_EXISTS');

    const attack = await prof.request('POST', `/problems/${slug}/tests`, {
      name: 'huge',
      kind: 'attack',
      input: '99999999999999999999 1\n',
      forbidden: ['Segmentation'],
    });
    expect(attack.status).toBe(201);
    expect(attack.body).toMatchObject({ ordinal: 4, name: 'attack/huge', checkAnswer: false, answerBytes: 0 });

    const put = await prof.request('PUT', `/problems/${slug}/tests/${added.body.id}`, {
      answer: '999995 \n',
      points: 2,
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: 'secret/neg', answerBytes: 8, points: 2, ordinal: 3 });
    const renamed = await prof.request('PUT', `/problems/${slug}/tests/${added.body.id}`, { kind: 'sample' });
    expect(renamed.body).toMatchObject({ name: 'sample/neg', kind: 'sample' });
    expect(
      (await prof.request('PUT', `/problems/${slug}/tests/${added.body.id}`, { name: 'big', kind: 'secret' })).status,
    ).toBe(409);

    expect((await prof.request('DELETE', `/problems/${slug}/tests/${attack.body.id}`)).status).toBe(204);
    expect((await prof.request('DELETE', `/problems/${slug}/tests/${added.body.id}`)).status).toBe(204);
    expect((await prof.request('GET', `/problems/${slug}/tests/${added.body.id}`)).status).toBe(404);
    const after = await prof.request('GET', `/problems/${slug}/tests`);
    expect(after.body.map((t: { name: string }) => t.name)).toEqual(['sample/1', 'secret/big']);
    // A new test goes after the last one.
    const next = await prof.request('POST', `/problems/${slug}/tests`, {
      name: 'x',
      kind: 'secret',
      input: '0 0\n',
      answer: '0\n',
    });
    expect(next.body.ordinal).toBe(3);
    expect((await prof.request('DELETE', `/problems/${slug}/tests/${next.body.id}`)).status).toBe(204);
  });

  it('takes test data larger than the default body limit, up to its own cap', async () => {
    const slug = await draft();
    const big = `${'1 '.repeat(1_500_000)}\n`; // 3 MB: over the 2 MiB limit of other routes
    const r = await prof.request('POST', `/problems/${slug}/tests`, {
      name: 'wide',
      kind: 'secret',
      input: big,
      answer: '0\n',
    });
    expect(r.status).toBe(201);
    expect(r.body.inputBytes).toBe(big.length);
    expect((await prof.request('DELETE', `/problems/${slug}/tests/${r.body.id}`)).status).toBe(204);
    const huge = await prof.request('POST', `/problems/${slug}/tests`, {
      name: 'huge',
      kind: 'secret',
      input: 'x'.repeat(9 * 1024 * 1024),
      answer: '0\n',
    });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('TEST_TOO_LARGE');
  });

  it('rejudges after an answer changes: one submission, then the whole problem', async () => {
    const { slug, accepted } = await judgedDraft();
    const big = await testId(prof, slug, 'secret/big');
    expect((await prof.request('PUT', `/problems/${slug}/tests/${big}`, { answer: '43\n' })).status).toBe(200);
    expect((await prof.result(accepted)).verdict).toBe('AC'); // nothing changes until a rejudge

    const r = await prof.request('POST', `/submissions/${accepted}/rejudge`);
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ id: accepted, status: 'queued' });
    const wrong = await prof.result(accepted);
    expect(wrong.verdict).toBe('WA');
    expect(wrong.tests.map((t: { verdict: string }) => t.verdict)).toEqual(['AC', 'WA']);

    expect((await prof.request('PUT', `/problems/${slug}/tests/${big}`, { answer: '42\n' })).status).toBe(200);
    const all = await prof.request('POST', `/problems/${slug}/rejudge`);
    expect(all.status).toBe(202);
    expect(all.body).toEqual({ count: 1, skipped: 0 });
    expect((await prof.result(accepted)).verdict).toBe('AC');
    // The admin may rejudge too.
    expect((await admin.request('POST', `/submissions/${accepted}/rejudge`)).status).toBe(202);
    expect((await admin.result(accepted)).verdict).toBe('AC');
  });

  it('refuses to rejudge a submission while it is being judged', async () => {
    // Two tests of ~1.5 s each (sleeping costs no CPU time; the form's wall limit is 2 x 2 s + 1 s).
    const slug = await draft();
    const slow = await prof.submit(slug, 'python', `import time\ntime.sleep(1.5)\n${SUM_AC.python}`);
    let status = 'queued';
    for (let i = 0; i < 300 && status === 'queued'; i++) {
      status = (await prof.request('GET', `/submissions/${slow}`)).body.status;
      if (status === 'queued') await new Promise((res) => setTimeout(res, 50));
    }
    expect(['compiling', 'analyzing', 'running']).toContain(status);
    const r = await prof.request('POST', `/submissions/${slow}/rejudge`);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('SUBMISSION_BUSY');
    expect((await prof.result(slow)).verdict).toBe('AC');
    expect((await prof.request('POST', `/submissions/${slow}/rejudge`)).status).toBe(202);
    expect((await prof.result(slow)).verdict).toBe('AC');
  });

  it('answers 403/404 to everyone but the author and admins, and 400 to malformed bodies', async () => {
    const { slug, accepted } = await judgedDraft();
    const tid = await testId(prof, slug, 'sample/1');
    const routes: [string, string, unknown?][] = [
      ['POST', '/problems', sumForm(`x-${tag}`)],
      ['PATCH', `/problems/${slug}`, { name: 'mine now' }],
      ['GET', `/problems/${slug}/tests`],
      ['GET', `/problems/${slug}/tests/${tid}`],
      ['POST', `/problems/${slug}/tests`, { name: 'z', kind: 'secret', input: '', answer: '' }],
      ['PUT', `/problems/${slug}/tests/${tid}`, { answer: '0\n' }],
      ['DELETE', `/problems/${slug}/tests/${tid}`],
      ['POST', `/submissions/${accepted}/rejudge`],
      ['POST', `/problems/${slug}/rejudge`],
      ['GET', `/problems/${slug}/security-overview`],
    ];
    for (const [method, path, body] of routes) {
      expect([method, path, (await kim.request(method, path, body)).status]).toEqual([method, path, 403]);
    }
    // Another instructor: a draft does not exist for them; a published problem is not theirs to change.
    for (const [method, path, body] of routes.slice(1)) {
      expect([method, path, (await rival.request(method, path, body)).status]).toEqual([method, path, 404]);
    }
    expect((await prof.request('POST', `/problems/${slug}/publish`)).status).toBe(200);
    for (const [method, path, body] of routes.slice(1, -3)) {
      expect([method, path, (await rival.request(method, path, body)).status]).toEqual([method, path, 403]);
    }
    expect((await rival.request('POST', `/problems/${slug}/rejudge`)).status).toBe(403);
    expect((await rival.request('GET', `/problems/${slug}/security-overview`)).status).toBe(403);
    // A submission of someone else's problem stays invisible; one's own is visible but not one's to rejudge.
    expect((await rival.request('POST', `/submissions/${accepted}/rejudge`)).status).toBe(404);
    const own = await rival.submit(slug, 'python', SUM_AC.python);
    await rival.result(own);
    expect((await rival.request('POST', `/submissions/${own}/rejudge`)).status).toBe(403);
    expect((await kim.request('GET', `/problems/${slug}`)).status).toBe(200); // published, unchanged
    expect((await prof.request('GET', `/problems/${slug}`)).body.name).toBe('A plus B (form)');

    // Unknown things.
    for (const [method, path] of [
      ['GET', `/problems/no-such-${tag}/tests`],
      ['PATCH', `/problems/no-such-${tag}`],
      ['GET', `/problems/${slug}/tests/${NOBODY}`],
      ['GET', `/problems/${slug}/tests/not-a-uuid`],
      ['PUT', `/problems/${slug}/tests/${NOBODY}`],
      ['DELETE', `/problems/${slug}/tests/${NOBODY}`],
      ['DELETE', `/problems/${slug}/tests/1`],
      ['POST', `/submissions/${NOBODY}/rejudge`],
      ['POST', `/submissions/nope/rejudge`],
      ['POST', `/submissions/${'-'.repeat(36)}/rejudge`],
      ['POST', `/problems/no-such-${tag}/rejudge`],
      ['GET', `/problems/no-such-${tag}/security-overview`],
    ]) {
      const r = await prof.request(method, path, method === 'PUT' || method === 'PATCH' ? { name: 'n' } : undefined);
      expect([method, path, r.status]).toEqual([method, path, 404]);
    }
    expect((await prof.request('GET', `/problems/${slug}/tests`)).body).toHaveLength(2); // nothing was deleted

    // Malformed bodies.
    const bad: [string, string, unknown][] = [
      ['POST', '/problems', sumForm(`b-${tag}`, { timeLimitMs: 50 })],
      ['POST', '/problems', sumForm(`b-${tag}`, { timeLimitMs: undefined })],
      ['POST', '/problems', sumForm(`b-${tag}`, { memoryLimitMb: 100_000 })],
      ['POST', '/problems', sumForm(`b-${tag}`, { outputLimitBytes: 1024 * 1024 * 1024 })],
      ['POST', '/problems', sumForm('Bad Slug')],
      ['POST', '/problems', sumForm(`b-${tag}`, { name: '   ' })],
      ['POST', '/problems', sumForm(`b-${tag}`, { published: true })],
      ['POST', '/problems', sumForm(`b-${tag}`, { checker: { type: 'custom' } })],
      ['POST', '/problems', sumForm(`b-${tag}`, { checker: { type: 'float', absTol: 1 } })],
      ['POST', '/problems', sumForm(`b-${tag}`, { checker: { type: 'tokens', extra: 1 } })],
      ['POST', '/problems', sumForm(`b-${tag}`, { security: { weight: 3 } })],
      ['POST', '/problems', sumForm(`b-${tag}`, { security: { colour: 'red' } })],
      ['POST', '/problems', sumForm(`b-${tag}`, { security: 'strict' })],
      ['POST', '/problems', sumForm(`b-${tag}`, { tests: [{ name: 'a', kind: 'hidden', input: '', answer: '' }] })],
      ['POST', '/problems', sumForm(`b-${tag}`, { tests: [{ name: '../a', kind: 'secret', input: '', answer: '' }] })],
      ['POST', '/problems', sumForm(`b-${tag}`, { tests: [{ name: 'a', kind: 'secret', input: '' }] })],
      ['POST', '/problems', sumForm(`b-${tag}`, { tests: ['1 2'] })],
      [
        'POST',
        '/problems',
        sumForm(`b-${tag}`, {
          tests: [
            { name: 'a', kind: 'secret', input: '', answer: '' },
            { name: 'secret/a', kind: 'secret', input: '', answer: '' },
          ],
        }),
      ],
      ['POST', '/problems', sumForm(`b-${tag}`, { statement: 'a\u0000b' })],
      ['PATCH', `/problems/${slug}`, { name: 'a\u0000b' }],
      ['PATCH', `/problems/${slug}`, { slug: 'renamed' }],
      ['PATCH', `/problems/${slug}`, { timeLimitMs: 'fast' }],
      ['PATCH', `/problems/${slug}`, { outputLimitBytes: 512 }],
      ['PATCH', `/problems/${slug}`, { security: { rules: { enable: ['x'] } } }],
      ['POST', `/problems/${slug}/tests`, { name: 'n', kind: 'secret', input: '1' }],
      ['POST', `/problems/${slug}/tests`, { name: 'n', kind: 'secret', input: '1', answer: '1', forbidden: ['x'] }],
      ['POST', `/problems/${slug}/tests`, { name: 'n', kind: 'attack', input: '1', forbidden: ['a\nb'] }],
      ['POST', `/problems/${slug}/tests`, { name: 'n', kind: 'attack', input: '1', forbidden: ['a\u0000'] }],
      ['POST', `/problems/${slug}/tests`, { name: 'n', kind: 'secret', input: 1, answer: '1' }],
      ['POST', `/problems/${slug}/tests`, { name: 'n', kind: 'secret', input: '1', answer: '1', points: -1 }],
      ['PUT', `/problems/${slug}/tests/${tid}`, { answer: null }],
      ['PUT', `/problems/${slug}/tests/${tid}`, { name: 'sample/' }],
      ['PUT', `/problems/${slug}/tests/${tid}`, { ordinal: 7 }],
      ['POST', '/problems', '{"slug": '],
    ];
    for (const [method, path, body] of bad) {
      const r = await prof.request(method, path, body);
      expect([method, path, body, r.status]).toEqual([method, path, body, 400]);
      expect(r.body.error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
    expect((await prof.request('GET', `/problems/b-${tag}`)).status).toBe(404);
    const still = await prof.request('GET', `/problems/${slug}/tests/${tid}`);
    expect(still.body).toMatchObject({ name: 'sample/1', answer: '3\n' });
  });

  it('summarizes the CWEs students wrote and how many fixed them later', async () => {
    const greet = `form-greet-${tag}`;
    const created = await prof.request('POST', '/problems', {
      slug: greet,
      name: 'Greeting',
      timeLimitMs: 1000,
      memoryLimitMb: 128,
      security: { weight: 0.4, failOn: 'high' },
      tests: [
        { name: '1', kind: 'sample', input: 'Ada\n', answer: 'Hello, Ada!\n' },
        { name: '1', kind: 'secret', input: 'Grace\n', answer: 'Hello, Grace!\n' },
        { name: 'long-name', kind: 'attack', input: `${'A'.repeat(60)}\n`, answer: `Hello, ${'A'.repeat(60)}!\n` },
      ],
    });
    expect(created.status).toBe(201);
    expect((await prof.request('GET', `/problems/${greet}/security-overview`)).body).toEqual({
      submissions: 0,
      students: 0,
      cwes: [],
    });
    expect((await prof.request('POST', `/problems/${greet}/publish`)).status).toBe(200);

    const kimUnsafe = await kim.result(await kim.submit(greet, 'c', ECHO_GETS));
    expect(kimUnsafe.security.verdict).toBe('vulnerable');
    const getsCwe: string = kimUnsafe.security.findings.find((f: any) => f.line === 4 && f.severity === 'critical').cwe;
    const kimSafe = await kim.result(await kim.submit(greet, 'c', ECHO_SAFE));
    expect(kimSafe.security.findings.map((f: any) => f.cwe)).not.toContain(getsCwe);
    await lee.result(await lee.submit(greet, 'c', ECHO_GETS));
    await prof.result(await prof.submit(greet, 'c', ECHO_GETS)); // staff submissions are left out

    const r = await prof.request('GET', `/problems/${greet}/security-overview`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ submissions: 3, students: 2 });
    const gets = r.body.cwes.find((c: { cwe: string }) => c.cwe === getsCwe);
    expect(gets).toEqual({ cwe: getsCwe, name: expect.any(String), submissions: 2, students: 2, fixedLater: 1 });
    const counts = r.body.cwes.map((c: { submissions: number }) => c.submissions);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    for (const c of r.body.cwes) {
      expect(c.cwe).toMatch(/^CWE-\d+$/);
      expect(c.students).toBeLessThanOrEqual(2);
      expect(c.fixedLater).toBeLessThanOrEqual(c.students);
    }
    expect((await admin.request('GET', `/problems/${greet}/security-overview`)).body).toEqual(r.body);
  });
});
