/** Per-test and overall verdicts, as in the design. */
export const VERDICTS = ['AC', 'WA', 'TLE', 'MLE', 'OLE', 'RE', 'CE', 'IE'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const VERDICT_NAMES: Record<Verdict, string> = {
  AC: 'Accepted',
  WA: 'Wrong Answer',
  TLE: 'Time Limit Exceeded',
  MLE: 'Memory Limit Exceeded',
  OLE: 'Output Limit Exceeded',
  RE: 'Runtime Error',
  CE: 'Compilation Error',
  IE: 'Internal Error',
};

export const SUBMISSION_STATUSES = ['queued', 'compiling', 'analyzing', 'running', 'done', 'failed'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
/** A worker has taken the submission and holds its lease (JUDGING_LEASE_RENEW_MS). */
export const IN_PROGRESS = ['compiling', 'analyzing', 'running'] as const satisfies readonly SubmissionStatus[];
/**
 * How often a judging worker renews a submission's lease (its `updated_at`). The reconciler takes
 * a submission with no live queue job back after BASTION_RECONCILE_AFTER_S without a renewal.
 */
export const JUDGING_LEASE_RENEW_MS = 5000;

/** Outcome of a one-off run (POST /runs): there is no answer to compare with, so no AC/WA. */
export const RUN_VERDICTS = ['OK', 'TLE', 'MLE', 'OLE', 'RE', 'CE', 'IE'] as const;
export type RunVerdict = (typeof RUN_VERDICTS)[number];

export const ROLES = ['admin', 'instructor', 'student'] as const;
export type Role = (typeof ROLES)[number];
