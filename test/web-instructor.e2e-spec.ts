import type { Browser, Page } from 'playwright-core';
import { ADMIN, ApiClient, sumProblem, zipFiles } from './support/api-client';
import { DESKTOP, launchBrowser, openPage, PHONE, screenshot, signIn, waitForText } from './support/browser';
import { RunningSystem, startSystem } from './support/system';

// The longest test takes about 10 s (measured); a hang shows within two minutes.
jest.setTimeout(120_000);

const stamp = Date.now().toString(36);
const INSTRUCTOR = { email: `prof-${stamp}@bastion.local`, password: 'instructor-pass-1', name: 'Park Instructor' };
const STUDENT = { email: `kim-${stamp}@bastion.local`, password: 'student-pass-9', name: 'Kim Student' };

/** Reads a name; the unsafe version overflows its buffer with gets(), the safe one uses fgets(). */
const UNSAFE_C =
  '#include <stdio.h>\nint main(void) {\n  char name[16];\n  gets(name);\n  printf("Hello, %s!\\n", name);\n  return 0;\n}\n';
const SAFE_C =
  '#include <stdio.h>\n#include <string.h>\nint main(void) {\n  char name[128];\n  if (!fgets(name, sizeof name, stdin)) return 0;\n  name[strcspn(name, "\\n")] = 0;\n  printf("Hello, %s!\\n", name);\n  return 0;\n}\n';

/** Opens the app and signs in. */
async function openAndSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/');
  await signIn(page, email, password);
}

