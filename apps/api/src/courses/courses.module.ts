import { Module } from '@nestjs/common';
import { ProblemsModule } from '../problems/problems.module';
import { UsersModule } from '../users/users.module';
import { AssignmentsService } from './assignments.service';
import { CourseAccess } from './course-access';
import { AssignmentsController, CoursesController } from './courses.controller';
import { CoursesService } from './courses.service';

@Module({
  imports: [ProblemsModule, UsersModule],
  controllers: [CoursesController, AssignmentsController],
  providers: [CourseAccess, CoursesService, AssignmentsService],
  exports: [AssignmentsService, CourseAccess],
})
export class CoursesModule {}
