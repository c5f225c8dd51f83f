import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { BASTION_CONFIG, BastionConfig } from '@bastion/config';
import { JUDGE_QUEUE } from '@bastion/contracts';
import { createRedis } from '@bastion/db';

/** The judge queue, as a producer: the API only enqueues ids. */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [BASTION_CONFIG],
      useFactory: (c: BastionConfig) => ({ connection: createRedis(c.redisUrl) }),
    }),
    BullModule.registerQueue({ name: JUDGE_QUEUE }),
  ],
  exports: [BullModule],
})
export class QueueModule {}
