import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type Redis from 'ioredis';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { WORKER_HEARTBEAT_PREFIX, WORKER_HEARTBEAT_TTL_S } from '@bastion/contracts';
import { REDIS } from '@bastion/db';
import { PoolService } from '../sandbox/pool.service';

/** Announces this worker in Redis with a short TTL, so /health can tell whether any worker is alive. */
@Injectable()
export class HeartbeatService implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger(HeartbeatService.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(BASTION_CONFIG) private readonly config: BastionConfig,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly pool: PoolService,
  ) {}

  onModuleInit(): void {
    const beat = async () => {
      await this.pool.dockerReachable();
      await this.redis
        .set(
          WORKER_HEARTBEAT_PREFIX + this.config.worker.id,
          JSON.stringify({
            at: new Date().toISOString(),
            docker: this.pool.dockerStatus(),
            pools: this.pool.sizes(),
            containerFailures: this.pool.failures(),
            spareSandboxes: this.pool.spares(),
          }),
          'EX',
          WORKER_HEARTBEAT_TTL_S,
        )
        .catch((err: Error) => this.log.warn(`heartbeat: ${err.message}`));
    };
    void beat();
    this.timer = setInterval(() => void beat(), (WORKER_HEARTBEAT_TTL_S * 1000) / 3);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.redis.del(WORKER_HEARTBEAT_PREFIX + this.config.worker.id).catch(() => undefined);
  }
}
