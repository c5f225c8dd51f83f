import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { BASTION_CONFIG, BastionConfig, ConfigModule } from '@bastion/config';
import { JUDGE_QUEUE } from '@bastion/contracts';
import { createRedis, DbModule, RedisModule } from '@bastion/db';
import { HeartbeatService } from './health/heartbeat.service';
import { ReconcilerService } from './health/reconciler.service';
import { JudgeProcessor } from './judge.processor';
import { JudgeService } from './judging/judge.service';
import { SecurityCheckService } from './judging/security-check.service';
import { TestDataCache } from './judging/test-data.cache';
import { VerifyService } from './judging/verify.service';
import { RunService } from './runs/run.service';
import { DockerProvider } from './sandbox/docker.provider';
import { PoolService } from './sandbox/pool.service';
import { WebhookService } from './webhooks/webhook.service';

@Module({
  imports: [
    ConfigModule,
    DbModule,
    RedisModule,
    BullModule.forRootAsync({
      inject: [BASTION_CONFIG],
      useFactory: (c: BastionConfig) => ({ connection: createRedis(c.redisUrl) }),
    }),
    BullModule.registerQueue({ name: JUDGE_QUEUE }),
  ],
  providers: [
    DockerProvider,
    PoolService,
    TestDataCache,
    JudgeService,
    SecurityCheckService,
    RunService,
    VerifyService,
    WebhookService,
    JudgeProcessor,
    HeartbeatService,
    ReconcilerService,
  ],
})
export class WorkerModule {}
