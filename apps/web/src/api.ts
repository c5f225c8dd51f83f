import type { Translate } from './i18n';

export type Role = 'admin' | 'instructor' | 'student';
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
}
/** An account as admins see it (GET /users). */
export interface Account extends User {
  disabledAt: string | null;
  createdAt: string;
}
export interface AccountFilter {
  email?: string;
  role?: string;
  status?: string;
  limit?: number;
  offset?: number;
}
export type LocalizedText = string | Record<string, string>;
export interface ProblemSummary {
  id: string;
  slug: string;
  name: LocalizedText;
  timeLimitMs: number;
  memoryLimitMb: number;
  outputLimitBytes?: number;
  published?: boolean;
  tests?: number;
}
export interface Sample {
  name: string;
  input: string;
  answer: string;
}
export interface Problem extends ProblemSummary {
  statement: LocalizedText | null;
  /** Every statement the problem carries, by language code. */
  statements?: Record<string, string>;
  samples: Sample[];
  /** 'scoring': points per test group; 'pass-fail': all or nothing. */
  type?: 'pass-fail' | 'scoring';
  timeLimitSource?: string | null;
}
export interface Language {
  id: string;
  name: string;
  version: string;
}
export type RunVerdict = 'OK' | 'TLE' | 'MLE' | 'OLE' | 'RE' | 'CE' | 'IE';
export interface RunResult {
  verdict: RunVerdict;
  stdout: string;
  stderr: string;
  stdoutTruncated?: boolean;
  stderrTruncated?: boolean;
  exitCode: number | null;
  signal?: string | null;
  timeMs: number | null;
  memoryKb: number | null;
  compileOutput: string | null;
}
export type Verdict = 'AC' | 'WA' | 'TLE' | 'MLE' | 'OLE' | 'RE' | 'CE' | 'IE';
export type SubmissionStatus = 'queued' | 'compiling' | 'analyzing' | 'running' | 'done' | 'failed';
export interface TestResult {
  name: string;
  kind?: string;
  verdict: Verdict | string;
  timeMs: number | null;
  memoryKb: number | null;
  message?: string | null;
}
export interface SecurityFinding {
  tool?: string;
  ruleId?: string;
  cwe: string | number;
  cweName?: string | null;
  cweUrl?: string | null;
  severity: string;
  file?: string | null;
  line?: number | null;
  column?: number | null;
  message: string;
  fixHint?: string | null;
  /** What proved it: a run on a test (its name only), or a path through lines of the source. */
  evidence?: FindingEvidence | null;
}
export type EvidenceStepKind = 'input' | 'origin' | 'sink' | 'temp-name' | 'create' | 'pointer';
export type FindingEvidence =
  { kind: 'run'; test: string } | { kind: 'dataflow'; steps: { line: number; what: EvidenceStepKind | string }[] };
