import { LANGUAGE_IDS, VERDICTS } from '@bastion/contracts';
import { SEVERITIES } from '@bastion/security';
import { arr, bool, dateTime, int, num, obj, oneOfValues, ref, str, uuid } from './schema';

export const TIME_LIMIT_SOURCES = ['package', 'default', 'pending', 'reference', 'edited'] as const;

const POLICY_EXAMPLE = {
  weight: 0.4,
  static: true,
  sanitizers: true,
  bannedApis: ['system'],
  disabledRules: [],
  failOn: 'high',
};

const PROBLEM_EXAMPLE = {
  id: 'e3cabf1a-e920-4ba3-8e51-0b0837da3d2f',
  slug: 'greeting',
  name: 'Greeting',
  timeLimitMs: 1000,
  memoryLimitMb: 256,
  outputLimitBytes: 8388608,
  checker: { type: 'tokens' },
  published: true,
  security: POLICY_EXAMPLE,
  type: 'pass-fail',
  timeLimitSource: 'package',
};

const problemProperties = {
  id: uuid(),
  slug: str("The problem's id in URLs and submissions", { pattern: '^[a-z0-9][a-z0-9-]{0,99}$' }),
  name: str(),
  timeLimitMs: int('Per test, CPU time; scaled per language (timeFactor)'),
  memoryLimitMb: int(),
  outputLimitBytes: int(),
  checker: ref('Checker'),
  published: bool('Drafts (false) are seen only by their author and admins'),
  security: ref('SecurityPolicy'),
  type: oneOfValues(['pass-fail', 'scoring'], 'pass-fail: share of test points; scoring: by test groups'),
  timeLimitSource: oneOfValues(
    TIME_LIMIT_SOURCES,
    'Where the time limit came from; `pending` while the reference solutions measure it',
  ),
};

const testSummaryProperties = {
  id: uuid(),
  ordinal: int('Position in the run order, from 1'),
  name: str('Stored as `<kind>/<name>`'),
  kind: oneOfValues(['sample', 'secret', 'attack']),
  points: int(),
  inputBytes: int(),
  answerBytes: int(),
  checkAnswer: bool('false for an attack test without an answer: only a crash or forbidden output fails it'),
  forbidden: arr(str(), 'Output lines that must never appear (attack tests)'),
};

const TEST_EXAMPLE = {
  id: 'a7b37cdf-d332-42ff-82f9-380535d7833f',
  ordinal: 1,
  name: 'sample/1',
  kind: 'sample',
  points: 1,
  inputBytes: 4,
  answerBytes: 12,
  checkAnswer: true,
  forbidden: [],
};

const verifiedSolution = obj({
  path: str('The file in the package, e.g. submissions/accepted/sol.c'),
  language: oneOfValues([...LANGUAGE_IDS, null]),
  expected: str('What its folder expects: a verdict, `rejected` or `any`'),
  verdict: oneOfValues([...VERDICTS, null]),
  score: num(undefined, { nullable: true }),
  timeMs: int("The slowest test's CPU time", { nullable: true }),
  ok: bool('Whether the verdict is the expected one; null when not run or nothing is expected', { nullable: true }),
  submissionId: str('The submission that judged it', { format: 'uuid', nullable: true }),
  note: str(undefined, { nullable: true }),
});

