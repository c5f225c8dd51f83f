import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { ADMIN, ApiClient, zipFiles } from './support/api-client';
import {
  DESKTOP,
  launchBrowser,
  openPage,
  PHONE,
  screenshot,
  signIn,
  typeIntoEditor,
  waitForText,
} from './support/browser';
import { RunningSystem, startSystem } from './support/system';

// The longest test takes about 11 s (measured); a hang shows within two minutes.
jest.setTimeout(120_000);

const AC_PYTHON = 'print(sum(map(int, input().split())))';
const WA_PYTHON = 'print(0)';

/** The A plus B package, with an English and a Korean statement. */
const A_PLUS_B: Record<string, string> = {
  'problem.yaml': 'name: A plus B\nlimits:\n  time_limit: 1\n  memory: 256\n',
  'problem_statement/problem.en.md':
    '# A plus B\n\nGiven two integers $a$ and $b$, print their **sum**.\n\n## Input\n\nOne line with two integers $a$ and $b$ ($-10^9 \\le a, b \\le 10^9$).\n\n## Output\n\nOne line with `a + b`.\n',
  'problem_statement/problem.ko.md': '# A 더하기 B\n\n두 정수 $a$와 $b$가 주어질 때, 두 수의 **합**을 출력하라.\n',
  'data/sample/1.in': '1 2\n',
  'data/sample/1.ans': '3\n',
  'data/secret/1.in': '40 2\n',
  'data/secret/1.ans': '42\n',
};