export interface SecurityReport {
  verdict?: 'secure' | 'vulnerable' | 'unanalysed' | string;
  score?: number | null;
  maxScore?: number | null;
  findings: SecurityFinding[];
}
/** A test group's share of the score (scoring problems). */
export interface GroupResult {
  name: string;
  score: number | null;
  maxScore: number | null;
  verdict: Verdict | string | null;
}
export interface Submission {
  id: string;
  problem: string;
  language: string;
  status: SubmissionStatus;
  verdict: Verdict | null;
  score: number | null;
  maxScore: number | null;
  tests: TestResult[];
  compileOutput: string | null;
  createdAt?: string;
  finishedAt?: string | null;
  problemName?: LocalizedText;
  /** How many tests (attack tests included) the submission runs, for "test 2 of 3". */
  testCount?: number;
  /** Functionally accepted and not vulnerable under the problem's policy. */
  accepted?: boolean;
  /** The security analysis; null until it has run. */
  security?: SecurityReport | null;
  /** Per test group, for problems scored by groups. */
  groups?: GroupResult[];
  /** The assignment it was submitted to, if any. */
  assignment?: { id: string; latePenaltyPercent: number | null; practice: boolean } | null;
}
export interface SubmissionSummary {
  id: string;
  problem: string;
  user: { id: string; email: string };
  language: string;
  status: SubmissionStatus;
  verdict: Verdict | null;
  score: number | null;
  maxScore: number | null;
  /** Functionally accepted and not vulnerable under the problem's policy. */
  accepted: boolean;
  createdAt: string;
  finishedAt: string | null;
}
export type CourseRole = 'instructor' | 'assistant' | 'student';
export interface Course {
  id: string;
  name: string;
  term: string;
  /** IANA time zone the course runs in; deadlines are shown in it. */
  timeZone: string;
  myRole: CourseRole;
  /** Staff only: what students type to join (null: joining by code is off). */
  enrolmentCode?: string | null;
  createdAt: string;
}
export interface CourseMember {
  id: string;
  email: string;
  name: string;
  role: CourseRole;
  addedAt?: string;
}
export interface RosterImport {
  created: { email: string; password?: string }[];
  enrolled: string[];
  skipped: { line: number; email: string; reason: string }[];
}
export interface LatePolicy {
  per: 'day' | 'hour';
  penaltyPercent: number;
  cutoffAt?: string | null;
}
export type ScoreboardMode = 'off' | 'hidden' | 'shown';
export type ProblemStatus = 'not-tried' | 'tried' | 'accepted' | 'accepted-vulnerable';
/** A student's counted result on one problem of an assignment. */
export interface Standing {
  problem: string;
  points: number;
  status: ProblemStatus;
  attempts: number;
  counted: { submission: string; submittedAt: string; score: number | null; latePenaltyPercent: number } | null;
  earned: number;
}
export interface Assignment {
  id: string;
  courseId: string;
  title: string;
  description: string;
  opensAt: string;
  closesAt: string;
  latePolicy: LatePolicy | null;
  /** The last instant a submission counts (null: late submissions count forever). */
  lastCountingAt: string | null;
  maxAttempts: number | null;
  counting: 'best' | 'last';
  practiceAfterCutoff: boolean;
  scoreboard: ScoreboardMode;
  /** Empty for students until it opens. */
  problems: { problem: string; name: LocalizedText; points: number }[];
  /** A student's own standing (null for staff, and before it opens). */
  mine: { problems: Standing[]; total: number } | null;
}
export interface AssignmentInput {
  title: string;
  description?: string;
  opensAt: string;
  closesAt: string;
  latePolicy?: LatePolicy | null;
  maxAttempts?: number | null;
  counting?: 'best' | 'last';
  practiceAfterCutoff?: boolean;
  scoreboard?: ScoreboardMode;
  problems: { problem: string; points: number }[];
}
export interface Gradebook {
  assignment: { id: string; title: string; counting: 'best' | 'last' };
  problems: { problem: string; name: LocalizedText; points: number }[];
  totalPoints: number;
  students: { id: string; email: string; name: string; problems: Standing[]; total: number }[];
}
/** Every student's points in each assignment of a course (staff). */
export interface CourseGradebook {
  course: { id: string; name: string };
  /** By deadline; `points` is what the assignment is worth. */
  assignments: { id: string; title: string; points: number }[];
  totalPoints: number;
  /** `assignments` holds the points earned, in the order of the course's `assignments`. */
  students: { id: string; email: string; name: string; assignments: number[]; total: number }[];
}
/** One student's results in an assignment (staff, or the student themself). */
export interface StudentGrades {
  id: string;
  email: string;
  name: string;
  problems: Standing[];
  total: number;
}
export interface Scoreboard {
  by: 'icpc' | 'score';
  problems: string[];
  rows: {
    rank: number;
    student: string;
    solved: number;
    penalty: number;
    score: number;
    problems: Record<string, { attempts: number; solvedAtMinute: number | null; best: number }>;
  }[];
}
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}
export interface SubmissionFilter {
  problem?: string;
  user?: string;
  verdict?: string;
  since?: string;
  limit?: number;
  offset?: number;
}

/** An error answer of the API ({ error: { code, message } }), a network failure or a server fault. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errorId?: string,
  ) {
    super(message);
  }
}

/*
 * The session is the HttpOnly cookie the API sets on sign-in: scripts never see the token, and
 * fetch sends it by itself (same origin). Only when the browser refuses that cookie (a Secure
 * cookie over plain HTTP) is the token held here, in memory, for this page's lifetime.
 */
let memoryToken: string | null = null;

export function setMemoryToken(token: string | null): void {
  memoryToken = token;
}

