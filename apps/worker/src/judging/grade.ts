import type { GroupScore, ProblemScoring, Verdict } from '@bastion/contracts';
import type { TestKind } from '@bastion/db';
import { aggregate, scoreByGroups } from '@bastion/judging';
import { attackFinding, combinedScore, Finding, SecurityPolicy } from '@bastion/security';
import type { NewResult } from './run-tests';

export interface FunctionalGrade {
  verdict: Verdict;
  score: number;
  maxScore: number;
  groups: GroupScore[] | null;
}

/**
 * The functional grade of a submission's test results: a scoring problem scores by its test groups;
 * a pass-fail one by the share of test points earned, attack tests aside (they count on the
 * security axis). A test's points come from its case (1 if unknown).
 */
export function gradeTests(
  scoring: ProblemScoring | null,
  points: ReadonlyMap<string, number>,
  results: readonly NewResult[],
): FunctionalGrade {
  const graded = results.map((r) => ({ ...r, kind: r.kind as TestKind, points: points.get(r.testCaseId) ?? 1 }));
  if (scoring?.type === 'scoring') return scoreByGroups(scoring, graded);
  return { ...aggregate(graded.filter((r) => r.kind !== 'attack')), groups: null };
}

/** The attack tests that did not pass, as security findings (one that printed forbidden output says so). */
export function attackFindings(
  results: readonly NewResult[],
  printedForbidden: ReadonlySet<string>,
  sourceFile: string,
): Finding[] {
  return results
    .filter((r) => r.kind === 'attack' && r.verdict !== 'AC')
    .map((r) => attackFinding(r.name, r.verdict, printedForbidden.has(r.testCaseId), sourceFile));
}

/** The score stored: the functional one, combined with the security score by the policy's weight when analysed. */
export function finalScore(functional: number, security: { score: number } | null, policy: SecurityPolicy): number {
  return security ? combinedScore(functional, security.score, policy.weight) : functional;
}