describe('web app, end to end (real API, worker and headless Chromium)', () => {
  let system: RunningSystem;
  let browser: Browser;
  let admin: ApiClient;
  const stamp = Date.now().toString(36);
  const pageErrors: string[] = [];
  let problems = 0;

  /** A slug no other test uses: each test makes the problems it works on. */
  const newSlug = () => `web-sum-${stamp}-${++problems}`;

  /** A plus B imported by the admin through the API: a draft of its own for one test. */
  async function aPlusB(): Promise<string> {
    const slug = newSlug();
    expect((await admin.importProblem(A_PLUS_B, slug)).status).toBe(201);
    return slug;
  }

  beforeAll(async () => {
    system = await startSystem();
    admin = await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password);
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

  it('serves the app at / and at client routes', async () => {
    for (const path of ['/', '/problems/anything']) {
      const r = await fetch(`${system.baseUrl}${path}`, { headers: { accept: 'text/html' } });
      expect(r.status).toBe(200);
      expect(await r.text()).toContain('<div id="root">');
    }
  });

  it('lets an admin upload a problem, run code, submit and see the verdicts live', async () => {
    const slug = newSlug();
    const { context, page, errors } = await openPage(browser, system.baseUrl, DESKTOP);
    try {
      await page.goto('/');
      await page.getByRole('heading', { name: 'Sign in to Bastion' }).waitFor();
      await screenshot(page, 'signin-desktop');

      // A wrong password is explained in words.
      await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
      await page.getByLabel('Password', { exact: true }).fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await waitForText(page.getByRole('alert'), 'Wrong email or password');

      await signIn(page, ADMIN.email, ADMIN.password);
      await waitForText(page.locator('header'), 'Admin');
      await page.getByRole('heading', { name: 'Problems', level: 1 }).waitFor();
      await page.locator('.problem-list, .empty').first().waitFor();
      await screenshot(page, 'problems-desktop');

      // Upload the package through the form.
      await page.getByRole('link', { name: 'Upload problem' }).first().click();
      await page.getByLabel('Problem package (.zip)').setInputFiles({
        name: 'a-plus-b.zip',
        mimeType: 'application/zip',
        buffer: zipFiles(A_PLUS_B),
      });
      await page.getByLabel('Slug (optional)').fill(slug);
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      await waitForText(page.getByRole('status'), 'Imported “A plus B” with 2 tests.');
      await screenshot(page, 'upload-desktop');

      // The problem page: statement from Markdown and the sample.
      await page.getByRole('link', { name: 'Open the problem' }).click();
      await page.getByRole('heading', { name: 'A plus B', level: 1 }).waitFor();
      // A fresh import is a draft; its author sees the badge and the management buttons.
      await waitForText(page.getByTestId('draft-badge'), 'Draft');
      await page.getByRole('button', { name: 'Publish', exact: true }).waitFor();
      await page.getByRole('button', { name: 'Download gradebook (CSV)' }).waitFor();
      await page.locator('.prose strong', { hasText: 'sum' }).waitFor();
      await waitForText(page.locator('.sample pre').first(), '1 2');

      // Run the correct solution on a custom input.
      await page.getByLabel('Language', { exact: true }).selectOption('python');
      await typeIntoEditor(page, 'Source code', AC_PYTHON);
      expect(await page.getByRole('textbox', { name: 'Source code' }).innerText()).toBe(AC_PYTHON);
      await page.getByLabel('Input', { exact: true }).fill('20 22\n');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await waitForText(page.getByTestId('run-stdout'), '42', 60_000);
      expect((await page.getByTestId('run-stdout').innerText()).trim()).toBe('42');
      await screenshot(page, 'problem-desktop');

      // Submit: the verdict arrives live over the event stream.
      await page.getByRole('button', { name: 'Submit', exact: true }).click();
      const summary = page.locator('.result-summary');
      await waitForText(summary, 'Accepted', 60_000);
      await waitForText(summary, '100/100');
      const rows = page.locator('.tests-table tbody tr');
      expect(await rows.count()).toBe(2);
      expect(await rows.nth(0).innerText()).toContain('Accepted');
      await waitForText(page.getByTestId('security-verdict'), 'Secure');
      await waitForText(page.getByTestId('accepted'), 'Accepted');
      await page.getByRole('heading', { name: 'Security findings' }).waitFor();
      await page.locator('.result').scrollIntoViewIfNeeded();
      await screenshot(page, 'result-desktop');

      // A wrong solution is told apart.
      await typeIntoEditor(page, 'Source code', WA_PYTHON);
      await page.getByRole('button', { name: 'Submit', exact: true }).click();
      await waitForText(summary, 'Wrong Answer', 60_000);
      await waitForText(summary, '0/100');

      // Staff see "Submissions" from the API, filtered by problem; one reopens with its code and result.
      await page.getByRole('link', { name: 'Submissions', exact: true }).click();
      await page.getByRole('heading', { name: 'Submissions', level: 1 }).waitFor();
      await page.getByLabel('Problem (slug)').fill(slug);
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(new RegExp(`problem=${slug}`));
      const historyRows = page.locator('main table tbody tr');
      await waitForText(page.locator('.pager'), '1–2 of 2');
      await waitForText(historyRows.first(), 'Wrong Answer');
      expect(await historyRows.count()).toBe(2);
      await waitForText(historyRows.nth(1), 'Accepted');
      await waitForText(historyRows.first(), ADMIN.email);
      await waitForText(page.locator('.pager'), '1–2 of 2');
      await screenshot(page, 'submissions-desktop');
      // The verdict filter narrows the list.
      await page.getByLabel('Verdict', { exact: true }).selectOption('WA');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await waitForText(page.locator('.pager'), '1–1 of 1');
      await page.getByRole('button', { name: 'Clear' }).click();
      await page.getByLabel('Problem (slug)').fill(slug);
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await waitForText(page.locator('.pager'), '1–2 of 2');
      await historyRows.nth(1).getByRole('link').click();
      await waitForText(page.locator('.result-summary'), 'Accepted');
      await waitForText(page.getByRole('textbox', { name: 'Source code' }), AC_PYTHON);
      await screenshot(page, 'submission-desktop');

      // Korean, remembered, with <html lang>.
      await page.getByRole('button', { name: '한국어' }).click();
      await page.getByRole('button', { name: '로그아웃' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('ko');
      await waitForText(page.locator('.result-summary'), '맞았습니다');
      await page.goto(`/problems/${slug}`);
      await page.getByRole('button', { name: '제출', exact: true }).waitFor();
      // The package carries a Korean statement: it is the one shown, and English is one pick away.
      await waitForText(page.locator('.problem-text'), '두 수의');
      await page.getByLabel('문제 언어').selectOption('en');
      await waitForText(page.locator('.problem-text'), 'print their');
      await page.getByLabel('문제 언어').selectOption('ko');
      await screenshot(page, 'problem-desktop-ko');
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
    } catch (e) {
      await screenshot(page, `failure-${expect.getState().currentTestName?.replace(/\W+/g, '-')}`).catch(() => '');
      throw e;
    } finally {
      pageErrors.push(...errors);
      await context.close();
    }
  });

  it('works at phone width', async () => {
    const slug = await aPlusB();
    const { context, page, errors } = await openPage(browser, system.baseUrl, PHONE);
    try {
      await page.goto('/');
      await page.getByRole('button', { name: 'Sign in' }).waitFor();
      await screenshot(page, 'signin-phone');
      await signIn(page, ADMIN.email, ADMIN.password);
      await page.getByRole('link', { name: 'A plus B' }).first().waitFor();
      await screenshot(page, 'problems-phone', false);
      await page.goto(`/problems/${slug}`);
      await page.getByRole('heading', { name: 'A plus B', level: 1 }).waitFor();
      await page.getByLabel('Language', { exact: true }).selectOption('python');
      await typeIntoEditor(page, 'Source code', AC_PYTHON);
      await page.getByRole('button', { name: 'Submit', exact: true }).click();
      await waitForText(page.locator('.result-summary'), 'Accepted', 60_000);
      await screenshot(page, 'problem-phone');
      await page.locator('.result').scrollIntoViewIfNeeded();
      await screenshot(page, 'result-phone', false);
      // Nothing is wider than the screen.
      const scrollWidth = await page.evaluate('document.documentElement.scrollWidth');
      expect(scrollWidth).toBeLessThanOrEqual(PHONE.width);
    } catch (e) {
      await screenshot(page, `failure-${expect.getState().currentTestName?.replace(/\W+/g, '-')}`).catch(() => '');
      throw e;
    } finally {
      pageErrors.push(...errors);
      await context.close();
    }
  });

  it('shows real security findings of a vulnerable C program, with CWE links, marked lines and attack tests', async () => {
    const secSlug = `web-greet-${Date.now().toString(36)}`;
    const imported = await admin.importProblem(
      {
        'problem.yaml': 'name: Greeting\nvalidator_flags: case_sensitive\n',
        'bastion.yaml': 'security:\n  weight: 0.4\n  failOn: high\n',
        'data/sample/1.in': 'Ada\n',
        'data/sample/1.ans': 'Hello, Ada!\n',
        'data/secret/1.in': 'Grace\n',
        'data/secret/1.ans': 'Hello, Grace!\n',
        'data/attack/long-name.in': `${'A'.repeat(60)}\n`,
        'data/attack/long-name.ans': `Hello, ${'A'.repeat(60)}!\n`,
      },
      secSlug,
    );
    expect(imported.status).toBe(201);
    const source =
      '#include <stdio.h>\nint main(void) {\n  char name[16];\n  gets(name);\n  printf("Hello, %s!\\n", name);\n  return 0;\n}\n';
    const id = await admin.submit(secSlug, 'c', source);
    const result = await admin.result(id);
    expect(result.security.verdict).toBe('vulnerable');
    const gets = result.security.findings.find((f: { line: number }) => f.line === 4);
    expect(gets).toBeDefined();

    const { context, page, errors } = await openPage(browser, system.baseUrl, DESKTOP);
    try {
      await page.goto('/');
      await signIn(page, ADMIN.email, ADMIN.password);
      await page.goto(`/submissions/${id}`);
      await waitForText(page.getByTestId('security-verdict'), 'Vulnerable');
      await waitForText(page.getByTestId('security-verdict'), `${result.security.score}/${result.security.maxScore}`);
      await waitForText(page.getByTestId('accepted'), 'Not accepted');
      // Every test passed, but the policy refuses it: the verdict does not read "Accepted".
      await waitForText(page.locator('.result-summary'), 'Tests passed');
      const findings = page.getByRole('region', { name: 'Security findings' });
      const cwe = String(gets.cwe).replace(/^CWE-/, '');
      const link = findings.getByRole('link', { name: `CWE-${cwe}` }).first();
      await link.waitFor();
      expect(await link.getAttribute('href')).toBe(`https://cwe.mitre.org/data/definitions/${cwe}.html`);
      await waitForText(findings, gets.message);
      await waitForText(findings, 'How to fix');
      // The finding's line is highlighted in the code, and its button scrolls there.
      const marked = page.locator('.cm-line.cm-finding-line');
      await marked.first().waitFor();
      expect((await marked.allInnerTexts()).some((l) => l.includes('gets(name);'))).toBe(true);
      // A line with only a low finding (flawfinder on the fixed-size array) is marked, but not in red.
      const minor = page.locator('.cm-line.cm-finding-line-minor');
      await minor.first().waitFor();
      expect(await minor.allInnerTexts()).toEqual(['  char name[16];']);
      await findings.getByRole('button', { name: 'Line 4' }).first().click();
      // Attack tests are labelled as such.
      const attackRow = page.locator('.tests-table tbody tr', { hasText: 'long-name' });
      await waitForText(attackRow, 'attack');
      await screenshot(page, 'security-desktop');
    } catch (e) {
      await screenshot(page, 'failure-security').catch(() => '');
      throw e;
    } finally {
      pageErrors.push(...errors);
      await context.close();
    }
  });

  it("shows each finding's evidence to a student: a dataflow's lines, a sample's input, a hidden test's name only", async () => {
    const slug = `web-evidence-${Date.now().toString(36)}`;
    // The sample overruns a careless 16-byte buffer; the attack test overflows an int. Its input
    // carries a marker that must never reach the student's page.
    const imported = await admin.importProblem(
      {
        'problem.yaml': 'name: Greeting with a count\n',
        'bastion.yaml': 'security:\n  weight: 0.4\n  failOn: high\n',
        'data/sample/1.in': 'Bartholomew-Alexander\n5\n',
        'data/sample/1.ans': 'Hello, Bartholomew-Alexander! 5000\n',
        'data/secret/1.in': 'Grace\n2\n',
        'data/secret/1.ans': 'Hello, Grace! 2000\n',
        'data/attack/big.in': 'Zq9HiddenAttack\n2147483647\n',
      },
      slug,
    );
    expect(imported.status).toBe(201);
    expect((await admin.request('POST', `/problems/${slug}/publish`)).status).toBe(200);
    const email = `evidence-${Date.now().toString(36)}@bastion.local`;
    const password = 'student-pass-3';
    expect((await admin.request('POST', '/users', { email, password, name: 'Evi', role: 'student' })).status).toBe(201);
    const student = await new ApiClient(system.baseUrl).login(email, password);
    const source = [
      '#include <stdio.h>',
      '#include <string.h>',
      'int main(void) {',
      '  char in[64], name[16];',
      '  int n;',
      '  if (!fgets(in, sizeof in, stdin) || scanf("%d", &n) != 1) return 1;',
      '  in[strcspn(in, "\\n")] = 0;',
      '  strcpy(name, in);',
      '  int total = n * 1000;',
      '  printf("Hello, %s! %d\\n", name, total);',
      '  return 0;',
      '}',
      '',
    ].join('\n');
    const id = await student.submit(slug, 'c', source);
    const result = await student.result(id);
    const findings = result.security.findings as { tool: string; line: number; evidence?: any }[];
    // what the API gives: a run on the sample, a run on the attack test (by name), a dataflow's lines
    expect(findings).toContainEqual(
      expect.objectContaining({ tool: expect.stringMatching(/asan/), evidence: { kind: 'run', test: 'sample/1' } }),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        tool: expect.stringMatching(/ubsan/),
        line: 9,
        evidence: { kind: 'run', test: 'attack/big' },
      }),
    );
    expect(findings).toContainEqual(
      expect.objectContaining({
        line: 8,
        evidence: {
          kind: 'dataflow',
          steps: [
            { line: 6, what: 'input' },
            { line: 8, what: 'sink' },
          ],
        },
      }),
    );

    const { context, page, errors } = await openPage(browser, system.baseUrl, DESKTOP);
    try {
      await page.goto('/');
      await signIn(page, email, password);
      await page.goto(`/submissions/${id}`);
      const panel = page.getByRole('region', { name: 'Security findings' });
      await waitForText(panel, 'Found when running test sample/1');
      await waitForText(panel, 'Found when running test attack/big');
      // the sample's input, which the problem page shows anyway, is shown with its finding
      const sampleInput = panel.locator('.finding-evidence-input');
      await sampleInput.first().waitFor();
      expect(await sampleInput.allInnerTexts()).toEqual(['Bartholomew-Alexander\n5\n']);
      // a dataflow: the lines of the submitted source, numbered
      const path = panel.locator('.finding-path', { hasText: 'strcpy(name, in);' }).first();
      await waitForText(path, 'input is read');
      const steps = await path.locator('.finding-step').allInnerTexts();
      expect(steps[0]).toMatch(/^6\s+if \(!fgets\(in, sizeof in, stdin\)/);
      expect(steps[1]).toMatch(/^8\s+strcpy\(name, in\);/);
      // a hidden test's input never reaches the page
      expect(await page.locator('body').innerText()).not.toContain('Zq9Hidden');
      await screenshot(page, 'security-evidence');
      await page.screenshot({ path: '/tmp/evidence-submission.png', fullPage: true });
      await panel.screenshot({ path: '/tmp/evidence-findings.png' });
    } catch (e) {
      await screenshot(page, 'failure-evidence').catch(() => '');
      throw e;
    } finally {
      pageErrors.push(...errors);
      await context.close();
    }
  });

  it('publishes a problem to students, lists their submissions and exports the gradebook', async () => {
    const slug = await aPlusB();
    const email = `pupil-${Date.now().toString(36)}@bastion.local`;
    const created = await admin.request('POST', '/users', {
      email,
      password: 'student-pass-2',
      name: 'Lee Pupil',
      role: 'student',
    });
    expect(created.status).toBe(201);
    const staff = await openPage(browser, system.baseUrl, DESKTOP);
    const pupil = await openPage(browser, system.baseUrl, DESKTOP);
    const { page } = pupil;
    try {
      // The draft is invisible to the student.
      await page.goto('/');
      await signIn(page, email, 'student-pass-2');
      await page.getByRole('heading', { name: 'Problems', level: 1 }).waitFor();
      await page.locator('.problem-list, .empty').first().waitFor();
      const problemLink = page.locator(`a[href="/problems/${slug}"]`);
      expect(await problemLink.count()).toBe(0);
      await page.goto(`/problems/${slug}`);
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('button', { name: 'Publish', exact: true }).count()).toBe(0);

      // The author publishes it from the problem page.
      await staff.page.goto('/');
      await signIn(staff.page, ADMIN.email, ADMIN.password);
      await staff.page.goto(`/problems/${slug}`);
      await staff.page.getByRole('button', { name: 'Publish', exact: true }).click();
      await staff.page.getByRole('button', { name: 'Unpublish' }).waitFor();
      await waitForText(staff.page.getByRole('status').filter({ hasText: 'Students' }), 'Students can now see');
      expect(await staff.page.getByTestId('draft-badge').count()).toBe(0);

      // Now the student sees it, submits, and finds the submission in "My submissions".
      await page.goto('/problems');
      await problemLink.first().click();
      await page.getByRole('heading', { name: 'A plus B', level: 1 }).waitFor();
      expect(await page.getByRole('button', { name: 'Publish', exact: true }).count()).toBe(0);
      expect(await page.getByTestId('draft-badge').count()).toBe(0);
      await page.getByLabel('Language', { exact: true }).selectOption('python');
      await typeIntoEditor(page, 'Source code', AC_PYTHON);
      await page.getByRole('button', { name: 'Submit', exact: true }).click();
      await waitForText(page.locator('.result-summary'), 'Accepted', 60_000);
      await page.getByRole('link', { name: 'My submissions' }).click();
      await page.getByRole('heading', { name: 'My submissions', level: 1 }).waitFor();
      expect(await page.getByLabel('User email').count()).toBe(0);
      const rows = page.locator('main table tbody tr');
      await waitForText(rows.first(), 'Accepted');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().innerText()).toContain(slug);
      await screenshot(page, 'my-submissions-student');
      await rows.first().click();
      await page.waitForURL(/\/submissions\/[0-9a-f-]{36}$/);
      await waitForText(page.locator('.result-summary'), 'Accepted');

      // The staff view filters by the student's email; the gradebook downloads with the token.
      await staff.page.goto(`/submissions?user=${encodeURIComponent(email)}`);
      await waitForText(staff.page.locator('main table tbody tr').first(), email);
      expect(await staff.page.locator('main table tbody tr').count()).toBe(1);
      await staff.page.goto(`/problems/${slug}`);
      const [download] = await Promise.all([
        staff.page.waitForEvent('download'),
        staff.page.getByRole('button', { name: 'Download gradebook (CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`${slug}-gradebook.csv`);
      const path = await download.path();
      expect(readFileSync(path, 'utf8')).toContain(email);
    } catch (e) {
      await screenshot(page, 'failure-publish').catch(() => '');
      await screenshot(staff.page, 'failure-publish-staff').catch(() => '');
      throw e;
    } finally {
      pageErrors.push(...pupil.errors, ...staff.errors);
      await pupil.context.close();
      await staff.context.close();
    }
  });

  it('does not offer the upload page to a student', async () => {
    const email = `student-${Date.now().toString(36)}@bastion.local`;
    const created = await admin.request('POST', '/users', {
      email,
      password: 'student-pass-1',
      name: 'Kim Student',
      role: 'student',
    });
    expect(created.status).toBe(201);

    const { context, page, errors } = await openPage(browser, system.baseUrl, DESKTOP);
    try {
      await page.goto('/');
      await signIn(page, email, 'student-pass-1');
      await waitForText(page.locator('header'), 'Student');
      await page.getByRole('link', { name: 'Problems' }).first().waitFor();
      expect(await page.getByRole('link', { name: 'Upload problem' }).count()).toBe(0);
      // Typing the address leads back to the problems.
      await page.goto('/upload');
      await page.getByRole('heading', { name: 'Problems', level: 1 }).waitFor();
      expect(await page.getByLabel('Problem package (.zip)').count()).toBe(0);
      expect(new URL(page.url()).pathname).toBe('/problems');
    } catch (e) {
      await screenshot(page, `failure-${expect.getState().currentTestName?.replace(/\W+/g, '-')}`).catch(() => '');
      throw e;
    } finally {
      pageErrors.push(...errors);
      await context.close();
    }
  });
});
