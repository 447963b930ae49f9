// `npm run test:integration`: the slow end-to-end tests under test/integration, one at a time (each runs npm
// installs that want the machine's cores and network to themselves). They build what they need themselves
// (npm pack runs the `prepare` build), so there is no globalSetup.
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/integration'],
  testPathIgnorePatterns: ['/node_modules/'],
  globalSetup: undefined,
  maxWorkers: 1,
  testTimeout: 15 * 60 * 1000,
};
