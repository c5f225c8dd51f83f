import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { REDIS } from '@bastion/db';
import { ApiError } from './api-error';

/** Fixed-window counters in Redis, shared by every API replica. */
@Injectable()
export class RateLimiter {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** Throws 429 when `key` already has `limit` hits in its window; counts nothing. */
  async check(key: string, limit: number, what: string): Promise<void> {
    const k = `bastion:rate:${key}`;
    const [[, count], [, ttl]] = (await this.redis.multi().get(k).ttl(k).exec()) as [
      [null, string | null],
      [null, number],
    ];
    if (Number(count ?? 0) >= limit) {
      const retryAfter = ttl > 0 ? ttl : 1;
      throw new ApiError(429, 'RATE_LIMITED', `Too many ${what}; try again in ${retryAfter} s`, { retryAfter });
    }
  }

  /** Counts one hit on `key`; throws 429 with Retry-After once `limit` hits fall in one window. */
  async hit(key: string, limit: number, windowS: number, what: string): Promise<void> {
    const k = `bastion:rate:${key}`;
    const [[, count], [, ttl]] = (await this.redis.multi().incr(k).ttl(k).exec()) as [[null, number], [null, number]];
    if (ttl < 0) await this.redis.expire(k, windowS);
    if (count > limit) {
      const retryAfter = ttl > 0 ? ttl : windowS;
      throw new ApiError(429, 'RATE_LIMITED', `Too many ${what}; try again in ${retryAfter} s`, { retryAfter });
    }
  }
}
