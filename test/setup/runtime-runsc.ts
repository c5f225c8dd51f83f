/**
 * The jest project `e2e-runsc` (jest.config.js): the suites that run under both sandbox runtimes
 * judge here under gVisor. Jest gives each test file a copy of process.env, so this reaches only
 * that project's files, and the apps they start (test/support/system.ts passes it on).
 */
process.env.BASTION_SANDBOX_RUNTIME = 'runsc';
