import { Module } from '@nestjs/common';
import { ProblemsModule } from '../problems/problems.module';
import { QueueModule } from '../queue.module';
import { SubmissionsController } from './submissions.controller';
import { SubmissionEventsService } from './submission-events.service';
import { SubmissionsService } from './submissions.service';

@Module({
  imports: [ProblemsModule, QueueModule],
  controllers: [SubmissionsController],
  providers: [SubmissionsService, SubmissionEventsService],
})
export class SubmissionsModule {}
