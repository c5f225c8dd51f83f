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

/**
 * A submission's status changes, stored and published in order, each after the one before, while
 * the judging goes on beside them: the compiler does not wait for `compiling` to be stored. A
 * failed change fails done() (the judging's attempt); settled() only waits.
 */
export class StatusLine<S extends string = string> {
  private last: Promise<void> = Promise.resolve();
  private failure: Error | undefined;

  constructor(private readonly write: (status: S) => Promise<void>) {}

  set(status: S): void {
    this.last = this.last.then(async () => {
      if (this.failure) return; // after a failure nothing later is written
      try {
        await this.write(status);
      } catch (e) {
        this.failure = e instanceof Error ? e : new Error(String(e));
      }
    });
  }

  /** Every change so far is written; throws the first that failed. */
  async done(): Promise<void> {
    await this.last;
    if (this.failure) throw this.failure;
  }

  /** Every change so far is written or failed. */
  settled(): Promise<void> {
    return this.last;
  }
}

/** A promise's outcome as a value, so it can be awaited later (and more than once) without an unhandled rejection. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
export const settle = <T>(p: Promise<T>): Promise<Settled<T>> =>
  p.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
export function unwrap<T>(s: Settled<T>): T {
  if (s.ok) return s.value;
  throw s.error;
}