/** Problems, their tests, verification and security overview. */
export const PROBLEM_SCHEMAS = {
  SecurityPolicy: obj(
    {
      weight: num('Share of the score that security carries', { minimum: 0, maximum: 1 }),
      static: bool('Run the static analyzers'),
      sanitizers: bool('Rebuild C/C++ with ASan + UBSan and replay the tests and attack tests'),
      bannedApis: arr(str(), 'Functions whose call is a high-severity finding (CWE-676)'),
      disabledRules: arr(str(), 'Rule ids left out'),
      failOn: oneOfValues(['none', ...SEVERITIES], 'A finding at or above this makes the submission vulnerable'),
    },
    { example: POLICY_EXAMPLE },
  ),
  Checker: obj(
    {
      type: oneOfValues(['tokens', 'exact', 'case-insensitive', 'float', 'custom']),
      absTol: num('float only'),
      relTol: num('float only'),
      language: oneOfValues(
        ['cpp', 'python'],
        "custom only: the validator's language (its source stays on the server)",
      ),
    },
    { optional: ['absTol', 'relTol', 'language'], example: { type: 'float', absTol: 1e-6, relTol: 1e-6 } },
  ),
  Problem: obj(problemProperties, { example: PROBLEM_EXAMPLE }),
  ProblemWithTestCount: obj(
    { ...problemProperties, tests: int('How many tests the problem has') },
    { example: { ...PROBLEM_EXAMPLE, published: false, timeLimitSource: 'edited', tests: 3 } },
  ),
  ImportedProblem: obj(
    {
      ...problemProperties,
      tests: int('Tests imported'),
      referenceSolutions: int('Files under submissions/'),
      verification: ref('Verification'),
    },
    {
      optional: ['verification'],
      description:
        '`verification` is present when the package gives no time limit and the reference solutions measure it',
      example: { ...PROBLEM_EXAMPLE, published: false, tests: 3, referenceSolutions: 0 },
    },
  ),
  ProblemDetail: obj(
    {
      ...problemProperties,
      statement: str('Markdown, in the default language'),
      statements: {
        type: 'object',
        description: 'The statement by language code',
        additionalProperties: str(),
      },
      samples: arr(obj({ name: str(), input: str(), answer: str() }), 'The sample tests only'),
    },
    {
      example: {
        ...PROBLEM_EXAMPLE,
        statement: '# Greeting\n\nRead a name and print `Hello, <name>!`.\n',
        statements: { en: '# Greeting\n\nRead a name and print `Hello, <name>!`.\n' },
        samples: [{ name: 'sample/1', input: 'Ada\n', answer: 'Hello, Ada!\n' }],
      },
    },
  ),
  Verification: obj(
    {
      status: oneOfValues(['running', 'done', 'failed']),
      requestedBy: uuid('Who asked; the reference solutions are judged as their submissions'),
      startedAt: dateTime(),
      finishedAt: dateTime(undefined, true),
      timeLimitMs: int(),
      timeLimitSource: oneOfValues(TIME_LIMIT_SOURCES),
      ok: bool('Every runnable solution met its expectation (null while running)', { nullable: true }),
      error: str(undefined, { nullable: true }),
      stale: bool('Tests, limits or the checker changed after this report: verify again'),
      solutions: arr(verifiedSolution),
    },
    {
      optional: ['stale'],
      example: {
        status: 'done',
        requestedBy: '78128c06-8b94-40fc-aa4c-1e5d272fc944',
        startedAt: '2026-11-23T16:03:14.000Z',
        finishedAt: '2026-11-23T16:03:21.000Z',
        timeLimitMs: 1000,
        timeLimitSource: 'reference',
        ok: true,
        error: null,
        solutions: [
          {
            path: 'submissions/accepted/greet.c',
            language: 'c',
            expected: 'AC',
            verdict: 'AC',
            score: 100,
            timeMs: 3,
            ok: true,
            submissionId: '45f593a2-9782-46c7-b65e-69004b395ade',
            note: null,
          },
          {
            path: 'submissions/wrong_answer/shout.py',
            language: 'python',
            expected: 'WA',
            verdict: 'WA',
            score: 0,
            timeMs: 18,
            ok: true,
            submissionId: '087af0ec-768a-49e1-b4d1-f297b6e71b25',
            note: null,
          },
        ],
      },
    },
  ),
  SecurityOverview: obj(
    {
      submissions: int('Judged student submissions to the problem'),
      students: int(),
      cwes: arr(
        obj({
          cwe: str(undefined, { example: 'CWE-242' }),
          name: str(undefined, { nullable: true }),
          submissions: int('Student submissions with at least one finding of this CWE'),
          students: int('Students with this CWE in at least one submission'),
          fixedLater: int('Of those students, how many later submitted without it'),
        }),
        'Most frequent first',
      ),
    },
    {
      example: {
        submissions: 57,
        students: 21,
        cwes: [
          { cwe: 'CWE-242', name: 'Use of Inherently Dangerous Function', submissions: 14, students: 9, fixedLater: 7 },
          {
            cwe: 'CWE-134',
            name: 'Use of Externally-Controlled Format String',
            submissions: 5,
            students: 4,
            fixedLater: 4,
          },
        ],
      },
    },
  ),
  TestCaseSummary: obj(testSummaryProperties, { example: TEST_EXAMPLE }),
  TestCase: obj(
    { ...testSummaryProperties, input: str('UTF-8 text'), answer: str('UTF-8 text; empty when checkAnswer is false') },
    { example: { ...TEST_EXAMPLE, input: 'Ada\n', answer: 'Hello, Ada!\n' } },
  ),
  ProblemRejudge: obj(
    {
      count: int('Finished submissions put back in the queue'),
      skipped: int('Submissions left alone because they are queued or being judged'),
    },
    { example: { count: 48, skipped: 2 } },
  ),
};
