import { GroupScore, ProblemScoring, Verdict } from '@bastion/contracts';

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

export interface GroupedTest {
  /** The test's path under data/, e.g. `secret/group1/03`: its group is the folder. */
  name: string;
  kind: 'sample' | 'secret' | 'attack';
  verdict: Verdict;
  points: number;
}

interface Node {
  earned: number;
  max: number;
  verdict: Verdict;
}

const parentOf = (path: string) => (path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '');
const natural = new Intl.Collator('en', { numeric: true }).compare;
const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Scores a `scoring` problem by test groups. A group adds up its tests and sub-groups (`sum`) or gives
 * its points only when everything in it is accepted (`min`, as a subtask); a group with its own
 * points scales what it holds to them. Samples count only when the problem says so; attack tests
 * never count (they are the security part). The score is the share of points earned, out of 100.
 */
export function scoreByGroups(scoring: ProblemScoring, tests: GroupedTest[]): Outcome & { groups: GroupScore[] } {
  const counted = tests.filter((t) => t.kind === 'secret' || (t.kind === 'sample' && !scoring.ignoreSamples));
  const rules = new Map(scoring.groups.map((g) => [g.path, g]));
  const children = new Map<string, Set<string>>();
  const direct = new Map<string, GroupedTest[]>();
  for (const t of counted) {
    let group = parentOf(t.name);
    direct.set(group, [...(direct.get(group) ?? []), t]);
    while (group !== '') {
      const up = parentOf(group);
      children.set(up, (children.get(up) ?? new Set()).add(group));
      group = up;
    }
  }
  const nodes = new Map<string, Node>();
  const visit = (path: string): Node => {
    const items: Node[] = [
      ...(direct.get(path) ?? []).map((t) => ({
        earned: t.verdict === 'AC' ? t.points : 0,
        max: t.points,
        verdict: t.verdict,
      })),
      ...[...(children.get(path) ?? [])].sort(natural).map(visit),
    ];
    const verdict = items.find((i) => i.verdict !== 'AC')?.verdict ?? 'AC';
    const rule = rules.get(path);
    let node: Node;
    if (rule?.aggregation === 'min') {
      const max = Math.max(0, ...items.map((i) => i.max));
      const share = Math.min(1, ...items.filter((i) => i.max > 0).map((i) => i.earned / i.max));
      node = { earned: max * share, max, verdict };
    } else {
      node = {
        earned: items.reduce((s, i) => s + i.earned, 0),
        max: items.reduce((s, i) => s + i.max, 0),
        verdict,
      };
    }
    if (rule?.score != null) {
      node = { earned: node.max > 0 ? (node.earned / node.max) * rule.score : 0, max: rule.score, verdict };
    }
    nodes.set(path, node);
    return node;
  };
  const root = visit('');
  const failed = tests.filter((t) => t.kind !== 'attack').find((t) => t.verdict !== 'AC');
  const groups = [...nodes]
    .filter(([path, n]) => path !== '' && n.max > 0)
    .sort(([a], [b]) => natural(a, b))
    .map(([name, n]) => ({ name, score: round2(n.earned), maxScore: round2(n.max), verdict: n.verdict }));
  return {
    verdict: tests.length === 0 ? 'IE' : failed ? failed.verdict : 'AC',
    score: root.max > 0 ? round2((root.earned / root.max) * MAX_SCORE) : 0,
    maxScore: MAX_SCORE,
    groups,
  };
}
