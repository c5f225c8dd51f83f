import { Module } from '@nestjs/common';
import { ConfigModule } from '@bastion/config';
import { DbModule, RedisModule } from '@bastion/db';
import { AuthModule } from './auth/auth.module';
import { CommonModule } from './common/common.module';
import { TokensModule } from './tokens/tokens.module';
import { HealthController } from './health/health.controller';
import { LanguagesController } from './languages/languages.controller';
import { MetricsModule } from './metrics/metrics.module';
import { ProblemsModule } from './problems/problems.module';
import { RunsModule } from './runs/runs.module';
import { SubmissionsModule } from './submissions/submissions.module';
import { UsersModule } from './users/users.module';

import { CoursesModule } from './courses/courses.module';

@Module({
  imports: [
    ConfigModule,
    DbModule,
    RedisModule,
    CommonModule,
    AuthModule,
    TokensModule,
    UsersModule,
    ProblemsModule,
    CoursesModule,
    SubmissionsModule,
    RunsModule,
    MetricsModule,
  ],
  controllers: [HealthController, LanguagesController],
})
export class AppModule {}
