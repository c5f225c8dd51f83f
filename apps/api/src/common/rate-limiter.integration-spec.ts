import { randomUUID } from 'node:crypto';
import { createRedis } from '@bastion/db';
import type Redis from 'ioredis';
import { testEnv } from '../../../../test/setup/test-env';
import { ApiError } from './api-error';
import { RateLimiter } from './rate-limiter';

/** The counters against the real Redis: atomic under a burst, and a release never outlives its window. */
describe('RateLimiter (Redis)', () => {
  let redis: Redis;
  let limiter: RateLimiter;
  const key = () => `test:${randomUUID()}`;
  const outcome = (p: Promise<void>) =>
    p.then(
      () => 'ok',
      (e: ApiError) => `${e.getStatus()} ${(e.details as { retryAfter: number }).retryAfter}`,
    );

  beforeAll(() => {
    redis = createRedis(testEnv().REDIS_URL);
    limiter = new RateLimiter(redis);
  });

  afterAll(async () => {
    await redis.quit();
  });

  it('lets exactly the limit through a burst of concurrent hits; the rest get 429 with the time left', async () => {
    const k = key();
    const results = await Promise.all(Array.from({ length: 50 }, () => outcome(limiter.hit(k, 10, 60, 'tries'))));
    expect(results.filter((r) => r === 'ok')).toHaveLength(10);
    expect(results.filter((r) => /^429 (59|60)$/.test(r))).toHaveLength(40);
    expect(await redis.ttl(`bastion:rate:${k}`)).toBeGreaterThan(55);
  });

  it('takes a released hit back, so it can be used again', async () => {
    const k = key();
    for (let i = 0; i < 3; i++) await limiter.hit(k, 3, 60, 'tries');
    await expect(limiter.hit(k, 3, 60, 'tries')).rejects.toThrow(/Too many tries; try again in/);
    await limiter.release(k); // gives back the refused hit (4 → 3): still full
    await limiter.release(k);
    await expect(limiter.hit(k, 3, 60, 'tries')).resolves.toBeUndefined();
  });

  it('never creates a counter when releasing after the window ended', async () => {
    const k = key();
    await limiter.release(k);
    expect(await redis.exists(`bastion:rate:${k}`)).toBe(0);
    await limiter.hit(k, 1, 1, 'tries');
    await new Promise((r) => setTimeout(r, 1100));
    await limiter.release(k);
    expect(await redis.exists(`bastion:rate:${k}`)).toBe(0);
  });
});
