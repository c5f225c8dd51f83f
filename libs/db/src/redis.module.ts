import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';

export const REDIS = Symbol('REDIS');

/** Creates a Redis connection that keeps retrying while Redis is away, so the app outlives an outage. */
export function createRedis(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    enableReadyCheck: true,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** The general-purpose Redis client (heartbeats, progress events); BullMQ keeps its own. */
@Global()
@Module({
  providers: [
    { provide: REDIS, inject: [BASTION_CONFIG], useFactory: (c: BastionConfig) => createRedis(c.redisUrl) },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
