import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Queue, QueueEvents } from 'bullmq';
import { Repository } from 'typeorm';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { JOB_NAMES, jobOptions, JUDGE_QUEUE } from '@bastion/contracts';
import { createRedis, RunEntity } from '@bastion/db';
import { Principal } from '../common/access.decorator';
import { ApiError } from '../common/api-error';
import { RateLimiter } from '../common/rate-limiter';
import { assertSourceSize } from '../submissions/submissions.service';
import { CreateRunDto } from './dto/create-run.dto';

/** One-off runs: stored in PostgreSQL, executed by a worker through the queue, answered synchronously. */
@Injectable()
export class RunsService implements OnModuleDestroy {
  private events?: QueueEvents;

  constructor(
    @InjectRepository(RunEntity) private readonly runs: Repository<RunEntity>,
    @InjectQueue(JUDGE_QUEUE) private readonly queue: Queue,
    @Inject(BASTION_CONFIG) private readonly config: BastionConfig,
    private readonly limiter: RateLimiter,
  ) {}

  async run(me: Principal, dto: CreateRunDto) {
    assertSourceSize(dto.source, this.config.limits.maxSourceBytes);
    if (me.role !== 'admin') await this.limiter.hit(`run:${me.id}`, this.config.rateLimits.submitPerMin, 60, 'runs');
    const stdin = Buffer.from(dto.stdin ?? '', 'utf8');
    if (stdin.length > this.config.limits.maxStdinBytes) {
      throw new ApiError(
        413,
        'STDIN_TOO_LARGE',
        `stdin is ${stdin.length} bytes; the limit is ${this.config.limits.maxStdinBytes}`,
      );
    }
    const run = await this.runs.save(
      this.runs.create({ userId: me.id, language: dto.language, source: dto.source, stdin, status: 'queued' }),
    );
    this.events ??= new QueueEvents(JUDGE_QUEUE, { connection: createRedis(this.config.redisUrl) });
    let job;
    try {
      job = await this.queue.add(JOB_NAMES.runCode, { runId: run.id }, jobOptions(run.id, 2));
    } catch {
      throw new ApiError(503, 'QUEUE_UNAVAILABLE', 'The judge queue is unavailable; try again shortly');
    }
    await job.waitUntilFinished(this.events, this.config.runWaitMs).catch(() => undefined);
    const done = await this.runs.findOneByOrFail({ id: run.id });
    if (done.status !== 'done' || !done.result) {
      throw new ApiError(
        503,
        'NO_WORKER',
        `No worker finished the run within ${this.config.runWaitMs} ms; try again shortly`,
      );
    }
    return done.result;
  }

  async onModuleDestroy(): Promise<void> {
    await this.events?.close();
  }
}
