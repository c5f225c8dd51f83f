import { Verdict } from '@bastion/contracts';

export interface ScoredTest {
  verdict: Verdict;
  points: number;
}

export interface Outcome {
  verdict: Verdict;
  score: number;
  maxScore: number;
}

export const MAX_SCORE = 100;

/**
 * Overall verdict: AC when every test is AC, otherwise the first failing test's verdict (as Kattis).
 * Score: the share of test points earned, scaled to MAX_SCORE and rounded to two decimals.
 */
export function aggregate(tests: ScoredTest[]): Outcome {
  if (tests.length === 0) return { verdict: 'IE', score: 0, maxScore: MAX_SCORE };
  const failed = tests.find((t) => t.verdict !== 'AC');
  const total = tests.reduce((s, t) => s + t.points, 0);
  const earned = tests.filter((t) => t.verdict === 'AC').reduce((s, t) => s + t.points, 0);
  const score = total > 0 ? Math.round((earned / total) * MAX_SCORE * 100) / 100 : 0;
  return { verdict: failed ? failed.verdict : 'AC', score, maxScore: MAX_SCORE };
}
