const os = require('node:os');

/** @type {import('jest').Config} */
module.exports = {
  // Jest's default is one worker fewer than the CPUs, which on a 2-core machine (CI's, this team's) means one suite at a
  // time: 156 s of wall for ~110 s of CPU. Two workers keep both cores busy (the suites spend much of their time
  // waiting on the dfopt processes they spawn), measured at 59 s on the same loaded machine.
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // test/integration drives real consumers (pre-commit, npm install from the registry) and takes minutes:
  // `npm run test:integration` runs it (jest.integration.config.js), and .ci/run does after `npm test`.
  // test/corpus sweeps the whole shared corpus (minutes): `npm run test:corpus` (jest.corpus.config.js) runs it.
  // test/lsp-editor needs an editor (Neovim) or is slow: `npm run test:lsp` runs it.
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/integration/', '<rootDir>/test/corpus/', '<rootDir>/test/lsp-editor/'],
  globalSetup: '<rootDir>/test/support/buildCli.js',
  transform: { '^.+\\.ts$': '<rootDir>/test/support/esbuildTransform.js' },
};
