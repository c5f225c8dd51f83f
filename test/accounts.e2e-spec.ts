import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { ADMIN, ApiClient } from './support/api-client';
import { DESKTOP, launchBrowser, openPage, screenshot, signIn, waitForText } from './support/browser';
import { RunningSystem, startSystem } from './support/system';

jest.setTimeout(300_000);

/**
 * Accounts admins manage, and credentials that follow the account as it is now: a deleted or
 * disabled account, a changed role or a reset password acts on the very next request.
 */
describe('accounts: disable, enable, reset password; sessions follow the account', () => {
  let system: RunningSystem;
  let admin: ApiClient;
  let db: DataSource;
  let browser: Browser | undefined;
  const tag = randomUUID().slice(0, 8);
  let n = 0;

  /** A fresh account, made by the admin. */
  async function account(role = 'student', name = 'Kim Lee') {
    const email = `acct-${tag}-${++n}@example.edu`;
    const password = `correct horse ${n}`;
    const r = await admin.request('POST', '/users', { email, password, name, role });
    expect(r.status).toBe(201);
    return { id: r.body.id as string, email, password };
  }
  const signedIn = (email: string, password: string) => new ApiClient(system.baseUrl).login(email, password);
  const login = (email: string, password: string) =>
    new ApiClient(system.baseUrl).request('POST', '/auth/login', { email, password });
  const me = (client: ApiClient) => client.request('GET', '/auth/me');
  const code = (r: { body: { error?: { code?: string } } }) => r.body.error?.code;

  beforeAll(async () => {
    system = await startSystem();
    admin = await signedIn(ADMIN.email, ADMIN.password);
    db = await new DataSource({ type: 'postgres', url: system.env.DATABASE_URL }).initialize();
  });

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    await db?.destroy();
  });

  it('refuses the session and API token of an account that was deleted', async () => {
    const a = await account();
    const session = await signedIn(a.email, a.password);
    const token = (await session.request('POST', '/tokens', { name: 'ci', scopes: ['read'] })).body.token as string;
    const viaToken = new ApiClient(system.baseUrl, token);
    expect((await me(session)).status).toBe(200);
    expect((await me(viaToken)).status).toBe(200);

    await db.query('DELETE FROM users WHERE id = $1', [a.id]);
    for (const client of [session, viaToken]) {
      const r = await me(client);
      expect([r.status, code(r)]).toEqual([401, 'INVALID_TOKEN']);
    }
    expect((await session.request('GET', '/problems')).status).toBe(401);
  });

  it("takes the role from the account as it is now, not from the sign-in token's claim", async () => {
    const a = await account();
    const session = await signedIn(a.email, a.password);
    expect((await session.request('GET', '/users')).status).toBe(403);
    await db.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [a.id]);
    expect((await session.request('GET', '/users')).status).toBe(200);
    expect((await me(session)).body.role).toBe('admin');
    await db.query(`UPDATE users SET role = 'student' WHERE id = $1`, [a.id]);
    expect((await session.request('GET', '/users')).status).toBe(403);
  });

  it("refuses a disabled account's sessions and API tokens at once, and takes them back after enable", async () => {
    const a = await account();
    const session = await signedIn(a.email, a.password);
    const token = (await session.request('POST', '/tokens', { name: 'lms', scopes: ['read'] })).body.token as string;
    const viaToken = new ApiClient(system.baseUrl, token);

    const disabled = await admin.request('POST', `/users/${a.id}/disable`);
    expect(disabled.status).toBe(200);
    expect(disabled.body).toEqual(
      expect.objectContaining({ id: a.id, email: a.email, disabledAt: expect.any(String) }),
    );
    for (const client of [session, viaToken]) {
      const r = await me(client);
      expect([r.status, code(r)]).toEqual([401, 'ACCOUNT_DISABLED']);
      expect((await client.request('GET', '/problems')).status).toBe(401);
    }
    // The right password learns that the account is disabled; a wrong one learns nothing.
    const right = await login(a.email, a.password);
    expect([right.status, code(right)]).toEqual([401, 'ACCOUNT_DISABLED']);
    expect(right.body.accessToken).toBeUndefined();
    const wrong = await login(a.email, 'not the password');
    expect([wrong.status, code(wrong)]).toEqual([401, 'INVALID_CREDENTIALS']);
    // Disabling again keeps the first date.
    const again = await admin.request('POST', `/users/${a.id}/disable`);
    expect(again.body.disabledAt).toBe(disabled.body.disabledAt);
    const listed = await admin.request('GET', `/users?email=${encodeURIComponent(a.email)}`);
    expect(listed.body.items).toEqual([expect.objectContaining({ id: a.id, disabledAt: disabled.body.disabledAt })]);

    const enabled = await admin.request('POST', `/users/${a.id}/enable`);
    expect([enabled.status, enabled.body.disabledAt]).toEqual([200, null]);
    expect((await me(session)).status).toBe(200);
    expect((await me(viaToken)).status).toBe(200);
    expect((await login(a.email, a.password)).status).toBe(200);
  });

  it('ends every session of an account whose password an admin reset; the new password signs in', async () => {
    const a = await account();
    const first = await signedIn(a.email, a.password);
    const second = await signedIn(a.email, a.password);
    const token = (await first.request('POST', '/tokens', { name: 'ci', scopes: ['read'] })).body.token as string;

    // No body: a password is generated and returned this once.
    const reset = await admin.request('POST', `/users/${a.id}/password`);
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual(expect.objectContaining({ id: a.id, email: a.email, password: expect.any(String) }));
    const generated = reset.body.password as string;
    expect(generated.length).toBeGreaterThanOrEqual(12);
    for (const old of [first, second]) {
      const r = await me(old);
      expect([r.status, code(r)]).toEqual([401, 'INVALID_TOKEN']);
    }
    expect(code(await login(a.email, a.password))).toBe('INVALID_CREDENTIALS');
    const fresh = await signedIn(a.email, generated);
    expect((await me(fresh)).body.email).toBe(a.email);
    // API tokens are credentials of their own: they outlive a reset (revoke them, or disable the account).
    expect((await me(new ApiClient(system.baseUrl, token))).status).toBe(200);

    // An admin may also choose the password; it is not echoed back.
    const chosen = await admin.request('POST', `/users/${a.id}/password`, { password: 'battery staple 42' });
    expect(chosen.status).toBe(200);
    expect(chosen.body.password).toBeUndefined();
    expect((await me(fresh)).status).toBe(401);
    expect((await login(a.email, 'battery staple 42')).status).toBe(200);
    const short = await admin.request('POST', `/users/${a.id}/password`, { password: 'short' });
    expect([short.status, code(short)]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('lets only admins manage accounts, and never disable themselves', async () => {
    const instructor = await account('instructor');
    const student = await account();
    const staff = await signedIn(instructor.email, instructor.password);
    for (const [method, path] of [
      ['GET', '/users'],
      ['POST', `/users/${student.id}/disable`],
      ['POST', `/users/${student.id}/enable`],
      ['POST', `/users/${student.id}/password`],
    ]) {
      const r = await staff.request(method, path);
      expect([path, r.status, code(r)]).toEqual([path, 403, 'FORBIDDEN']);
    }
    const self = (await me(admin)).body.id as string;
    const r = await admin.request('POST', `/users/${self}/disable`);
    expect([r.status, code(r)]).toEqual([422, 'CANNOT_DISABLE_SELF']);
    expect((await me(admin)).status).toBe(200);
    for (const id of [randomUUID(), 'not-an-id']) {
      const missing = await admin.request('POST', `/users/${id}/enable`);
      expect([missing.status, code(missing)]).toEqual([404, 'USER_NOT_FOUND']);
    }
  });

  it('lists accounts a page at a time, filtered by part of the email, role and status', async () => {
    const s1 = await account('student', 'Ann');
    const s2 = await account('student', 'Bo');
    const i1 = await account('instructor', 'Cy');
    await admin.request('POST', `/users/${s2.id}/disable`);
    const list = async (q: string) => (await admin.request('GET', `/users?email=acct-${tag}-&${q}`)).body;

    const all = await list('');
    expect(all.total).toBeGreaterThanOrEqual(3);
    expect(all.items.map((a: { email: string }) => a.email)).toEqual(expect.arrayContaining([s1.email, s2.email]));
    expect(all.items.find((a: { id: string }) => a.id === s1.id)).toEqual({
      id: s1.id,
      email: s1.email,
      name: 'Ann',
      role: 'student',
      disabledAt: null,
      createdAt: expect.any(String),
    });
    expect((await list('role=instructor')).items.map((a: { id: string }) => a.id)).toContain(i1.id);
    expect((await list('role=instructor')).items.every((a: { role: string }) => a.role === 'instructor')).toBe(true);
    const disabled = await list('status=disabled');
    expect(disabled.items.map((a: { id: string }) => a.id)).toContain(s2.id);
    expect(disabled.items.every((a: { disabledAt: string | null }) => a.disabledAt !== null)).toBe(true);
    expect((await list('status=active')).items.map((a: { id: string }) => a.id)).not.toContain(s2.id);
    const page = await list('limit=1&offset=1');
    expect([page.items.length, page.limit, page.offset, page.total]).toEqual([1, 1, 1, all.total]);
    expect(page.items[0].id).toBe(all.items[1].id);
    // The email filter is a substring, not a pattern: % and _ match themselves.
    for (const pattern of [`acct_${tag}`, `acct-${tag}-%25`])
      expect((await admin.request('GET', `/users?email=${pattern}`)).body.total).toBe(0);
    const bad = await admin.request('GET', '/users?limit=500');
    expect([bad.status, code(bad)]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('lets an admin disable a student from the Accounts page, ending their session, and reset the password', async () => {
    const a = await account('student', 'Pat Student');
    const session = await signedIn(a.email, a.password);
    browser = await launchBrowser();
    const student = await openPage(browser, system.baseUrl, DESKTOP);
    const { context, page, errors } = await openPage(browser, system.baseUrl, DESKTOP);
    page.on('dialog', (d) => void d.accept());
    try {
      await student.page.goto('/');
      await signIn(student.page, a.email, a.password);
      await page.goto('/');
      await signIn(page, ADMIN.email, ADMIN.password);
      await page.getByRole('link', { name: 'Accounts' }).click();
      await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
      await page.getByLabel('Email contains').fill(a.email);
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await page.waitForURL(/email=/);
      await waitForText(page.locator('.pager'), '1–1 of 1');
      const row = page.locator(`tr[data-email="${a.email}"]`);
      await waitForText(row, 'Active');
      expect(await page.locator('main table tbody tr').count()).toBe(1);

      await row.getByRole('button', { name: 'Disable' }).click();
      await waitForText(page.getByRole('status'), `${a.email} is disabled.`);
      await waitForText(row, 'Disabled');
      const r = await me(session);
      expect([r.status, code(r)]).toEqual([401, 'ACCOUNT_DISABLED']);
      // The student's open web app is signed out at its next request.
      await student.page.reload();
      await student.page.getByRole('heading', { name: 'Sign in to Bastion' }).waitFor();

      await row.getByRole('button', { name: 'Reset password' }).click();
      const shown = page.getByTestId('new-password');
      await waitForText(shown, `New password for ${a.email}`);
      const password = (await shown.locator('code').innerText()).trim();
      await screenshot(page, 'accounts-desktop');
      await page.screenshot({ path: '/tmp/accounts.png', fullPage: true });
      await page.getByRole('button', { name: '한국어' }).click();
      await page.getByRole('heading', { name: '계정 관리', level: 1 }).waitFor();
      await screenshot(page, 'accounts-ko');
      await page.getByRole('button', { name: 'English' }).click();
      expect(code(await login(a.email, password))).toBe('ACCOUNT_DISABLED');

      await row.getByRole('button', { name: 'Enable' }).click();
      await waitForText(page.getByRole('status'), `${a.email} is enabled again.`);
      await waitForText(row, 'Active');
      expect((await login(a.email, password)).status).toBe(200);
      // An admin's own row offers no Disable.
      await page.getByLabel('Email contains').fill(ADMIN.email);
      await page.getByRole('button', { name: 'Apply filters' }).click();
      await expect(
        page.locator(`tr[data-email="${ADMIN.email}"]`).getByRole('button', { name: 'Disable' }).isDisabled(),
      ).resolves.toBe(true);
    } catch (e) {
      await screenshot(page, 'failure-accounts').catch(() => '');
      throw e;
    } finally {
      expect([...errors, ...student.errors]).toEqual([]);
      await context.close();
      await student.context.close();
    }
  });
});
