/**
 * e2e: the built app (dist/) runs as a child process per test file, on its own fresh database
 * (a copy of a migrated PGlite data dir, or CREATE DATABASE … TEMPLATE on real PostgreSQL with
 * E2E_DATABASE_URL), and is driven over HTTP and WebSocket only.
 */
const swc = ['@swc/jest', JSON.parse(require('fs').readFileSync(`${__dirname}/../.swcrc`, 'utf8'))];
module.exports = {
  rootDir: `${__dirname}/..`,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
