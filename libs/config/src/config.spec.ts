import { hostname } from 'node:os';
import { ConfigError, loadConfig as load } from './config';

/** Secrets made for this test run: the config has no default for them. */
const SECRETS = { BASTION_JWT_SECRET: 'j'.repeat(32), BASTION_WEBHOOK_SECRET: 'w'.repeat(32) };
const loadConfig = (env: NodeJS.ProcessEnv) => load({ ...SECRETS, ...env });

describe('loadConfig', () => {
  it('applies documented defaults', () => {
    const c = loadConfig({});
    expect(c.http.port).toBe(3000);
    expect(c.auth.adminEmail).toBe('admin@bastion.local');
    expect(c.sandbox.runtime).toBe('runc');
    // Stable across restarts, so a restarted worker removes the sandboxes its predecessor left.
    expect(c.worker.id).toBe(hostname());
  });

  it('gives gVisor a CPU-time factor of its own unless one is set', () => {
    expect(loadConfig({}).sandbox.timeFactor).toBe(1);
    expect(loadConfig({ BASTION_SANDBOX_RUNTIME: 'runsc' }).sandbox.timeFactor).toBe(3);
    expect(
      loadConfig({ BASTION_SANDBOX_RUNTIME: 'runsc', BASTION_SANDBOX_TIME_FACTOR: '1.5' }).sandbox.timeFactor,
    ).toBe(1.5);
    expect(() => loadConfig({ BASTION_SANDBOX_TIME_FACTOR: '0.5' })).toThrow(/BASTION_SANDBOX_TIME_FACTOR/);
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ REDIS_URL: 'not a url' })).toThrow(/REDIS_URL/);
  });

  it('has no default secret in any environment, and refuses a short one', () => {
    for (const NODE_ENV of ['development', 'test', 'production']) {
      expect(() => load({ NODE_ENV, BASTION_WEBHOOK_SECRET: SECRETS.BASTION_WEBHOOK_SECRET })).toThrow(ConfigError);
      expect(() => load({ NODE_ENV, BASTION_WEBHOOK_SECRET: SECRETS.BASTION_WEBHOOK_SECRET })).toThrow(
        /BASTION_JWT_SECRET/,
      );
      expect(() => load({ NODE_ENV, BASTION_JWT_SECRET: SECRETS.BASTION_JWT_SECRET })).toThrow(
        /BASTION_WEBHOOK_SECRET/,
      );
    }
    expect(() => loadConfig({ BASTION_JWT_SECRET: 'short-but-16-chars' })).toThrow(/at least 32/);
    expect(loadConfig({}).auth.adminPassword).toBeNull();
  });

  it('takes the proxies to trust from BASTION_TRUST_PROXY', () => {
    expect(loadConfig({}).http.trustProxy).toBe('loopback');
    expect(loadConfig({ BASTION_TRUST_PROXY: '1' }).http.trustProxy).toBe(1);
    expect(loadConfig({ BASTION_TRUST_PROXY: 'false' }).http.trustProxy).toBe(false);
    expect(loadConfig({ BASTION_TRUST_PROXY: '10.0.0.0/8' }).http.trustProxy).toBe('10.0.0.0/8');
  });
});