describe('web app, instructor side (real API, worker and headless Chromium)', () => {
  let system: RunningSystem;
  let browser: Browser;
  let admin: ApiClient;
  let prof: ApiClient;
  let student: ApiClient;
  const pageErrors: string[] = [];
  let problems = 0;

  /** A slug no other test uses: each test makes the problems it works on. */
  const newSlug = () => `greet-${stamp}-${++problems}`;

  /**
   * The greeting problem as the form test leaves it, made through the API and published: exact
   * checker, a sample, a hidden test and an attack test that only checks for crashes; security
   * 40% of the score, gets() banned, not accepted from medium findings on, no sanitizer builds.
   */
  async function greeting(): Promise<string> {
    const slug = newSlug();
    const created = await prof.request('POST', '/problems', {
      slug,
      name: 'Safe greeting, please',
      statement: 'Read a **name** and print `Hello, <name>!`.',
      timeLimitMs: 2000,
      memoryLimitMb: 128,
      checker: { type: 'exact' },
      security: { weight: 0.4, failOn: 'medium', bannedApis: ['gets'], sanitizers: false },
      tests: [
        { name: '1', kind: 'sample', input: 'Ada\n', answer: 'Hello, Ada!\n' },
        { name: '1', kind: 'secret', input: 'Grace\n', answer: 'Hello, Grace!\n' },
        { name: 'long-name', kind: 'attack', input: `${'A'.repeat(80)}\n` },
      ],
    });
    expect(created.status).toBe(201);
    expect((await prof.request('POST', `/problems/${slug}/publish`)).status).toBe(200);
    return slug;
  }

  /** The student's two tries at a greeting problem: gets() first, then fgets(), both judged. */
  async function studentTries(slug: string): Promise<{ unsafe: any; safe: any }> {
    const unsafe = await student.result(await student.submit(slug, 'c', UNSAFE_C));
    const safe = await student.result(await student.submit(slug, 'c', SAFE_C));
    return { unsafe, safe };
  }

  beforeAll(async () => {
    system = await startSystem();
    admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
    for (const [u, role] of [
      [INSTRUCTOR, 'instructor'],
      [STUDENT, 'student'],
    ] as const) {
      const r = await admin.request('POST', '/users', { ...u, role });
      expect(r.status).toBe(201);
    }
    prof = await new ApiClient(system.baseUrl).login(INSTRUCTOR.email, INSTRUCTOR.password);
    student = await new ApiClient(system.baseUrl).login(STUDENT.email, STUDENT.password);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  });

  afterEach(() => {
    // this test's page errors only: emptied, so one test's error does not fail the ones after it
    expect(pageErrors.splice(0)).toEqual([]);
  });

  it('keeps the session in an HttpOnly cookie, not in storage, and signs out through the API', async () => {
    const { context, page, errors } = await openPage(browser, system.baseUrl, DESKTOP);
    try {
      await openAndSignIn(page, INSTRUCTOR.email, INSTRUCTOR.password);
      const cookie = (await context.cookies()).find((c) => c.name === 'bastion_session');
      expect(cookie?.httpOnly).toBe(true);
      const stored = String(await page.evaluate('JSON.stringify(Object.assign({}, localStorage, sessionStorage))'));
      expect(stored).not.toContain(cookie!.value);
      expect(await page.evaluate('document.cookie')).not.toContain('bastion_session');
      // A reload keeps the session (the app asks the API who the cookie belongs to).
      await page.reload();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
      await waitForText(page.locator('header'), 'Instructor');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      expect((await context.cookies()).find((c) => c.name === 'bastion_session')).toBeUndefined();
      await page.reload();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
    } finally {
      pageErrors.push(...errors);
      await context.close();
    }
  });

  it('creates a problem with the form, adds tests, edits it and publishes it', async () => {
    const slug = newSlug();
    const { context, page, errors } = await openPage(browser, system.baseUrl, DESKTOP);
    page.on('dialog', (d) => void d.accept());
    try {
      await openAndSignIn(page, INSTRUCTOR.email, INSTRUCTOR.password);
      await page.getByRole('link', { name: 'New problem' }).click();
      await page.getByRole('heading', { name: 'New problem', level: 1 }).waitFor();

      // A bad slug is explained in words before anything is sent.
      await page.getByLabel('Name', { exact: true }).fill('Safe greeting');
      await page.getByLabel('Slug', { exact: true }).fill('Not a slug!');
      await page.getByRole('button', { name: 'Create problem' }).click();
      await waitForText(page.getByRole('alert'), 'The slug must be lowercase letters');
      await page.getByLabel('Slug', { exact: true }).fill(slug);

      await page.getByLabel('Time limit (ms)').fill('2000');
      await page.getByLabel('Memory limit (MB)').fill('128');
      await page.getByLabel('Output checker').selectOption('exact');
      await page
        .getByLabel('Statement (Markdown)')
        .fill('Read a **name** and print `Hello, <name>!`.\n\n## Input\n\nA name of at most $100$ letters.');
      await page.getByRole('tab', { name: 'Preview' }).click();
      await page.getByRole('tabpanel').locator('strong', { hasText: 'name' }).waitFor();
      await page.getByRole('tab', { name: 'Write' }).click();

      // Security policy: a weight, a banned function, a stricter gate.
      await page.getByLabel('Security weight').fill('0.4');
      await waitForText(page.locator('#policy-weight-hint'), 'Security is 40% of the score');
      await page.getByLabel('Not accepted at severity').selectOption('medium');
      await page.getByLabel('Banned functions', { exact: true }).fill('gets');
      await page.getByLabel('Banned functions', { exact: true }).press('Enter');
      await page.getByRole('button', { name: 'Remove gets' }).waitFor();
      await page.getByLabel('Disabled rules', { exact: true }).fill('bad name!');
      await page.getByRole('button', { name: 'Add to Disabled rules' }).click();
      await waitForText(page.getByRole('alert'), 'is not a valid name');
      await page.getByLabel('Disabled rules', { exact: true }).fill('');

      // Tests: a sample, a hidden test, and one added by mistake then deleted.
      const tests = page.getByRole('region', { name: /^Tests/ });
      for (const [kind, name, input, answer] of [
        ['sample', '1', 'Ada\n', 'Hello, Ada!\n'],
        ['secret', '1', 'Grace\n', 'Hello, Grace!\n'],
        ['secret', 'oops', 'x\n', 'y\n'],
      ]) {
        await tests.getByRole('button', { name: 'Add test' }).click();
        await tests.getByLabel('Kind').selectOption(kind);
        await tests.getByLabel('Name', { exact: true }).fill(name);
        await tests.getByLabel('Input', { exact: true }).fill(input);
        await tests.getByLabel('Answer', { exact: true }).fill(answer);
        await tests.getByRole('button', { name: 'Save test' }).click();
        await waitForText(tests.getByRole('status'), `Test “${name}” added.`);
      }
      await tests.getByRole('button', { name: 'Delete test oops' }).click();
      await waitForText(tests.getByRole('status'), 'Test “oops” deleted.');
      expect(await tests.locator('tbody tr').count()).toBe(2);
      await screenshot(page, 'instructor-new-desktop');

      await page.getByRole('button', { name: 'Create problem' }).click();
      await page.getByRole('heading', { name: 'Safe greeting', level: 1 }).waitFor();
      await waitForText(page.getByRole('status').filter({ hasText: 'Problem created' }), 'It is a draft');
      await waitForText(page.getByTestId('draft-badge'), 'Draft');
      await waitForText(page.locator('.sample pre').first(), 'Ada');
      await page.locator('.prose strong', { hasText: 'name' }).waitFor();

      // What the API stored is what the form said.
      const stored = await prof.request('GET', `/problems/${slug}`);
      expect(stored.body).toMatchObject({
        timeLimitMs: 2000,
        memoryLimitMb: 128,
        checker: { type: 'exact' },
        security: { weight: 0.4, failOn: 'medium', bannedApis: ['gets'], static: true, sanitizers: true },
      });
      const storedTests = await prof.request('GET', `/problems/${slug}/tests`);
      expect(storedTests.body.map((t: { name: string; kind: string }) => `${t.kind}:${t.name}`)).toEqual([
        'sample:sample/1',
        'secret:secret/1',
      ]);

      // Edit: rename, switch sanitizers off, add an attack test that only checks for crashes.
      await page
        .getByRole('navigation', { name: 'Problem views' })
        .getByRole('link', { name: 'Edit', exact: true })
        .click();
      await page.getByRole('heading', { name: 'Edit “Safe greeting”', level: 1 }).waitFor();
      expect(await page.getByLabel('Slug', { exact: true }).getAttribute('readonly')).not.toBeNull();
      await page.getByLabel('Name', { exact: true }).fill('Safe greeting, please');
      await page.getByRole('checkbox', { name: /Sanitizer builds/ }).uncheck();
      await page.getByRole('button', { name: 'Save changes' }).click();
      await waitForText(page.getByRole('status').filter({ hasText: 'saved' }), 'Changes saved.');
      const editTests = page.getByRole('region', { name: /^Tests/ });
      await editTests.locator('tbody tr').nth(1).waitFor();
      await editTests.getByRole('button', { name: 'Add test' }).click();
      await editTests.getByLabel('Kind').selectOption('attack');
      await editTests.getByLabel('Name', { exact: true }).fill('long-name');
      await editTests.getByLabel('Input', { exact: true }).fill(`${'A'.repeat(80)}\n`);
      await editTests.getByLabel('Compare the output with this answer').uncheck();
      await editTests.getByRole('button', { name: 'Save test' }).click();
      await waitForText(editTests.getByRole('status'), 'Test “long-name” added.');
      await waitForText(editTests.locator('tbody'), 'long-name');
      // A server-side error is shown in words: a second test with the same name.
      await editTests.getByRole('button', { name: 'Add test' }).click();
      await editTests.getByLabel('Kind').selectOption('attack');
      await editTests.getByLabel('Name', { exact: true }).fill('long-name');
      await editTests.getByLabel('Input', { exact: true }).fill('B\n');
      await editTests.getByLabel('Answer', { exact: true }).fill('Hello, B!\n');
      await editTests.getByRole('button', { name: 'Save test' }).click();
      await waitForText(editTests.getByRole('alert'), 'long-name');
      await editTests.getByRole('button', { name: 'Cancel' }).click();
      await screenshot(page, 'instructor-edit-desktop');

      const after = await prof.request('GET', `/problems/${slug}`);
      expect(after.body.name).toBe('Safe greeting, please');
      expect(after.body.security.sanitizers).toBe(false);
      const attack = (await prof.request('GET', `/problems/${slug}/tests`)).body.find(
        (t: { kind: string }) => t.kind === 'attack',
      );
      expect(attack).toMatchObject({ name: 'attack/long-name', checkAnswer: false });

      // Publish from the problem page.
      await page
        .getByRole('navigation', { name: 'Problem views' })
        .getByRole('link', { name: 'Problem', exact: true })
        .click();
      await page.getByRole('button', { name: 'Publish', exact: true }).click();
      await page.getByRole('button', { name: 'Unpublish' }).waitFor();
      expect((await student.request('GET', `/problems/${slug}`)).status).toBe(200);
    } catch (e) {
      await screenshot(page, 'failure-instructor-create').catch(() => '');
      throw e;
    } finally {
      pageErrors.push(...errors);
      await context.close();
    }
  });

  it('shows a CWE bar in the security overview after a student’s vulnerable submission, and who fixed it', async () => {
    const slug = await greeting();
    const { unsafe: first, safe: second } = await studentTries(slug);
    expect(first.security.verdict).toBe('vulnerable');
    const cwes = new Set<string>(first.security.findings.map((f: { cwe: string }) => f.cwe));
    expect(cwes.size).toBeGreaterThan(0);
    expect(second.verdict).toBe('AC');
    const later = new Set<string>(second.security.findings.map((f: { cwe: string }) => f.cwe));
    const all = new Set([...cwes, ...later]);
    expect(cwes.has('CWE-676')).toBe(true);

    const { context, page, errors } = await openPage(browser, system.baseUrl, DESKTOP);
    try {
      await openAndSignIn(page, INSTRUCTOR.email, INSTRUCTOR.password);
      await page.goto(`/problems/${slug}`);
      await page
        .getByRole('navigation', { name: 'Problem views' })
        .getByRole('link', { name: 'Security overview' })
        .click();
      await page.getByRole('heading', { name: 'Security overview', level: 1 }).waitFor();
      const chart = page.getByTestId('cwe-chart');
      await chart.waitFor();
      // The CWE of banned gets() is there, with its name, counts and the student who fixed it.
      const row = chart.locator('li[data-cwe="CWE-676"]');
      await waitForText(row, 'CWE-676');
      await waitForText(row, '1 submission');
      await waitForText(row, '1 of 1 students');
      await waitForText(row, later.has('CWE-676') ? '0 fixed later' : '1 fixed later');
      expect(await row.locator('.cwe-name').innerText()).not.toBe('');
      const bars = await chart.locator('li').count();
      expect(bars).toBe(Math.min(all.size, 12));
      await waitForText(page.locator('.stat').first(), '2');
      await screenshot(page, 'instructor-security-desktop');
    } catch (e) {
      await screenshot(page, 'failure-instructor-security').catch(() => '');
      throw e;
    } finally {
      pageErrors.push(...errors);
      await context.close();
    }
  });

  it('rejudges a submission after a test changed, and rejudges all', async () => {
    const slug = await greeting();
    const { safe } = await studentTries(slug);
    expect(safe.verdict).toBe('AC');
    const studentSubmission: string = safe.id;
    // The hidden test's answer changes: the accepted submission becomes wrong on rejudging.
    const secret = (await prof.request('GET', `/problems/${slug}/tests`)).body.find(
      (t: { kind: string }) => t.kind === 'secret',
    );
    expect((await prof.request('PUT', `/problems/${slug}/tests/${secret.id}`, { answer: 'Hi, Grace!\n' })).status).toBe(
      200,
    );
    const { context, page, errors } = await openPage(browser, system.baseUrl, DESKTOP);
    page.on('dialog', (d) => void d.accept());
    try {
      await openAndSignIn(page, INSTRUCTOR.email, INSTRUCTOR.password);
      await page.goto(`/submissions/${studentSubmission}`);
      await waitForText(page.locator('.result-summary'), 'Accepted', 60_000);
      await page.getByRole('button', { name: 'Rejudge', exact: true }).click();
      await waitForText(page.getByRole('status').filter({ hasText: 'rejudging' }), 'Queued for rejudging.');
      await waitForText(page.locator('.result-summary'), 'Wrong Answer', 60_000);
      await screenshot(page, 'instructor-rejudged-desktop');

      // Rejudge all from the problem page.
      await page.goto(`/problems/${slug}`);
      await page.getByRole('button', { name: 'Rejudge all submissions' }).click();
      await waitForText(page.locator('.staff-note'), 'submissions queued for rejudging.');
      expect(await page.locator('.staff-note').innerText()).toMatch(/^2 submissions queued/);

      // The student sees none of it.
      const other = await openPage(browser, system.baseUrl, DESKTOP);
      try {
        await openAndSignIn(other.page, STUDENT.email, STUDENT.password);
        await other.page.goto(`/submissions/${studentSubmission}`);
        await other.page.locator('.result-summary').waitFor();
        expect(await other.page.getByRole('button', { name: 'Rejudge', exact: true }).count()).toBe(0);
        expect(await other.page.getByRole('navigation', { name: 'Problem views' }).count()).toBe(0);
        await other.page.goto(`/problems/${slug}/edit`);
        await other.page.getByRole('heading', { name: 'Problems', level: 1 }).waitFor();
      } finally {
        pageErrors.push(...other.errors);
        await other.context.close();
      }
    } catch (e) {
      await screenshot(page, 'failure-instructor-rejudge').catch(() => '');
      throw e;
    } finally {
      pageErrors.push(...errors);
      await context.close();
    }
  });

  it('verifies a package’s reference solutions and shows the report, with the derived time limit', async () => {
    const slug = await greeting();
    const pkgSlug = `sum-verify-${stamp}`;
    const { context, page, errors } = await openPage(browser, system.baseUrl, DESKTOP);
    try {
      await openAndSignIn(page, INSTRUCTOR.email, INSTRUCTOR.password);
      // A problem made with the form has no reference solutions: the API says so, in words.
      await page.goto(`/problems/${slug}/verify`);
      await page.getByRole('heading', { name: 'Verify', level: 1 }).waitFor();
      await waitForText(page.getByRole('main'), 'This problem has not been verified yet.');
      await page.getByRole('button', { name: 'Run verification' }).click();
      await waitForText(page.getByRole('alert'), 'no reference solutions');

      // A package without a time limit: importing it starts the verification, which measures one.
      await page.goto('/upload');
      await page.getByLabel('Problem package (.zip)').setInputFiles({
        name: 'sum.zip',
        mimeType: 'application/zip',
        buffer: zipFiles({
          ...sumProblem('Verified sum'),
          'problem.yaml': 'name: Verified sum\nlimits:\n  memory: 256\n',
          'submissions/accepted/sum.py': 'print(sum(map(int, input().split())))\n',
          'submissions/wrong_answer/zero.py': 'print(0)\n',
        }),
      });
      await page.getByLabel('Slug (optional)').fill(pkgSlug);
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      await waitForText(page.getByRole('status'), 'Its 2 reference solutions are being judged.');
      await page.getByRole('link', { name: 'See the verification report' }).click();
      await page.getByRole('heading', { name: 'Verify', level: 1 }).waitFor();
      const status = page.getByTestId('verify-status');
      await waitForText(status, 'Verified: all 2 reference solutions', 60_000);
      await waitForText(page.getByTestId('verify-time-limit'), 'derived from the reference solutions');
      const rows = page.locator('.verify-table tbody tr');
      expect(await rows.count()).toBe(2);
      const accepted = rows.filter({ hasText: 'submissions/accepted/sum.py' });
      await waitForText(accepted, 'Accepted');
      await waitForText(accepted, 'As expected');
      await waitForText(rows.filter({ hasText: 'zero.py' }), 'Wrong Answer');
      await screenshot(page, 'instructor-verify-desktop');

      // Again, by the button: the page polls while it runs.
      await page.getByRole('button', { name: 'Verify again' }).click();
      // The POST answers with the running report at once; the page shows it until a poll says otherwise.
      await waitForText(status, 'Verifying: ');
      await waitForText(status, 'Verified: all 2 reference solutions', 60_000);
      const report = await prof.request('GET', `/problems/${pkgSlug}/verify`);
      expect(report.body).toMatchObject({ status: 'done', ok: true, timeLimitSource: 'reference' });
      await page.setViewportSize(PHONE);
      await screenshot(page, 'instructor-verify-phone');
    } catch (e) {
      await screenshot(page, 'failure-instructor-verify').catch(() => '');
      throw e;
    } finally {
      pageErrors.push(...errors);
      await context.close();
    }
  });

  it('shows the test groups of a scoring problem on the result', async () => {
    const groupSlug = `groups-${stamp}`;
    const imported = await prof.importProblem(
      {
        'problem.yaml': 'name: Sum in groups\ntype: scoring\nlimits:\n  time_limit: 2\n',
        'data/testdata.yaml': 'on_reject: continue\ngrader_flags: ignore_sample sum\n',
        'data/sample/1.in': '1 2\n',
        'data/sample/1.ans': '3\n',
        'data/secret/small/testdata.yaml': 'on_reject: break\naccept_score: 30\ngrader_flags: min\nrange: 0 30\n',
        'data/secret/small/1.in': '5 7\n',
        'data/secret/small/1.ans': '12\n',
        'data/secret/large/testdata.yaml': 'on_reject: break\naccept_score: 70\ngrader_flags: min\nrange: 0 70\n',
        'data/secret/large/1.in': '2000000000 2000000000\n',
        'data/secret/large/1.ans': '4000000000\n',
      },
      groupSlug,
    );
    expect(imported.status).toBe(201);
    // Right on small numbers only.
    const id = await prof.submit(
      groupSlug,
      'python',
      'a, b = map(int, input().split())\nprint(a + b if a < 10**9 else 0)\n',
    );
    const result = await prof.result(id);
    expect(result.score).toBe(30);
    const { context, page, errors } = await openPage(browser, system.baseUrl, DESKTOP);
    try {
      await openAndSignIn(page, INSTRUCTOR.email, INSTRUCTOR.password);
      await page.goto(`/problems/${groupSlug}`);
      await waitForText(page.locator('.problem-head'), 'Partial points');
      await page.goto(`/submissions/${id}`);
      const groups = page.getByRole('table', { name: 'Test groups' });
      await waitForText(groups.locator('tr', { hasText: 'secret/small' }), '30/30');
      await waitForText(groups.locator('tr', { hasText: 'secret/large' }), '0/70');
      await waitForText(groups.locator('tr', { hasText: 'secret/large' }), 'Wrong Answer');
      await screenshot(page, 'instructor-groups-desktop');
    } finally {
      pageErrors.push(...errors);
      await context.close();
    }
  });

  it('works at phone width', async () => {
    const slug = await greeting();
    const studentSubmission: string = (await studentTries(slug)).safe.id;
    const { context, page, errors } = await openPage(browser, system.baseUrl, PHONE);
    try {
      await openAndSignIn(page, INSTRUCTOR.email, INSTRUCTOR.password);
      for (const [path, heading, name] of [
        ['/problems/new', 'New problem', 'instructor-new-phone'],
        [`/problems/${slug}/edit`, 'Edit “Safe greeting, please”', 'instructor-edit-phone'],
        [`/problems/${slug}/security`, 'Security overview', 'instructor-security-phone'],
        [`/submissions/${studentSubmission}`, 'Submission', 'instructor-submission-phone'],
      ]) {
        await page.goto(path);
        await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
        await page.locator('.card').first().waitFor();
        await page.waitForTimeout(500);
        await screenshot(page, name);
        const scrollWidth = Number(await page.evaluate('document.documentElement.scrollWidth'));
        expect(scrollWidth).toBeLessThanOrEqual(PHONE.width);
      }
    } finally {
      pageErrors.push(...errors);
      await context.close();
    }
  });
});
