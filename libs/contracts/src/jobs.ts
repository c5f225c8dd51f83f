import { z } from 'zod';

/** Never rename these values: queued jobs in Redis refer to them. */
export const JUDGE_QUEUE = 'judge';

export const JOB_NAMES = {
  judgeSubmission: 'judge-submission',
  runCode: 'run-code',
  deliverWebhook: 'deliver-webhook',
  verifyProblem: 'verify-problem',
} as const;
export type JobName = (typeof JOB_NAMES)[keyof typeof JOB_NAMES];

export const judgeSubmissionPayload = z.object({ submissionId: z.string().uuid() }).strict();
export const runCodePayload = z.object({ runId: z.string().uuid() }).strict();
export const deliverWebhookPayload = z.object({ submissionId: z.string().uuid() }).strict();
/** Runs a problem's reference solutions as `userId` (who asked); one verification per problem at a time. */
export const verifyProblemPayload = z.object({ problemId: z.string().uuid(), userId: z.string().uuid() }).strict();

export type JudgeSubmissionPayload = z.infer<typeof judgeSubmissionPayload>;
export type RunCodePayload = z.infer<typeof runCodePayload>;

export const JOB_PAYLOADS: Record<JobName, z.ZodTypeAny> = {
  [JOB_NAMES.judgeSubmission]: judgeSubmissionPayload,
  [JOB_NAMES.runCode]: runCodePayload,
  [JOB_NAMES.deliverWebhook]: deliverWebhookPayload,
  [JOB_NAMES.verifyProblem]: verifyProblemPayload,
};

/** The job id of a problem's verification (so a second request while one runs is not queued twice). */
export const verifyJobId = (problemId: string) => `verify-${problemId}`;

/** Redis key prefix under which each worker announces itself (with a TTL) for /health. */
export const WORKER_HEARTBEAT_PREFIX = 'bastion:worker:';
export const WORKER_HEARTBEAT_TTL_S = 15;

/**
 * Options for every job: the job id is the submission's (or run's) id, so enqueuing twice is a no-op;
 * finished jobs are removed, so the reconciler can enqueue a lost submission again under the same id.
 */
export function jobOptions(jobId: string, attempts: number, backoffMs = 2000) {
  return {
    jobId,
    attempts,
    backoff: { type: 'exponential', delay: backoffMs },
    removeOnComplete: true,
    removeOnFail: true,
  };
}
