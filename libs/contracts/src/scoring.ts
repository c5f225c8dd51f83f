import type { Verdict } from './verdicts';

/** How a test group combines its tests and sub-groups: `sum` adds them up, `min` is all or nothing. */
export type Aggregation = 'sum' | 'min';

/** One test group (a folder under data/, e.g. `secret/group1`) and how it scores. */
export interface GroupRule {
  path: string;
  aggregation: Aggregation;
  /** The group's points when the package gives them; otherwise the sum of what is inside. */
  score: number | null;
}

/**
 * How a problem turns per-test verdicts into a score. `pass-fail` (the default): the share of test
 * points earned. `scoring`: by test groups, as the Kattis package's testdata.yaml files say.
 */
export interface ProblemScoring {
  type: 'pass-fail' | 'scoring';
  /** Samples earn nothing (Kattis `ignore_sample`; the default for scoring problems). */
  ignoreSamples: boolean;
  groups: GroupRule[];
}

/** A group's result on one submission. */
export interface GroupScore {
  name: string;
  score: number;
  maxScore: number;
  verdict: Verdict;
}

/** The expectation of a reference solution, from the folder it sits in (`submissions/<folder>/`). */
export type ExpectedOutcome = Verdict | 'rejected' | 'partial' | 'any';

const FOLDERS: Record<string, ExpectedOutcome> = {
  accepted: 'AC',
  wrong_answer: 'WA',
  time_limit_exceeded: 'TLE',
  run_time_error: 'RE',
  runtime_error: 'RE',
  memory_limit_exceeded: 'MLE',
  output_limit_exceeded: 'OLE',
  compile_error: 'CE',
  rejected: 'rejected',
  partially_accepted: 'partial',
};

/** `submissions/wrong_answer/x.py` → WA; folders Bastion does not know are reported, never checked. */
export function expectedFromFolder(folder: string): ExpectedOutcome {
  return FOLDERS[folder.toLowerCase()] ?? 'any';
}

/**
 * Whether a result meets a reference solution's expectation (null when nothing is expected).
 * `partial` (Kattis `partially_accepted`, scoring problems): some points, not all.
 */
export function meetsExpectation(expected: ExpectedOutcome, verdict: Verdict, score?: number | null): boolean | null {
  if (expected === 'any') return null;
  if (expected === 'rejected') return verdict !== 'AC' && verdict !== 'IE';
  if (expected === 'partial') return verdict !== 'IE' && score != null && score > 0 && score < 100;
  return verdict === expected;
}
