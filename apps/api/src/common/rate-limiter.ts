import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '@bastion/db';
import { ApiError } from './api-error';

/**
 * Counts one hit and starts the window on the first, in one step: concurrent callers each get their
 * own count, and no crash between the two commands can leave a counter that never expires.
 */
const HIT = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('TTL', KEYS[1])
if ttl < 0 then
  redis.call('EXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {n, ttl}`;

/** Gives one hit back, only within a live window (a DECR on an expired key would make one with no TTL). */
const RELEASE = `
if redis.call('EXISTS', KEYS[1]) == 1 and tonumber(redis.call('GET', KEYS[1])) > 0 then
  return redis.call('DECR', KEYS[1])
end
return 0`;

/** Fixed-window counters in Redis, shared by every API replica. */
@Injectable()
export class RateLimiter {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /**
   * Counts one hit on `key` before the work it guards, so that any number of concurrent requests
   * get at most `limit` through a window; the rest get 429 with Retry-After. The count is taken
   * first and atomically: checking, working, then counting would let a burst all pass the check.
   */
  async hit(key: string, limit: number, windowS: number, what: string): Promise<void> {
    const [count, ttl] = (await this.redis.eval(HIT, 1, `bastion:rate:${key}`, windowS)) as [number, number];
    if (count > limit) {
      const retryAfter = ttl > 0 ? ttl : windowS;
      throw new ApiError(429, 'RATE_LIMITED', `Too many ${what}; try again in ${retryAfter} s`, { retryAfter });
    }
  }

  /** Gives back a hit that turned out not to count (a sign-in with the right password). */
  async release(key: string): Promise<void> {
    await this.redis.eval(RELEASE, 1, `bastion:rate:${key}`);
  }
}
