import type { ProgressEvent } from '@bastion/db';

/**
 * Where a judging's progress goes: the submission's live events (SSE subscribers) and, once it is
 * over, its webhook. Verification judges reference solutions through the same pipeline with
 * QUIET_PROGRESS: nobody is watching them and nothing is to be notified.
 */
export interface JudgeProgress {
  publish(event: ProgressEvent): Promise<void>;
  /** The judging is over (done or IE). */
  finished(): Promise<void>;
}

export const QUIET_PROGRESS: JudgeProgress = {
  publish: async () => undefined,
  finished: async () => undefined,
};
