/**
 * The rules of an assignment, as pure functions of times and scores: when a submission may be made,
 * what lateness costs, which submission counts, how a scoreboard orders a class. Times are instants
 * (UTC); a submission's time is when the API accepted it, never when it was judged.
 */

/** What lateness costs: a share of the score per started day or hour after the deadline, up to a hard cutoff. */
export interface LatePolicy {
  per: 'day' | 'hour';
  /** Percent of the score taken per started unit (0–100). */
  penaltyPercent: number;
  /** No submission counts after this instant; null: none (the penalty reaches 100% in time). */
  cutoffAt: string | null;
}

export interface AssignmentWindow {
  opensAt: Date;
  closesAt: Date;
  /** null: nothing counts after the deadline. */
  latePolicy: LatePolicy | null;
  /** After the last instant that counts, submissions are still judged, as practice (not graded). */
  practiceAfterCutoff: boolean;
}

export type Timing =
  | { kind: 'not-open' }
  | { kind: 'on-time' }
  | { kind: 'late'; units: number; penaltyPercent: number }
  | { kind: 'practice' }
  | { kind: 'closed' };

const UNIT_MS = { day: 86_400_000, hour: 3_600_000 } as const;

/** The last instant at which a submission still counts. */
export function lastCountingInstant(w: AssignmentWindow): Date | null {
  if (!w.latePolicy) return w.closesAt;
  return w.latePolicy.cutoffAt ? new Date(w.latePolicy.cutoffAt) : null;
}

/** How a submission accepted at `at` stands: the deadline itself is on time, each started unit after it is late. */
export function timing(w: AssignmentWindow, at: Date): Timing {
  const t = at.getTime();
  if (t < w.opensAt.getTime()) return { kind: 'not-open' };
  if (t <= w.closesAt.getTime()) return { kind: 'on-time' };
  const last = lastCountingInstant(w);
  if (w.latePolicy && (last === null || t <= last.getTime())) {
    const units = Math.ceil((t - w.closesAt.getTime()) / UNIT_MS[w.latePolicy.per]);
    return { kind: 'late', units, penaltyPercent: Math.min(100, units * w.latePolicy.penaltyPercent) };
  }
  return w.practiceAfterCutoff ? { kind: 'practice' } : { kind: 'closed' };
}

/** A score (0–100) after a late penalty, to two decimals. */
export function afterPenalty(score: number, penaltyPercent: number): number {
  return Math.round(score * (100 - penaltyPercent)) / 100;
}

/** One graded submission of a student to one problem of an assignment. */
export interface GradedAttempt {
  id: string;
  createdAt: Date;
  /** null while it is being judged. */
  score: number | null;
  penaltyPercent: number;
  accepted: boolean;
  /** Functionally right (every test passed) but found vulnerable. */
  vulnerable: boolean;
}

export type Counting = 'best' | 'last';

/**
 * The submission that counts: `best` is the highest score after penalty (the earlier of equals),
 * `last` the latest submitted, even while it is still being judged (its score is then unknown).
 */
export function counted(attempts: GradedAttempt[], how: Counting): GradedAttempt | null {
  if (attempts.length === 0) return null;
  const byTime = [...attempts].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id),
  );
  if (how === 'last') return byTime[byTime.length - 1];
  let best: GradedAttempt | null = null;
  for (const a of byTime) {
    if (a.score === null) continue;
    if (!best || afterPenalty(a.score, a.penaltyPercent) > afterPenalty(best.score!, best.penaltyPercent)) best = a;
  }
  return best ?? byTime[byTime.length - 1];
}

export type ProblemStatus = 'not-tried' | 'tried' | 'accepted' | 'accepted-vulnerable';

/** A student's standing on one problem from all their graded attempts. */
export function problemStatus(attempts: GradedAttempt[]): ProblemStatus {
  if (attempts.length === 0) return 'not-tried';
  if (attempts.some((a) => a.accepted)) return 'accepted';
  if (attempts.some((a) => a.vulnerable)) return 'accepted-vulnerable';
  return 'tried';
}

/** Points earned on a problem worth `points`: the counted score after its penalty, as a share. */
export function pointsEarned(c: GradedAttempt | null, points: number): number {
  if (!c || c.score === null) return 0;
  return Math.round(points * afterPenalty(c.score, c.penaltyPercent)) / 100;
}

/** One student's submissions on a scoreboard: every graded attempt, with the problem it was for. */
export interface ScoreboardAttempt {
  problem: string;
  createdAt: Date;
  accepted: boolean;
  score: number | null;
}

export interface ScoreboardRow {
  rank: number;
  student: string;
  solved: number;
  /** ICPC: minutes to each first accepted submission plus `penaltyMinutes` per rejected one before it. */
  penalty: number;
  /** Scoring: the sum of each problem's best score. */
  score: number;
  problems: Record<string, { attempts: number; solvedAtMinute: number | null; best: number }>;
}

/**
 * The class ranked, ICPC style (solved problems, then penalty minutes; pending attempts ignored,
 * attempts after the first accepted one ignored) or by score (the sum of best scores, then the
 * minute of the last improvement). Equal rows share a rank; ties are listed by name.
 */
export function scoreboard(
  students: { id: string; name: string; attempts: ScoreboardAttempt[] }[],
  opts: { startsAt: Date; by: 'icpc' | 'score'; penaltyMinutes?: number },
): ScoreboardRow[] {
  const penaltyMinutes = opts.penaltyMinutes ?? 20;
  const minute = (d: Date) => Math.floor((d.getTime() - opts.startsAt.getTime()) / 60_000);
  const rows = students.map((s) => {
    const problems: ScoreboardRow['problems'] = {};
    let solved = 0;
    let penalty = 0;
    let score = 0;
    let lastImprovement = 0;
    const byProblem = new Map<string, ScoreboardAttempt[]>();
    for (const a of s.attempts) {
      if (a.score === null) continue; // still being judged
      byProblem.set(a.problem, [...(byProblem.get(a.problem) ?? []), a]);
    }
    for (const [problem, list] of byProblem) {
      list.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
      const firstAc = list.findIndex((a) => a.accepted);
      let best = 0;
      for (const a of list) {
        if ((a.score ?? 0) > best) {
          best = a.score ?? 0;
          lastImprovement = Math.max(lastImprovement, minute(a.createdAt));
        }
      }
      const solvedAtMinute = firstAc >= 0 ? minute(list[firstAc].createdAt) : null;
      if (solvedAtMinute !== null) {
        solved++;
        penalty += solvedAtMinute + penaltyMinutes * firstAc;
      }
      score += best;
      problems[problem] = { attempts: firstAc >= 0 ? firstAc + 1 : list.length, solvedAtMinute, best };
    }
    return { student: s.name, solved, penalty, score, problems, tiebreak: lastImprovement };
  });
  const key = (r: (typeof rows)[number]) =>
    opts.by === 'icpc' ? [-r.solved, r.penalty] : [-r.score, r.score > 0 ? r.tiebreak : 0];
  const cmp = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1];
  rows.sort((a, b) => cmp(key(a), key(b)) || a.student.localeCompare(b.student));
  return rows.map((r, i) => {
    let rank = i + 1;
    for (let j = i - 1; j >= 0 && cmp(key(rows[j]), key(r)) === 0; j--) rank = j + 1;
    const { tiebreak: _, ...row } = r;
    return { rank, ...row };
  });
}
