import { LANGUAGE_IDS, RUN_VERDICTS, SUBMISSION_STATUSES, VERDICTS } from '@bastion/contracts';
import { SEVERITIES, STEP_KINDS } from '@bastion/security';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { arr, bool, dateTime, int, num, obj, oneOfValues, ref, str, uuid } from './schema';

const ID = '087af0ec-768a-49e1-b4d1-f297b6e71b25';

const FINDINGS_EXAMPLE = [
  {
    tool: 'ast-grep',
    ruleId: 'c-gets',
    cwe: 'CWE-242',
    severity: 'critical',
    file: 'main.c',
    line: 4,
    column: 3,
    message: 'gets() reads a line of any length into a fixed buffer (removed in C11)',
    fixHint: 'Use fgets(buf, sizeof buf, stdin) and strip the trailing newline.',
    cweName: 'Use of Inherently Dangerous Function',
    cweUrl: 'https://cwe.mitre.org/data/definitions/242.html',
  },
  {
    tool: 'asan',
    ruleId: 'asan.stack-buffer-overflow',
    cwe: 'CWE-125',
    severity: 'high',
    file: 'main.c',
    line: 5,
    column: 0,
    message: 'stack buffer overflow (out-of-bounds read) on test attack/long-name',
    fixHint: 'Check every index and length against the size of the buffer before you write or read.',
    evidence: { kind: 'run', test: 'attack/long-name' },
    cweName: 'Out-of-bounds Read',
    cweUrl: 'https://cwe.mitre.org/data/definitions/125.html',
  },
  {
    tool: 'flawfinder',
    ruleId: 'flawfinder.buffer.char',
    cwe: 'CWE-119',
    severity: 'low',
    file: 'main.c',
    line: 3,
    column: 3,
    message:
      'char: Statically-sized arrays can be improperly restricted, leading to potential overflows or other issues (CWE-119!/CWE-120).',
    fixHint:
      'Perform bounds checking, use functions that limit length, or ensure that the size is larger than the maximum possible length.',
    cweName: 'Improper Restriction of Operations within the Bounds of a Memory Buffer',
    cweUrl: 'https://cwe.mitre.org/data/definitions/119.html',
  },
];

/** A C submission that passes the functional tests but reads with gets(): vulnerable, so not accepted. */
export const SUBMISSION_EXAMPLE = {
  id: ID,
  problem: 'greeting',
  problemName: 'Greeting',
  testCount: 3,
  language: 'c',
  status: 'done',
  verdict: 'AC',
  score: 60,
  maxScore: 100,
  groups: null,
  tests: [
    { name: 'sample/1', kind: 'sample', verdict: 'AC', timeMs: 0, memoryKb: 1300, message: '' },
    { name: 'secret/1', kind: 'secret', verdict: 'AC', timeMs: 0, memoryKb: 1380, message: '' },
    { name: 'attack/long-name', kind: 'attack', verdict: 'RE', timeMs: 0, memoryKb: 1020, message: '' },
  ],
  compileOutput:
    "main.c:4:3: warning: implicit declaration of function 'gets'; did you mean 'fgets'? [-Wimplicit-function-declaration]\n",
  security: { verdict: 'vulnerable', score: 0, maxScore: 100, findings: FINDINGS_EXAMPLE },
  accepted: false,
  createdAt: '2026-11-23T16:03:14.573Z',
  finishedAt: '2026-11-23T16:03:15.776Z',
  assignment: null,
};

/** A scoring problem (test groups) judged with a partial score, and no security findings. */
export const SCORING_SUBMISSION_EXAMPLE = {
  ...SUBMISSION_EXAMPLE,
  id: '45f593a2-9782-46c7-b65e-69004b395ade',
  problem: 'subarrays',
  problemName: 'Subarray sums',
  language: 'python',
  verdict: 'TLE',
  score: 30,
  groups: [
    { name: 'secret/group1', score: 30, maxScore: 30, verdict: 'AC' },
    { name: 'secret/group2', score: 0, maxScore: 70, verdict: 'TLE' },
  ],
  tests: [
    { name: 'sample/1', kind: 'sample', verdict: 'AC', timeMs: 21, memoryKb: 9120, message: '' },
    { name: 'secret/group1/1', kind: 'secret', verdict: 'AC', timeMs: 35, memoryKb: 9400 },
    { name: 'secret/group2/1', kind: 'secret', verdict: 'TLE', timeMs: 2000, memoryKb: 10240 },
  ],
  compileOutput: '',
  security: { verdict: 'secure', score: 100, maxScore: 100, findings: [] },
};