/** Sessions of earlier versions were kept in localStorage; remove them so no token lingers there. */
export function forgetStoredToken(): void {
  try {
    localStorage.removeItem('bastion.token');
    localStorage.removeItem('bastion.user');
  } catch {
    /* storage unavailable */
  }
}

/** Fired when the API answers 401 to a signed-in call: the token expired or was revoked. */
export const SESSION_EXPIRED = 'bastion:session-expired';

async function toError(r: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await r.json();
  } catch {
    /* not JSON */
  }
  const e = (body as { error?: { code?: string; message?: string; errorId?: string } } | null)?.error;
  const errorId = e?.errorId ?? (body as { errorId?: string } | null)?.errorId;
  return new ApiError(
    r.status,
    e?.code ?? `HTTP_${r.status}`,
    e?.message ?? r.statusText ?? `HTTP ${r.status}`,
    errorId,
  );
}

export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (memoryToken) headers.set('authorization', `Bearer ${memoryToken}`);
  if (typeof init.body === 'string') headers.set('content-type', 'application/json');
  let r: Response;
  try {
    r = await fetch(`/api/v1${path}`, { ...init, headers, credentials: 'same-origin' });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', (e as Error).message);
  }
  if (!r.ok) {
    const err = await toError(r);
    // A 401 from sign-in or the session check is an answer, not an ended session.
    if (r.status === 401 && !path.startsWith('/auth/')) window.dispatchEvent(new Event(SESSION_EXPIRED));
    throw err;
  }
  return r;
}

export async function json<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const r = await request(path, {
    method,
    body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    signal,
  });
  if (r.status === 204) return undefined as T;
  return (await r.json()) as T;
}

