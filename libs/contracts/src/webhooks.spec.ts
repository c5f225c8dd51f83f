import { signWebhook, verifyWebhook } from './webhooks';

describe('webhook signatures', () => {
  const now = 1_800_000_000_000;
  const t = now / 1000;

  it('verifies what it signed, and nothing else', () => {
    const header = signWebhook('s3cret', '{"a":1}', t);
    expect(header).toMatch(/^t=1800000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook('s3cret', '{"a":1}', header, 300, now)).toBe(true);
    expect(verifyWebhook('s3cret', '{"a":2}', header, 300, now)).toBe(false);
    expect(verifyWebhook('other', '{"a":1}', header, 300, now)).toBe(false);
    expect(verifyWebhook('s3cret', '{"a":1}', 'garbage', 300, now)).toBe(false);
  });

  it('refuses a replay of an old delivery', () => {
    const header = signWebhook('s3cret', 'x', t - 3600);
    expect(verifyWebhook('s3cret', 'x', header, 300, now)).toBe(false);
  });
});
