import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { WORKER_HEARTBEAT_PREFIX } from '@bastion/contracts';
import { REDIS } from '@bastion/db';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/access.decorator';
import { ApiOk } from '../openapi/operation';
import { ref } from '../openapi/schema';

type Check = { ok: boolean; error?: string; [k: string]: unknown };

const within = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, rej) => setTimeout(() => rej(new Error(`no answer in ${ms} ms`)), ms))]);

/**
 * 200 when the API, PostgreSQL, Redis, at least one worker and its Docker engine answer; 503 naming
 * what does not. The API has no Docker socket: workers report their engine in their heartbeats.
 */
@ApiTags('Operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get()
  @Access('public')
  @ApiOperation({
    summary: 'Health',
    description:
      'Outside /api/v1. 200 when the API, PostgreSQL, Redis, at least one worker and its Docker engine answer; ' +
      '503 with the same body naming what does not.',
  })
  @ApiOk(200, ref('Health'), 'Everything answers')
  @ApiOk(503, ref('Health'), 'Something does not answer (same body, `status: degraded`)', {
    noWorker: {
      summary: 'No worker',
      value: {
        status: 'degraded',
        checks: {
          api: { ok: true },
          postgres: { ok: true },
          redis: { ok: true },
          workers: { ok: false, count: 0, error: 'no worker has reported in the last 15 s' },
          docker: { ok: false, error: 'no worker has reported in the last 15 s' },
        },
      },
    },
  })
  async health(@Res() res: Response): Promise<void> {
    const [postgres, redis, { workers, docker }] = await Promise.all([
      this.postgres(),
      this.redisCheck(),
      this.workers(),
    ]);
    const ok = postgres.ok && redis.ok && workers.ok && docker.ok;
    res.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({
      status: ok ? 'ok' : 'degraded',
      checks: { api: { ok: true }, postgres, redis, workers, docker },
    });
  }

  private async postgres(): Promise<Check> {
    return within(this.db.query('SELECT 1'), 2000).then(
      () => ({ ok: true }),
      (e: Error) => ({ ok: false, error: e.message }),
    );
  }

  private async redisCheck(): Promise<Check> {
    return within(this.redis.ping(), 2000).then(
      () => ({ ok: true }),
      (e: Error) => ({ ok: false, error: e.message }),
    );
  }

  private async workers(): Promise<{ workers: Check; docker: Check }> {
    try {
      const keys = await within(this.redis.keys(`${WORKER_HEARTBEAT_PREFIX}*`), 2000);
      if (!keys.length) {
        const error = 'no worker has reported in the last 15 s';
        return { workers: { ok: false, count: 0, error }, docker: { ok: false, error } };
      }
      const beats = (await within(this.redis.mget(...keys), 2000)).map((b) => {
        try {
          return JSON.parse(b ?? '{}') as { docker?: { ok: boolean; error?: string } };
        } catch {
          return {};
        }
      });
      const down = beats.filter((b) => b.docker && !b.docker.ok);
      const docker: Check =
        down.length < beats.length
          ? { ok: true, ...(down.length ? { workersWithoutDocker: down.length } : {}) }
          : { ok: false, error: down[0]?.docker?.error ?? 'no worker reaches a Docker engine' };
      return { workers: { ok: true, count: keys.length }, docker };
    } catch (e) {
      const error = (e as Error).message;
      return { workers: { ok: false, error }, docker: { ok: false, error } };
    }
  }
}
