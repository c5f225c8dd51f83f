export interface KnownError {
  status: number;
  /** When the route answers with this code. */
  when: string;
  /** A message the API really sends (from the code that throws it). */
  message: string;
  details?: unknown;
}

/**
 * Every error code a route can answer with, its status and a real message. Routes name the codes they
 * give (`@ApiErrors('PROBLEM_NOT_FOUND')`), so a typo does not compile and the examples stay in one place.
 */
export const ERRORS = {
  VALIDATION_FAILED: {
    status: 400,
    when: 'the body or query fails validation; `details` lists every problem',
    message: 'language must be one of: c, cpp, python, java, javascript, go, rust; source must not be empty',
    details: ['language must be one of: c, cpp, python, java, javascript, go, rust', 'source must not be empty'],
  },
  MALFORMED_JSON: {
    status: 400,
    when: 'the body is not valid JSON',
    message: 'The request body is not valid JSON: Unexpected end of JSON input',
  },
  JSON_TOO_DEEP: {
    status: 400,
    when: 'the JSON body nests arrays and objects more than 64 levels deep',
    message: 'The request body nests deeper than 64 levels of arrays and objects',
  },
  BAD_REQUEST: {
    status: 400,
    when: 'the multipart body is unusable (an unexpected file field, a missing boundary)',
    message: 'Unexpected field',
  },
  FILE_REQUIRED: {
    status: 400,
    when: 'no file was sent',
    message: 'Send the package zip as the multipart field "file"',
  },
  BAD_IDEMPOTENCY_KEY: {
    status: 400,
    when: 'the Idempotency-Key header is not 1-200 visible ASCII characters',
    message: 'Idempotency-Key must be 1-200 visible ASCII characters',
  },
  BAD_ROSTER: {
    status: 400,
    when: 'the CSV has no header naming email and name',
    message: 'The roster is not usable: the first line must name the columns email and name',
  },
  BAD_SLUG: {
    status: 400,
    when: "the package's name gives no usable slug and none was sent",
    message: 'A slug is 1-100 lowercase letters, digits and dashes, starting with a letter or digit',
  },
  BAD_LIMIT: {
    status: 400,
    when: 'outputLimitBytes is above the server-wide limit',
    message: 'outputLimitBytes must be at most 16777216 (BASTION_OUTPUT_LIMIT_BYTES)',
  },
  BAD_CHECKER: {
    status: 400,
    when: 'the checker is not a built-in one or its tolerances do not fit it',
    message: 'The float checker needs absTol and relTol (0 to turn one off)',
  },
  BAD_SECURITY_POLICY: {
    status: 400,
    when: 'the security policy has unknown keys or bad values',
    message: 'security.failOn must be one of none, low, medium, high, critical',
  },
  BAD_TEST_NAME: {
    status: 400,
    when: 'a test name has characters other than letters, digits, ".", "_", "-" and "/"',
    message: 'Test name "../x": use letters, digits, ".", "_" and "-", with "/" between folders',
  },
  DUPLICATE_TEST_NAME: { status: 400, when: 'two tests have the same name', message: 'Two tests are named secret/1' },
  ANSWER_REQUIRED: {
    status: 400,
    when: 'a sample or secret test has no answer',
    message: 'secret/1: a secret test needs an answer',
  },
  FORBIDDEN_OUTPUT_NOT_ALLOWED: {
    status: 400,
    when: 'a test other than an attack test lists forbidden output',
    message: 'secret/1: only attack tests list forbidden output',
  },
  PACKAGE_INVALID: {
    status: 400,
    when:
      'the package is refused; the code names why: NO_PROBLEM_YAML, BAD_PROBLEM_YAML, BAD_BASTION_YAML, ' +
      'BAD_TESTDATA_YAML, BAD_ENCODING, BROKEN_ZIP, UNSAFE_PATH, SYMLINK_IN_ZIP, MISSING_ANSWER, NO_TESTS, ' +
      'NO_VALIDATOR, SEVERAL_VALIDATORS, UNSUPPORTED_VALIDATOR',
    message: 'data/secret/2.in has no 2.ans beside it',
  },
  INVALID_CREDENTIALS: { status: 401, when: 'the email or password is wrong', message: 'Wrong email or password' },
  UNAUTHENTICATED: {
    status: 401,
    when: 'no token and no session cookie',
    message: 'Sign in: send Authorization: Bearer <token>',
  },
  INVALID_TOKEN: {
    status: 401,
    when: "the token is invalid, revoked or expired, its account is gone, or the account's password was reset since",
    message: 'The token is invalid, revoked or expired',
  },
  ACCOUNT_DISABLED: {
    status: 401,
    when: 'an admin disabled the account (sign-in answers this only to the right password)',
    message: 'This account is disabled; ask an administrator',
  },
  FORBIDDEN: {
    status: 403,
    when: "the caller's role, or not being the problem's author, does not allow it",
    message: 'This needs the role admin or instructor',
  },
  SCOPE_MISSING: {
    status: 403,
    when: 'an API token lacks the scope the route needs',
    message: 'This API token lacks the scope "author"',
  },
  PROBLEM_NOT_FOUND: {
    status: 404,
    when: 'no such problem, or a draft the caller may not see',
    message: 'No problem with the slug two-sum',
  },
  SUBMISSION_NOT_FOUND: {
    status: 404,
    when: 'no such submission, or one the caller may not see',
    message: 'No submission 3f0c9b4e-2d7a-4c1e-9b7f-1a2b3c4d5e6f',
  },
  TEST_NOT_FOUND: {
    status: 404,
    when: 'the problem has no test with this id',
    message: 'This problem has no test 6a1d0c3e-8f5b-4e2a-9c7d-0b1e2f3a4b5c',
  },
  TOKEN_NOT_FOUND: {
    status: 404,
    when: 'no such token of the caller, or already revoked',
    message: 'No token 547bc2a8-c191-4f72-bfee-90c699f5041c',
  },
  USER_NOT_FOUND: {
    status: 404,
    when: 'no account with this id',
    message: 'No account 78128c06-8b94-40fc-aa4c-1e5d272fc944',
  },
  COURSE_NOT_FOUND: {
    status: 404,
    when: 'no such course, or one the caller is not a member of',
    message: 'No course 0d2b6a4e-5b1f-4c07-9a3e-2f6c1d9e8a41',
  },
  ASSIGNMENT_NOT_FOUND: {
    status: 404,
    when: 'no such assignment, or one of a course the caller is not a member of',
    message: 'No assignment c41e7f0a-2d3b-4e8f-a1b2-3c4d5e6f7a8b',
  },
  BAD_ENROLMENT_CODE: {
    status: 404,
    when: 'no course has this enrolment code (or joining by code is off)',
    message: 'No course has this enrolment code; check it with your instructor',
  },
  SCOREBOARD_NOT_SHOWN: {
    status: 404,
    when: 'the assignment has no scoreboard, or the instructor has not shown it to students',
    message: 'This assignment has no scoreboard to show',
  },
  ASSIGNMENT_NOT_OPEN: {
    status: 409,
    when: 'a student submits to an assignment before it opens',
    message: 'The assignment opens at 2027-03-01T15:00:00.000Z',
  },
  ASSIGNMENT_CLOSED: {
    status: 409,
    when: 'a student submits after the last instant that counts (the deadline, or the late cutoff)',
    message: 'Submissions to this assignment were accepted until 2027-03-09T14:59:59.000Z',
  },
  ATTEMPTS_EXHAUSTED: {
    status: 409,
    when: 'the student has used every graded attempt the assignment allows on this problem',
    message: 'You have used all 3 graded attempts on greeting in this assignment',
  },
  CANNOT_REMOVE_SELF: {
    status: 409,
    when: 'an instructor removes themself from a course',
    message: 'An instructor cannot remove themself; ask another instructor',
  },
  PROBLEM_IN_OPEN_ASSIGNMENT: {
    status: 409,
    when: 'a change to how the problem is judged (tests, limits, checker, policy) while it is in an open assignment, without ?confirm=true',
    message:
      'greeting is in an open assignment (Secure Coding Lab: Lab 3). Send the change again with ?confirm=true to make it; then rejudge (POST /problems/greeting/rejudge) so earlier submissions are judged the same way',
    details: { assignments: [{ title: 'Lab 3', course: 'Secure Coding Lab' }] },
  },
  PROBLEM_NOT_IN_ASSIGNMENT: {
    status: 422,
    when: 'the submission names an assignment that does not hold its problem',
    message: 'The problem greeting is not part of this assignment',
  },
  BAD_SCHEDULE: {
    status: 422,
    when: "the assignment's times do not make a schedule (deadline before the opening, cutoff before the deadline), or a problem is listed twice",
    message: 'closesAt must not be before opensAt',
  },
  BAD_TIME_ZONE: {
    status: 422,
    when: 'the time zone is not an IANA name',
    message: 'Mars/Olympus is not a time zone name (use one like Asia/Seoul or UTC)',
  },
  NOT_VERIFIED: { status: 404, when: 'the problem was never verified', message: 'greeting has not been verified yet' },
  PROBLEM_EXISTS: {
    status: 409,
    when: 'the slug is taken',
    message: 'A problem with the slug greeting already exists',
  },
  USER_EXISTS: {
    status: 409,
    when: 'the email is taken',
    message: 'An account with the email kim@example.edu already exists',
  },
  TEST_EXISTS: {
    status: 409,
    when: 'the problem already has a test of that name',
    message: 'This problem already has a test named attack/quote',
  },
  TOO_MANY_TESTS: {
    status: 409,
    when: 'the problem already holds the most tests this API takes',
    message: 'A problem holds at most 1000 tests through this API',
  },
  SUBMISSION_BUSY: {
    status: 409,
    when: 'the submission is being judged right now',
    message:
      'Submission 3f0c9b4e-2d7a-4c1e-9b7f-1a2b3c4d5e6f is being judged right now; rejudge it once it has finished',
  },
  PAYLOAD_TOO_LARGE: {
    status: 413,
    when: 'the request body (or the uploaded file) is over the limit',
    message: 'The request body is too large',
  },
  SOURCE_TOO_LARGE: {
    status: 413,
    when: 'the source is over BASTION_MAX_SOURCE_BYTES',
    message: 'The source is 70000 bytes; the limit is 65536',
  },
  STDIN_TOO_LARGE: {
    status: 413,
    when: 'stdin is over BASTION_MAX_STDIN_BYTES',
    message: 'stdin is 2000000 bytes; the limit is 1048576',
  },
  TEST_TOO_LARGE: {
    status: 413,
    when: "a test's input or answer is over 8 MiB",
    message: 'The input of secret/big is 9000000 bytes; the limit is 8388608 (import a package for larger tests)',
  },
  PACKAGE_TOO_LARGE: {
    status: 413,
    when:
      'the zip unpacks to too much (code ZIP_TOO_LARGE) or holds too many files (ZIP_TOO_MANY_FILES); a YAML file is ' +
      'over 64 KiB, all of them over 1 MiB, or one nests or expands its aliases too far (PACKAGE_YAML_TOO_LARGE); ' +
      'reading the package ran out of time or memory (PACKAGE_TOO_COMPLEX)',
    message: 'The package unpacks to more than 268435456 bytes',
  },
  NO_REFERENCE_SOLUTIONS: {
    status: 422,
    when: 'the problem has no reference solutions to run',
    message: 'This problem has no reference solutions: import a package with submissions/<verdict>/ files',
  },
  TOO_MANY_TO_REJUDGE: {
    status: 422,
    when: 'the problem has more than 5000 submissions',
    message:
      'This problem has 5210 submissions; a problem-wide rejudge takes at most 5000. Rejudge single submissions with POST /submissions/:id/rejudge',
  },
  CANNOT_DISABLE_SELF: {
    status: 422,
    when: 'an admin tries to disable their own account',
    message: 'You cannot disable your own account',
  },
  CALLBACK_URL_REFUSED: {
    status: 422,
    when:
      'callbackUrl carries a user name or password, its host does not resolve (within 3 s), or it resolves to an ' +
      'address that is not public (loopback, private, link-local, ...; allowed only with BASTION_WEBHOOK_ALLOW_PRIVATE)',
    message: 'callbackUrl: The host hooks.internal.example resolves to an address that is not public',
  },
  PACKAGE_UNSUPPORTED: {
    status: 422,
    when: 'the package is well-formed but uses what Bastion does not support (INTERACTIVE_NOT_SUPPORTED, UNSUPPORTED_VALIDATOR)',
    message: 'Interactive problems are not supported yet',
  },
  RATE_LIMITED: {
    status: 429,
    when: 'too many requests in a minute; wait `Retry-After` seconds (also in `details.retryAfter`)',
    message: 'Too many submissions; try again in 42 s',
    details: { retryAfter: 42 },
  },
  QUEUE_UNAVAILABLE: {
    status: 503,
    when: 'Redis is away',
    message: 'The judge queue is unavailable; try again shortly',
  },
  NO_WORKER: {
    status: 503,
    when: 'no worker finished the run in time',
    message: 'No worker finished the run within 60000 ms; try again shortly',
  },
} satisfies Record<string, KnownError>;
