/**
 * Bounds on what the authoring form accepts. Large test data belongs in a package import
 * (BASTION_MAX_PACKAGE_BYTES); the form is for problems written and edited by hand.
 */
export const AUTHORING_LIMITS = {
  /** Per test run; the worker scales it per language (Java gets twice). */
  timeLimitMs: { min: 100, max: 60_000 },
  memoryLimitMb: { min: 16, max: 4096 },
  /** The upper bound is BASTION_OUTPUT_LIMIT_BYTES (config.sandbox.outputLimitBytes), checked in the service. */
  outputLimitBytes: { min: 1024 },
  nameChars: 300,
  statementChars: 1_000_000,
  /** One test's input, and its answer, each at most this many UTF-8 bytes. */
  testFileBytes: 8 * 1024 * 1024,
  testsPerProblem: 1000,
  pointsPerTest: 1000,
  forbiddenStrings: 100,
  forbiddenChars: 1000,
};

/**
 * JSON bodies under /api/v1/problems may be this large (test data travels as JSON text there);
 * every other route keeps the smaller limit set in app.setup.ts.
 */
export const AUTHORING_BODY_LIMIT = 16 * 1024 * 1024;
