/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  globalSetup: '<rootDir>/test/support/buildCli.js',
  transform: { '^.+\\.ts$': '<rootDir>/test/support/esbuildTransform.js' },
};