export const api = {
  login: (email: string, password: string) =>
    json<{ accessToken: string; user: User }>('POST', '/auth/login', { email, password }),
  /** The signed-in user, from the session cookie; 401 when there is none. */
  me: (signal?: AbortSignal) => json<User>('GET', '/auth/me', undefined, signal),
  /** Clears the session cookie. */
  logout: async () => {
    await request('/auth/logout', { method: 'POST' });
  },
  problems: (signal?: AbortSignal) => json<ProblemSummary[]>('GET', '/problems', undefined, signal),
  problem: (slug: string, signal?: AbortSignal) =>
    json<Problem>('GET', `/problems/${encodeURIComponent(slug)}`, undefined, signal),
  importProblem: (file: File, slug?: string) => {
    const form = new FormData();
    form.append('file', file, file.name);
    if (slug) form.append('slug', slug);
    return json<ProblemSummary>('POST', '/problems/import', form);
  },
  languages: (signal?: AbortSignal) => json<Language[]>('GET', '/languages', undefined, signal),
  run: (language: string, source: string, stdin: string) =>
    json<RunResult>('POST', '/runs', { language, source, stdin }),
  /** With `assignment`, the submission is graded in that assignment. */
  submit: (problem: string, language: string, source: string, assignment?: string) =>
    json<{ id: string; status: SubmissionStatus }>('POST', '/submissions', {
      problem,
      language,
      source,
      ...(assignment ? { assignment } : {}),
    }),
  submission: (id: string, signal?: AbortSignal) =>
    json<Submission>('GET', `/submissions/${encodeURIComponent(id)}`, undefined, signal),
  submissions: (filter: SubmissionFilter, signal?: AbortSignal) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '') q.set(k, String(v));
    return json<Page<SubmissionSummary>>('GET', `/submissions?${q.toString()}`, undefined, signal);
  },
  publish: (slug: string, published: boolean) =>
    json<ProblemSummary>('POST', `/problems/${encodeURIComponent(slug)}/${published ? 'publish' : 'unpublish'}`),
  accounts: (filter: AccountFilter, signal?: AbortSignal) =>
    json<Page<Account>>('GET', `/users?${query(filter)}`, undefined, signal),
  disableAccount: (id: string) => json<Account>('POST', `/users/${encodeURIComponent(id)}/disable`),
  enableAccount: (id: string) => json<Account>('POST', `/users/${encodeURIComponent(id)}/enable`),
  /** Generates a new password (in this answer only) and ends the account's sessions. */
  resetPassword: (id: string) =>
    json<Account & { password: string }>('POST', `/users/${encodeURIComponent(id)}/password`, {}),
  /** The gradebook as a file: fetched with the session, then saved from a Blob. */
  gradebook: async (slug: string) => {
    const r = await request(`/problems/${encodeURIComponent(slug)}/gradebook.csv`);
    return r.blob();
  },
  courses: (signal?: AbortSignal) => json<Course[]>('GET', '/courses', undefined, signal),
  course: (id: string, signal?: AbortSignal) =>
    json<Course>('GET', `/courses/${encodeURIComponent(id)}`, undefined, signal),
  createCourse: (input: { name: string; term?: string; timeZone?: string }) => json<Course>('POST', '/courses', input),
  joinCourse: (code: string) => json<Course>('POST', '/courses/join', { code }),
  courseMembers: (id: string, signal?: AbortSignal) =>
    json<CourseMember[]>('GET', `/courses/${encodeURIComponent(id)}/members`, undefined, signal),
  importCourseRoster: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return json<RosterImport>('POST', `/courses/${encodeURIComponent(id)}/roster`, form);
  },
  courseAssignments: (id: string, signal?: AbortSignal) =>
    json<Assignment[]>('GET', `/courses/${encodeURIComponent(id)}/assignments`, undefined, signal),
  createAssignment: (courseId: string, input: AssignmentInput) =>
    json<Assignment>('POST', `/courses/${encodeURIComponent(courseId)}/assignments`, input),
  assignment: (id: string, signal?: AbortSignal) =>
    json<Assignment>('GET', `/assignments/${encodeURIComponent(id)}`, undefined, signal),
  updateAssignment: (
    id: string,
    input: Partial<Pick<AssignmentInput, 'opensAt' | 'closesAt' | 'latePolicy' | 'scoreboard' | 'counting'>>,
  ) => json<Assignment>('PATCH', `/assignments/${encodeURIComponent(id)}`, input),
  assignmentGradebook: (id: string, signal?: AbortSignal) =>
    json<Gradebook>('GET', `/assignments/${encodeURIComponent(id)}/gradebook`, undefined, signal),
  /** The assignment's gradebook as a file: fetched with the session, then saved from a Blob. */
  assignmentGradebookCsv: async (id: string) => {
    const r = await request(`/assignments/${encodeURIComponent(id)}/gradebook.csv`);
    return r.blob();
  },
  courseGradebook: (id: string, signal?: AbortSignal) =>
    json<CourseGradebook>('GET', `/courses/${encodeURIComponent(id)}/gradebook`, undefined, signal),
  /** The course's gradebook as a file: fetched with the session, then saved from a Blob. */
  courseGradebookCsv: async (id: string) => {
    const r = await request(`/courses/${encodeURIComponent(id)}/gradebook.csv`);
    return r.blob();
  },
  assignmentStudent: (id: string, userId: string, signal?: AbortSignal) =>
    json<StudentGrades>(
      'GET',
      `/assignments/${encodeURIComponent(id)}/students/${encodeURIComponent(userId)}`,
      undefined,
      signal,
    ),
  scoreboard: (id: string, signal?: AbortSignal) =>
    json<Scoreboard>('GET', `/assignments/${encodeURIComponent(id)}/scoreboard`, undefined, signal),
  source: (id: string, signal?: AbortSignal) =>
    json<{ source: string; language?: string }>(
      'GET',
      `/submissions/${encodeURIComponent(id)}/source`,
      undefined,
      signal,
    ),
};

function query(filter: object): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '') q.set(k, String(v));
  return q.toString();
}

/** Any error in words for the user: the API's own message, or what went wrong in plain language. */
export function errorText(e: unknown, t: Translate): string {
  if (e instanceof ApiError) {
    if (e.code === 'NETWORK') return t('error.network');
    if (e.code === 'ACCOUNT_DISABLED') return t('error.accountDisabled');
    if (e.status >= 500) return t('error.server', { id: e.errorId ?? e.status });
    return e.message;
  }
  return t('error.unknown', { message: e instanceof Error ? e.message : String(e) });
}

export function localized(text: LocalizedText | null | undefined, locale: string): string {
  if (text == null) return '';
  if (typeof text === 'string') return text;
  return text[locale] ?? text.en ?? Object.values(text)[0] ?? '';
}
