/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Slow or needing an editor: run by `npm run test:lsp`.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/lsp-editor/'],
  globalSetup: '<rootDir>/test/support/buildCli.js',
  transform: { '^.+\\.ts$': '<rootDir>/test/support/esbuildTransform.js' },
};
