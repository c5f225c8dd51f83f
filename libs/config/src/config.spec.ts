import { hostname } from 'node:os';
import { ConfigError, loadConfig } from './config';

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

  it('requires a JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/BASTION_JWT_SECRET/);
  });
});
