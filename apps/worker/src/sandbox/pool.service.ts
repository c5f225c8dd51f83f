import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import type Docker from 'dockerode';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { LANGUAGES } from '@bastion/contracts';
import { SandboxTerms } from '@bastion/judging';
import { Sandbox, SandboxPool, SandboxSettings, scratchMb } from '@bastion/sandbox';
import { DOCKER } from './docker.provider';

/** How long a job waits for an absent Docker engine before its attempt fails. */
export const DOCKER_WAIT_MS = 10 * 60_000;

/** The worker's warm pools, one per judge image, and the clean-up of its own leftovers at start. */
@Injectable()
export class PoolService implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger(PoolService.name);
  private readonly pool: SandboxPool;
  private docker$: { ok: boolean; error?: string } = { ok: true };
  private sparesLent = 0;
  /** How many sandboxes the host has cores for (BASTION_CONTAINER_CPUS each). */
  private readonly sandboxesPerHost: number;

  constructor(
    @Inject(DOCKER) private readonly docker: Docker,
    @Inject(BASTION_CONFIG) private readonly config: BastionConfig,
  ) {
    this.sandboxesPerHost = Math.max(1, Math.floor(availableParallelism() / config.sandbox.cpus));
    this.pool = new SandboxPool({
      docker,
      size: config.sandbox.poolSize,
      reuse: config.sandbox.reuse,
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
      sessions: s.sessions,
    };
  }

  /** What this worker's sandboxes add to a problem's limits (tmpfs room, the runtime's time factor). */
  get terms(): Required<SandboxTerms> {
    return { scratchMb: scratchMb(this.config.sandbox), timeFactor: this.config.sandbox.timeFactor };
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

  /**
   * A warm sandbox for work that can run beside a submission's own, when a core would otherwise
   * sit idle: fewer sandboxes in use than the host has cores for them, no container starting, and
   * another warm one left for the next submission (see SandboxPool.acquireSpare). Never waits.
   */
  acquireSpare(image: string): Sandbox | undefined {
    const box = this.pool.acquireSpare(image, this.sandboxesPerHost);
    if (box) this.sparesLent++;
    return box;
  }

  /** Spare sandboxes lent since this worker started (heartbeat, /metrics). */
  spares(): number {
    return this.sparesLent;
  }

  /** Gives back a used sandbox (recycled with sessions, else destroyed) without making the caller wait. */
  release(box: Sandbox): void {
    this.pool.release(box).catch((err: Error) => this.log.warn(`could not remove sandbox ${box.id}: ${err.message}`));
  }

  /** Pings the Docker engine (2 s at most); on its return after an outage, dead warm containers go. */
  async dockerReachable(): Promise<boolean> {
    const wasOk = this.docker$.ok;
    try {
      await Promise.race([
        this.docker.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('no answer in 2 s')), 2000).unref()),
      ]);
      this.docker$ = { ok: true };
      if (!wasOk) {
        const dropped = this.pool.prune();
        this.log.log(`the Docker engine answers again; ${dropped} dead warm container(s) dropped`);
      }
      return true;
    } catch (err) {
      this.docker$ = { ok: false, error: `the Docker engine does not answer: ${(err as Error).message}` };
      if (wasOk) this.log.error(this.docker$.error);
      return false;
    }
  }

  /**
   * Waits while the Docker engine is away (restarting, upgrading), so jobs wait instead of failing;
   * after `maxMs` the caller's attempt fails as usual.
   */
  async waitForDocker(maxMs = DOCKER_WAIT_MS): Promise<void> {
    // No ping on the hot path: the heartbeat (every few seconds) and failed jobs keep this state fresh.
    if (this.docker$.ok) return;
    const deadline = Date.now() + maxMs;
    while (!(await this.dockerReachable())) {
      if (Date.now() > deadline)
        throw new Error(`the Docker engine has not answered for ${Math.round(maxMs / 1000)} s`);
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  /** The last known state of the Docker engine, for the heartbeat and /health. */
  dockerStatus(): { ok: boolean; error?: string } {
    return this.docker$;
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
