import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import type Docker from 'dockerode';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { LANGUAGES } from '@bastion/contracts';
import { Sandbox, SandboxPool, SandboxSettings } from '@bastion/sandbox';
import { DOCKER } from './docker.provider';

/** The worker's warm pools, one per judge image, and the clean-up of its own leftovers at start. */
@Injectable()
export class PoolService implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger(PoolService.name);
  private readonly pool: SandboxPool;

  constructor(
    @Inject(DOCKER) private readonly docker: Docker,
    @Inject(BASTION_CONFIG) private readonly config: BastionConfig,
  ) {
    this.pool = new SandboxPool({
      docker,
      size: config.sandbox.poolSize,
      settings: (image) => this.settings(image),
      log: (msg) => this.log.warn(msg),
    });
  }

  settings(image: string): SandboxSettings {
    const s = this.config.sandbox;
    return {
      workerId: this.config.worker.id,
      image: `${s.imagePrefix}${image}:latest`,
      runtime: s.runtime,
      memoryMb: s.compileMemoryMb,
      cpus: s.cpus,
      pidsLimit: s.pidsLimit,
      workdirMb: s.workdirMb,
    };
  }

  async onModuleInit(): Promise<void> {
    const removed = await SandboxPool.removeLeftovers(this.docker, this.config.worker.id).catch((err: Error) => {
      this.log.warn(`could not list leftover sandboxes: ${err.message}`);
      return 0;
    });
    if (removed) this.log.log(`removed ${removed} leftover sandbox container(s)`);
    this.pool.warm([...new Set(Object.values(LANGUAGES).map((l) => l.image))]);
  }

  acquire(image: string): Promise<Sandbox> {
    return this.pool.acquire(image);
  }

  /** Destroys a used sandbox without making the caller wait for Docker. */
  release(box: Sandbox): void {
    box.destroy().catch((err: Error) => this.log.warn(`could not remove sandbox ${box.id}: ${err.message}`));
  }

  sizes(): Record<string, number> {
    return this.pool.sizes();
  }

  /** Containers that failed to start since this worker started. */
  failures(): number {
    return this.pool.failures;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}