/** What proved a finding: a run on a test (its name only, never its data), or lines of the source. */
const evidence: SchemaObject = {
  description:
    "What proved the finding, absent for a pattern hit: `run`, a run of the program on a test (the test's name only: never its input, answer or the program's output); `dataflow`, a path through lines of the submitted source, in order",
  oneOf: [
    obj(
      { kind: oneOfValues(['run']), test: str('The test it was found on (sample/1, secret/03, attack/inject)') },
      { example: { kind: 'run', test: 'attack/long-name' } },
    ),
    obj(
      {
        kind: oneOfValues(['dataflow']),
        steps: arr(
          obj({
            line: int('1-based line of the submitted source', { minimum: 1 }),
            what: oneOfValues(
              STEP_KINDS,
              'input: read there; origin: the value set there; sink: used there; temp-name: a temporary name made; create: a file created without O_EXCL; pointer: a pointer formed before its buffer',
            ),
          }),
          undefined,
          { minItems: 1 },
        ),
      },
      {
        example: {
          kind: 'dataflow',
          steps: [
            { line: 5, what: 'input' },
            { line: 7, what: 'sink' },
          ],
        },
      },
    ),
  ],
};

const finding = obj(
  {
    tool: str('The tool(s) that reported it, joined with + after dedupe (ast-grep+flawfinder)'),
    ruleId: str(),
    cwe: str('CWE id', { pattern: '^CWE-[0-9]+$' }),
    severity: oneOfValues(SEVERITIES),
    file: str(),
    line: int('1-based; 0 when the finding has no line (a crash on an attack test)', { minimum: 0 }),
    column: int(undefined, { minimum: 0 }),
    message: str(),
    fixHint: str('How to fix it'),
    evidence,
    cweName: str(undefined, { nullable: true }),
    cweUrl: str('The CWE entry at MITRE', { format: 'uri' }),
  },
  { optional: ['evidence'], example: FINDINGS_EXAMPLE[0] },
);

const securityOutcome = {
  verdict: oneOfValues(['secure', 'vulnerable', 'unanalysed']),
  score: num('Security points, out of maxScore'),
  maxScore: num(),
  findings: arr(ref('Finding')),
};

const queued = obj(
  {
    id: uuid(),
    status: oneOfValues(SUBMISSION_STATUSES, "queued; with a repeated Idempotency-Key, the first one's status"),
  },
  { example: { id: ID, status: 'queued' } },
);

