import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { JUDGE_QUEUE, WORKER_HEARTBEAT_PREFIX } from '@bastion/contracts';
import { REDIS } from '@bastion/db';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/access.decorator';
import { ApiContent } from '../openapi/operation';
import { Family, formatMetrics, histogram } from './metrics.format';

const LATENCY_BUCKETS_S = [0.25, 0.5, 1, 2, 5, 10, 30, 60, 120];

/**
 * Prometheus metrics, computed from the shared state at each scrape (PostgreSQL, Redis, the workers'
 * heartbeats), so every API replica answers the same and nothing lives only in one process.
 */
@ApiTags('Operations')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly db: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @InjectQueue(JUDGE_QUEUE) private readonly queue: Queue,
  ) {}

  @Get()
  @Access('public')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    summary: 'Prometheus metrics',
    description:
      'Outside /api/v1; restrict it at your proxy. Families: bastion_queue_jobs{state}, ' +
      'bastion_submissions_total{language,verdict}, bastion_judge_latency_seconds{language} (histogram, last hour), ' +
      'bastion_workers, bastion_pool_containers{worker,image}, bastion_container_failures_total{worker}, ' +
      'bastion_spare_sandboxes_total{worker}.',
  })
  @ApiContent(
    200,
    'text/plain; version=0.0.4',
    { type: 'string', description: 'Prometheus text exposition format 0.0.4' },
    "Computed at each scrape from PostgreSQL, Redis and the workers' heartbeats",
    [
      '# HELP bastion_queue_jobs Jobs in the judge queue by state.',
      '# TYPE bastion_queue_jobs gauge',
      'bastion_queue_jobs{state="waiting"} 0',
      'bastion_queue_jobs{state="active"} 2',
      '# HELP bastion_submissions_total Finished submissions by language and verdict.',
      '# TYPE bastion_submissions_total counter',
      'bastion_submissions_total{language="c",verdict="AC"} 41',
      '# HELP bastion_workers Workers that reported in the last 15 s.',
      '# TYPE bastion_workers gauge',
      'bastion_workers 1',
      '',
    ].join('\n'),
  )
  async metrics(): Promise<string> {
    const [counts, verdicts, latencies, workers] = await Promise.all([
      this.queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized'),
      this.db.query(`SELECT language, coalesce(verdict, 'none') AS verdict, count(*)::int AS n
                       FROM submissions WHERE status IN ('done','failed') GROUP BY 1, 2`),
      this.db.query(`SELECT language, extract(epoch FROM finished_at - created_at)::float AS s
                       FROM submissions WHERE finished_at > now() - interval '1 hour'`),
      this.heartbeats(),
    ]);
    const byLanguage = new Map<string, number[]>();
    for (const r of latencies as { language: string; s: number }[]) {
      byLanguage.set(r.language, [...(byLanguage.get(r.language) ?? []), r.s]);
    }
    const families: Family[] = [
      {
        name: 'bastion_queue_jobs',
        help: 'Jobs in the judge queue by state.',
        type: 'gauge',
        samples: Object.entries(counts).map(([state, value]) => ({ labels: { state }, value })),
      },
      {
        name: 'bastion_submissions_total',
        help: 'Finished submissions by language and verdict.',
        type: 'counter',
        samples: (verdicts as { language: string; verdict: string; n: number }[]).map((r) => ({
          labels: { language: r.language, verdict: r.verdict },
          value: r.n,
        })),
      },
      {
        name: 'bastion_judge_latency_seconds',
        help: 'Time from submission to final verdict, submissions finished in the last hour.',
        type: 'histogram',
        samples: [...byLanguage].flatMap(([language, obs]) => histogram(obs, LATENCY_BUCKETS_S, { language })),
      },
      {
        name: 'bastion_workers',
        help: 'Workers that reported in the last 15 s.',
        type: 'gauge',
        samples: [{ value: workers.length }],
      },
      {
        name: 'bastion_pool_containers',
        help: 'Warm sandbox containers ready, by worker and image.',
        type: 'gauge',
        samples: workers.flatMap((w) =>
          Object.entries(w.pools ?? {}).map(([image, value]) => ({ labels: { worker: w.id, image }, value })),
        ),
      },
      {
        name: 'bastion_container_failures_total',
        help: 'Sandbox containers that failed to start, by worker (since the worker started).',
        type: 'counter',
        samples: workers.map((w) => ({ labels: { worker: w.id }, value: w.containerFailures ?? 0 })),
      },
      {
        name: 'bastion_spare_sandboxes_total',
        help: "Spare warm sandboxes lent to a submission's security checks on an idle worker, by worker (since the worker started).",
        type: 'counter',
        samples: workers.map((w) => ({ labels: { worker: w.id }, value: w.spareSandboxes ?? 0 })),
      },
    ];
    return formatMetrics(families);
  }

  private async heartbeats(): Promise<
    { id: string; pools?: Record<string, number>; containerFailures?: number; spareSandboxes?: number }[]
  > {
    const keys = await this.redis.keys(`${WORKER_HEARTBEAT_PREFIX}*`);
    if (!keys.length) return [];
    const values = await this.redis.mget(keys);
    return keys.flatMap((k, i) => {
      try {
        return [{ id: k.slice(WORKER_HEARTBEAT_PREFIX.length), ...JSON.parse(values[i] ?? '{}') }];
      } catch {
        return [];
      }
    });
  }
}
