import { JwtService } from '@nestjs/jwt';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, ApiClient } from './support/api-client';
import { RunningSystem, startSystem } from './support/system';

jest.setTimeout(240_000);

const ROOT = join(__dirname, '..');

/**
 * Every string the repository holds, as a secret might be taken from it: each quoted literal and
 * each word of every tracked text file, plus the development defaults earlier versions shipped.
 */
function repositoryStrings(): string[] {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  const found = new Set<string>([
    'bastion-local-development-secret-change-me',
    'bastion-local-webhook-secret-change-me',
    'test-webhook-secret-0123456789',
    'CHANGE-ME',
  ]);
  for (const file of files) {
    let buf: Buffer;
    try {
      buf = readFileSync(join(ROOT, file));
    } catch {
      continue; // deleted in the work tree
    }
    if (buf.length > 1_000_000 || buf.includes(0)) continue;
    const text = buf.toString('utf8');
    for (const m of text.matchAll(/(['"`])((?:(?!\1)[^\\\n]|\\.){1,200})\1/g)) found.add(m[2]);
    for (const word of text.split(/[\s'"`,;(){}[\]<>=]+/)) if (word) found.add(word);
  }
  return [...found];
}

/** scripts/secrets.sh, as `npm run up` runs it, writing to a file of this test's. */
function makeSecrets(file: string): Record<string, string> {
  execFileSync('bash', [join(ROOT, 'scripts/secrets.sh')], {
    env: { PATH: process.env.PATH ?? '', BASTION_SECRETS_FILE: file },
    stdio: 'pipe',
  });
  const values: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m) values[m[1]] = m[2];
  }
  return values;
}

describe('no public secret: what `npm run up` signs with comes from nowhere in the repository', () => {
  let dir: string;
  let secrets: Record<string, string>;
  let system: RunningSystem;
  let adminId: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bastion-secrets-'));
    secrets = makeSecrets(join(dir, 'secrets.env'));
    // The test database's admin keeps this run's password; the deployment's secrets are the made ones.
    system = await startSystem({
      BASTION_JWT_SECRET: secrets.BASTION_JWT_SECRET,
      BASTION_WEBHOOK_SECRET: secrets.BASTION_WEBHOOK_SECRET,
    });
    adminId = (
      await (await new ApiClient(system.baseUrl).login(ADMIN.email, ADMIN.password)).request('GET', '/auth/me')
    ).body.id;
  });

  afterAll(async () => {
    await system?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('makes strong random secrets once, in a file only its owner can read, and keeps them', () => {
    const file = join(dir, 'secrets.env');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Object.keys(secrets).sort()).toEqual([
      'BASTION_ADMIN_PASSWORD',
      'BASTION_JWT_SECRET',
      'BASTION_WEBHOOK_SECRET',
    ]);
    expect(secrets.BASTION_JWT_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secrets.BASTION_WEBHOOK_SECRET).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secrets.BASTION_ADMIN_PASSWORD.length).toBeGreaterThanOrEqual(20);
    expect(new Set(Object.values(secrets)).size).toBe(3);
    expect(makeSecrets(file)).toEqual(secrets); // a later run reuses them
    const other = makeSecrets(join(dir, 'other.env')); // another deployment gets its own
    for (const k of Object.keys(secrets)) expect(other[k]).not.toBe(secrets[k]);
  });

  it('holds none of the made secrets anywhere in the repository', () => {
    const strings = new Set(repositoryStrings());
    expect(strings.size).toBeGreaterThan(1000);
    for (const value of Object.values(secrets)) expect(strings.has(value)).toBe(false);
  });

  it('refuses a session signed with any string from the repository, and takes one signed with its own secret', async () => {
    const forge = (secret: string) =>
      new JwtService({ secret }).sign({ sub: adminId, role: 'admin' }, { jwtid: 'forged', expiresIn: '1h' });
    const me = (token: string) => new ApiClient(system.baseUrl, token).request('GET', '/auth/me');
    // the control: the same token signed with the deployment's secret is taken, so the refusals mean something
    expect((await me(forge(secrets.BASTION_JWT_SECRET))).status).toBe(200);
    const candidates = repositoryStrings().filter((s) => s.length >= 8);
    const accepted: string[] = [];
    for (let i = 0; i < candidates.length; i += 25) {
      const batch = candidates.slice(i, i + 25);
      const answers = await Promise.all(batch.map(async (s) => [s, (await me(forge(s))).status] as const));
      for (const [s, status] of answers) if (status !== 401) accepted.push(`${status}: ${s}`);
    }
    expect(accepted).toEqual([]);
  });
});

describe('HSTS only over https', () => {
  let system: RunningSystem;

  beforeAll(async () => {
    system = await startSystem();
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('sends neither HSTS nor upgrade-insecure-requests over plain http', async () => {
    for (const path of ['/health', '/api/v1/languages', '/']) {
      const r = await fetch(`${system.baseUrl}${path}`);
      expect(r.headers.get('strict-transport-security')).toBeNull();
      expect(r.headers.get('content-security-policy') ?? '').not.toMatch(/upgrade-insecure-requests/);
      expect(r.headers.get('content-security-policy') ?? '').toMatch(/default-src 'self'/);
    }
  });

  it('sends both when a trusted TLS proxy says the request came over https', async () => {
    // BASTION_TRUST_PROXY defaults to loopback: this test's requests come from 127.0.0.1
    const r = await fetch(`${system.baseUrl}/health`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(r.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(r.headers.get('content-security-policy')).toMatch(/upgrade-insecure-requests/);
  });

  it('ignores X-Forwarded-Proto from a proxy it does not trust', async () => {
    const untrusting = await startSystem({ BASTION_TRUST_PROXY: 'false' });
    try {
      const r = await fetch(`${untrusting.baseUrl}/health`, { headers: { 'x-forwarded-proto': 'https' } });
      expect(r.headers.get('strict-transport-security')).toBeNull();
    } finally {
      await untrusting.stop();
    }
  });
});