/** Submissions, their results, events, findings and one-off runs. */
export const SUBMISSION_SCHEMAS = {
  Finding: finding,
  SecurityOutcome: obj(securityOutcome, { example: SUBMISSION_EXAMPLE.security }),
  GroupScore: obj(
    { name: str('The group folder'), score: num(), maxScore: num(), verdict: oneOfValues(VERDICTS) },
    { example: { name: 'secret/group1', score: 30, maxScore: 30, verdict: 'AC' } },
  ),
  TestResult: obj(
    {
      name: str(),
      kind: oneOfValues(['sample', 'secret', 'attack']),
      verdict: oneOfValues(VERDICTS),
      timeMs: int('CPU time'),
      memoryKb: int('Peak resident memory'),
      message: str("The checker's feedback; students see it for sample tests only"),
    },
    { optional: ['message'], example: SUBMISSION_EXAMPLE.tests[0] },
  ),
  Submission: obj(
    {
      id: uuid(),
      problem: str('The problem slug'),
      problemName: str(),
      testCount: int('Tests this submission runs (attack tests included): progress is "test n of testCount"'),
      language: oneOfValues(LANGUAGE_IDS),
      status: oneOfValues(SUBMISSION_STATUSES),
      verdict: oneOfValues([...VERDICTS, null], 'Overall verdict; null until judged'),
      score: num(undefined, { nullable: true }),
      maxScore: num(undefined, { nullable: true }),
      groups: arr(ref('GroupScore'), "A scoring problem's test groups; null otherwise", { nullable: true }),
      tests: arr(ref('TestResult')),
      compileOutput: str(undefined, { nullable: true }),
      security: obj(securityOutcome, { nullable: true, description: 'null until analysed' }),
      accepted: bool("Functionally accepted and not vulnerable under the problem's policy"),
      createdAt: dateTime('When the API accepted it: deadlines are measured against this, not the judging'),
      finishedAt: dateTime(undefined, true),
      assignment: obj(
        {
          id: uuid(),
          latePenaltyPercent: num('What lateness took from its score, decided when it was accepted', {
            nullable: true,
          }),
          practice: bool('Judged but not graded (made after the last instant that counts, or by course staff)'),
        },
        { nullable: true, description: 'The course assignment it was made for; null: none' },
      ),
    },
    { example: SUBMISSION_EXAMPLE },
  ),
  SubmissionQueued: queued,
  SubmissionBatchResult: obj(
    {
      items: arr({
        oneOf: [
          obj({ index: int(), id: uuid(), status: oneOfValues(SUBMISSION_STATUSES) }),
          obj({ index: int(), error: obj({ code: str(), message: str() }) }),
        ],
      }),
    },
    {
      example: {
        items: [
          { index: 0, id: '45f593a2-9782-46c7-b65e-69004b395ade', status: 'queued' },
          { index: 1, error: { code: 'PROBLEM_NOT_FOUND', message: 'No problem with the slug nope' } },
        ],
      },
    },
  ),
  SubmissionList: obj(
    {
      items: arr(
        obj({
          id: uuid(),
          problem: str(),
          user: obj({ id: uuid(), email: str() }),
          language: oneOfValues(LANGUAGE_IDS),
          status: oneOfValues(SUBMISSION_STATUSES),
          verdict: oneOfValues([...VERDICTS, null]),
          score: num(undefined, { nullable: true }),
          maxScore: num(undefined, { nullable: true }),
          accepted: bool("Functionally accepted and not vulnerable under the problem's policy"),
          createdAt: dateTime(),
          finishedAt: dateTime(undefined, true),
        }),
      ),
      total: int('Matching submissions, all pages'),
      limit: int(),
      offset: int(),
    },
    {
      example: {
        items: [
          {
            id: ID,
            problem: 'greeting',
            user: { id: '78128c06-8b94-40fc-aa4c-1e5d272fc944', email: 'kim@example.edu' },
            language: 'c',
            status: 'done',
            verdict: 'AC',
            score: 60,
            maxScore: 100,
            accepted: false,
            createdAt: '2026-11-23T16:03:14.573Z',
            finishedAt: '2026-11-23T16:03:15.776Z',
          },
        ],
        total: 1,
        limit: 20,
        offset: 0,
      },
    },
  ),
  SubmissionSource: obj(
    { id: uuid(), language: oneOfValues(LANGUAGE_IDS), source: str() },
    { example: { id: ID, language: 'python', source: 'print("Hello, " + input() + "!")\n' } },
  ),
  WebhookDeliveries: obj(
    {
      callbackUrl: str(undefined, { nullable: true, format: 'uri' }),
      deliveries: arr(
        obj({
          attempt: int(),
          statusCode: int("The receiver's HTTP status; null when it did not answer", { nullable: true }),
          error: str(undefined, { nullable: true }),
          durationMs: int(),
          at: dateTime(),
        }),
      ),
    },
    {
      example: {
        callbackUrl: 'https://lms.example.edu/bastion/hook',
        deliveries: [
          { attempt: 1, statusCode: 503, error: 'answered HTTP 503', durationMs: 41, at: '2026-11-23T16:03:16.010Z' },
          { attempt: 2, statusCode: 200, error: null, durationMs: 38, at: '2026-11-23T16:03:18.120Z' },
        ],
      },
    },
  ),
  RunResult: obj(
    {
      verdict: oneOfValues(RUN_VERDICTS, 'No answer to compare with, so OK rather than AC/WA'),
      stdout: str(),
      stderr: str(),
      stdoutTruncated: bool(),
      stderrTruncated: bool(),
      exitCode: int(undefined, { nullable: true }),
      signal: int('The signal that ended the program', { nullable: true }),
      timeMs: int('CPU time'),
      memoryKb: int('Peak resident memory'),
      compileOutput: str(undefined, { nullable: true }),
    },
    {
      example: {
        verdict: 'OK',
        stdout: 'desserts\n',
        stderr: '',
        stdoutTruncated: false,
        stderrTruncated: false,
        exitCode: 0,
        signal: null,
        timeMs: 17,
        memoryKb: 7512,
        compileOutput: null,
      },
    },
  ),
};
