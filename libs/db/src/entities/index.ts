import { ApiTokenEntity } from './api-token.entity';
import { ProblemEntity } from './problem.entity';
import { RunEntity } from './run.entity';
import { SubmissionEntity } from './submission.entity';
import { TestCaseEntity } from './test-case.entity';
import { TestResultEntity } from './test-result.entity';
import { UserEntity } from './user.entity';
import { WebhookDeliveryEntity } from './webhook-delivery.entity';

export {
  ApiTokenEntity,
  ProblemEntity,
  RunEntity,
  SubmissionEntity,
  TestCaseEntity,
  TestResultEntity,
  UserEntity,
  WebhookDeliveryEntity,
};
export type { RunResult } from './run.entity';
export type { TestKind } from './test-case.entity';

export const ENTITIES = [
  ApiTokenEntity,
  UserEntity,
  ProblemEntity,
  TestCaseEntity,
  SubmissionEntity,
  TestResultEntity,
  RunEntity,
  WebhookDeliveryEntity,
];
export { TOKEN_SCOPES } from './api-token.entity';
export type { TokenScope } from './api-token.entity';
