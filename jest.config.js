// Three tiers: unit (*.spec.ts beside the code), integration (*.integration-spec.ts against the
// real PostgreSQL, Redis and Docker engine) and end-to-end (test/*.e2e-spec.ts, real processes).
const moduleNameMapper = { '^@bastion/(.*)$': '<rootDir>/libs/$1/src' };
const transform = { '^.+\\.ts$': 'ts-jest' };
/** The end-to-end suites that run under both sandbox runtimes, runc (`e2e`) and gVisor (`e2e-runsc`). */
const RUNTIME_MATRIX = ['hostile', 'pipeline', 'faults', 'security', 'security-pairs'];
const base = { rootDir: __dirname, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'], moduleNameMapper, transform };
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,bench}/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs}/**/*.integration-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
    },
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
    },
    // The suites about the sandbox (hostile programs, security checks, the judging pipeline,
    // faults) once more with every sandbox under gVisor: `e2e` above runs them under runc.
    {
      ...base,
      displayName: 'e2e-runsc',
      testMatch: RUNTIME_MATRIX.map((suite) => `<rootDir>/test/${suite}.e2e-spec.ts`),
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      setupFiles: ['<rootDir>/test/setup/runtime-runsc.ts'],
    },
  ],
};
