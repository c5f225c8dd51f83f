import { ProblemEntity } from './problem.entity';
import { RunEntity } from './run.entity';
import { SubmissionEntity } from './submission.entity';
import { TestCaseEntity } from './test-case.entity';
import { TestResultEntity } from './test-result.entity';
import { UserEntity } from './user.entity';

export { ProblemEntity, RunEntity, SubmissionEntity, TestCaseEntity, TestResultEntity, UserEntity };
export type { RunResult } from './run.entity';
export type { TestKind } from './test-case.entity';

export const ENTITIES = [UserEntity, ProblemEntity, TestCaseEntity, SubmissionEntity, TestResultEntity, RunEntity];
