import { ApiTokenEntity } from './api-token.entity';
import { AssignmentEntity, AssignmentProblemEntity } from './assignment.entity';
import { CourseEntity, CourseMemberEntity } from './course.entity';
import { ProblemEntity } from './problem.entity';
import { ProblemSolutionEntity } from './problem-solution.entity';
import { RunEntity } from './run.entity';
import { SubmissionEntity } from './submission.entity';
import { TestCaseEntity } from './test-case.entity';
import { TestResultEntity } from './test-result.entity';
import { UserEntity } from './user.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';

export {
  ApiTokenEntity,
  AssignmentEntity,
  AssignmentProblemEntity,
  CourseEntity,
  CourseMemberEntity,
  ProblemEntity,
  ProblemSolutionEntity,
  RunEntity,
  SubmissionEntity,
  TestCaseEntity,
  TestResultEntity,
  UserEntity,
  WebhookDeliveryEntity,
};
export type { RunResult } from './run.entity';
export type { TestKind } from './test-case.entity';
export type { TimeLimitSource, Verification, VerifiedSolution } from './problem.entity';

export const ENTITIES = [
  ApiTokenEntity,
  UserEntity,
  ProblemEntity,
  ProblemSolutionEntity,
  TestCaseEntity,
  SubmissionEntity,
  TestResultEntity,
  RunEntity,
  WebhookDeliveryEntity,
  CourseEntity,
  CourseMemberEntity,
  AssignmentEntity,
  AssignmentProblemEntity,
];
export { TOKEN_SCOPES } from './api-token.entity';
export type { TokenScope } from './api-token.entity';
export { COURSE_ROLES } from './course.entity';
export type { CourseRole } from './course.entity';
export type { LatePolicyValue, ScoreboardMode } from './assignment.entity';
