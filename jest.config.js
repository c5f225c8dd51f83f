// Three tiers: unit (*.spec.ts beside the code), integration (*.integration-spec.ts against the
// real PostgreSQL, Redis and Docker engine) and end-to-end (test/*.e2e-spec.ts, real processes).
const moduleNameMapper = { '^@bastion/(.*)$': '<rootDir>/libs/$1/src' };
const transform = { '^.+\\.ts$': 'ts-jest' };
const base = { rootDir: __dirname, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'], moduleNameMapper, transform };
module.exports = {
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
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
  ],
};
