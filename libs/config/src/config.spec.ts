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

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ REDIS_URL: 'not a url' })).toThrow(/REDIS_URL/);
  });

  it('requires a JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/BASTION_JWT_SECRET/);
  });
});
