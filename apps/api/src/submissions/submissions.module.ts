import { Module } from '@nestjs/common';
import { CoursesModule } from '../courses/courses.module';
import { ProblemsModule } from '../problems/problems.module';
import { QueueModule } from '../queue.module';
import { RejudgeController } from './rejudge.controller';
import { RejudgeService } from './rejudge.service';
import { SubmissionsController } from './submissions.controller';
import { SubmissionEventsService } from './submission-events.service';
import { SubmissionsService } from './submissions.service';

@Module({
  imports: [ProblemsModule, QueueModule, CoursesModule],
  controllers: [SubmissionsController, RejudgeController],
  providers: [SubmissionsService, SubmissionEventsService, RejudgeService],
})
export class SubmissionsModule {}
