import { ApiError, json, type Problem } from './api';
// The policy's shape and defaults are the server's own (libs/security), so the form cannot drift from them.
import { SEVERITIES, type Severity } from '../../../libs/security/src/findings';
import { DEFAULT_POLICY, type SecurityPolicy } from '../../../libs/security/src/policy-shape';

/** Instructor-side API: authoring problems and their tests, verification, rejudging, security overview. */

export type TestKind = 'sample' | 'secret' | 'attack';
export const TEST_KINDS: TestKind[] = ['sample', 'secret', 'attack'];

export interface TestSummary {
  id: string;
  ordinal: number;
  name: string;
  kind: TestKind;
  points: number | null;
  inputBytes: number;
  answerBytes: number;
  checkAnswer: boolean;
  forbidden: string[];
}
export interface TestCase extends TestSummary {
  input: string;
  answer: string;
}
/** A test as the author writes it (also the body of POST and PUT). */
export interface TestDraft {
  name: string;
  kind: TestKind;
  input: string;
  /** null: no answer to compare with (attack tests only: a crash or forbidden output fails them). */
  answer: string | null;
  points?: number | null;
  forbidden?: string[];
}

export type BuiltinCheckerType = 'tokens' | 'exact' | 'case-insensitive' | 'float';
export const CHECKER_TYPES: BuiltinCheckerType[] = ['tokens', 'exact', 'case-insensitive', 'float'];
export type Checker =
  | { type: 'tokens' | 'exact' | 'case-insensitive' }
  | { type: 'float'; absTol: number; relTol: number }
  | { type: 'custom'; language?: string };

export { DEFAULT_POLICY };
export type { SecurityPolicy, Severity };
export const FAIL_ON: (Severity | 'none')[] = ['none', ...SEVERITIES];
/** A name the policy accepts in bannedApis and the disabled rules (as parsePolicy checks it). */
export const POLICY_NAME = /^[A-Za-z_][\w.:-]{0,100}$/;

/** The problem as its author sees it: the public view plus checker, policy and scoring type. */
export interface AuthoredProblem extends Problem {
  checker?: Checker;
  security?: SecurityPolicy;
  type?: 'pass-fail' | 'scoring';
  timeLimitSource?: string | null;
}

export interface ProblemFields {
  name: string;
  statement: string;
  timeLimitMs: number;
  memoryLimitMb: number;
  outputLimitBytes?: number;
  checker?: Checker;
  security?: SecurityPolicy;
}
export interface NewProblem extends ProblemFields {
  slug: string;
  tests: TestDraft[];
}

export interface VerifiedSolution {
  path: string;
  /** null when the file's language is not one Bastion runs (the solution is listed, not run). */
  language: string | null;
  /** A verdict (AC, WA, TLE, RE…), 'rejected' (any verdict but AC), 'partial' (some points) or 'any' (no expectation). */
  expected: string;
  score?: number | null;
  verdict: string | null;
  timeMs: number | null;
  ok: boolean | null;
  submissionId: string | null;
  note?: string | null;
}
export interface Verification {
  status: 'running' | 'done' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  timeLimitMs: number | null;
  timeLimitSource: string | null;
  ok: boolean | null;
  solutions: VerifiedSolution[];
  error?: string | null;
}

export interface CweStat {
  cwe: string | number;
  name: string | null;
  submissions: number;
  students: number;
  fixedLater: number;
}
export interface SecurityOverview {
  submissions: number;
  students: number;
  cwes: CweStat[];
}

/** The API stores a test's name under its kind's folder (`secret/big-1`); the form shows the rest. */
export function shortTestName(name: string): string {
  const [first, ...rest] = name.split('/');
  return rest.length && (TEST_KINDS as string[]).includes(first) ? rest.join('/') : name;
}

const at = (slug: string) => `/problems/${encodeURIComponent(slug)}`;
/** `?confirm=true`: make a judging change although the problem is in an open assignment. */
const confirmed = (yes?: boolean) => (yes ? '?confirm=true' : '');

/**
 * Makes a change to how a problem is judged. When the problem is in an assignment students are
 * submitting to, the API refuses it (409 PROBLEM_IN_OPEN_ASSIGNMENT, naming the assignments):
 * `ask` shows that and, if the author agrees, the change is sent again, confirmed. A refusal by the
 * author is an ApiError with the API's message, so the form shows why nothing changed.
 */
export async function changeJudging<T>(
  change: (confirm: boolean) => Promise<T>,
  ask: (message: string) => boolean,
): Promise<T> {
  try {
    return await change(false);
  } catch (e) {
    if (!(e instanceof ApiError) || e.code !== 'PROBLEM_IN_OPEN_ASSIGNMENT' || !ask(e.message)) throw e;
    return change(true);
  }
}

export const authoring = {
  problem: (slug: string, signal?: AbortSignal) => json<AuthoredProblem>('GET', at(slug), undefined, signal),
  create: (p: NewProblem) => json<AuthoredProblem>('POST', '/problems', p),
  update: (slug: string, p: Partial<ProblemFields>, confirm?: boolean) =>
    json<AuthoredProblem>('PATCH', `${at(slug)}${confirmed(confirm)}`, p),

  tests: (slug: string, signal?: AbortSignal) => json<TestSummary[]>('GET', `${at(slug)}/tests`, undefined, signal),
  test: async (slug: string, id: string): Promise<TestDraft> => {
    const t = await json<TestCase>('GET', `${at(slug)}/tests/${encodeURIComponent(id)}`);
    return {
      name: shortTestName(t.name),
      kind: t.kind,
      input: t.input,
      answer: t.checkAnswer === false ? null : t.answer,
      points: t.points,
      forbidden: t.forbidden,
    };
  },
  addTest: (slug: string, t: TestDraft, confirm?: boolean) =>
    json<TestSummary>('POST', `${at(slug)}/tests${confirmed(confirm)}`, t),
  updateTest: (slug: string, id: string, t: TestDraft, confirm?: boolean) =>
    json<TestSummary>('PUT', `${at(slug)}/tests/${encodeURIComponent(id)}${confirmed(confirm)}`, t),
  deleteTest: (slug: string, id: string, confirm?: boolean) =>
    json<void>('DELETE', `${at(slug)}/tests/${encodeURIComponent(id)}${confirmed(confirm)}`),

  verify: (slug: string) => json<Verification>('POST', `${at(slug)}/verify`),
  verification: (slug: string, signal?: AbortSignal) =>
    json<Verification>('GET', `${at(slug)}/verify`, undefined, signal),

  rejudge: (id: string) =>
    json<{ id: string; status: string }>('POST', `/submissions/${encodeURIComponent(id)}/rejudge`),
  rejudgeAll: (slug: string) => json<{ count: number; skipped?: number }>('POST', `${at(slug)}/rejudge`),

  securityOverview: (slug: string, signal?: AbortSignal) =>
    json<SecurityOverview>('GET', `${at(slug)}/security-overview`, undefined, signal),
};
