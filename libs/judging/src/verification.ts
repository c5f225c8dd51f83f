/** Time limit of a problem whose package gives none and whose reference solutions cannot tell. */
export const DEFAULT_TIME_LIMIT_MS = 1000;
/** The limit accepted reference solutions run under while a missing time limit is being measured. */
export const MEASURING_TIME_LIMIT_MS = 10_000;

/**
 * problemtools' rule for a package that gives no time limit: the slowest accepted reference
 * solution's CPU time (on its slowest test) times the package's multiplier, rounded up to a whole
 * second, at least one second.
 */
export function deriveTimeLimitMs(slowestAcceptedMs: number, multiplier: number, maxMs = 60_000): number {
  const seconds = Math.max(1, Math.ceil((slowestAcceptedMs * multiplier) / 1000 - 1e-9));
  return Math.min(maxMs, seconds * 1000);
}
