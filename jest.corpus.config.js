// `npm run test:corpus`: the whole-corpus sweeps (every ../shared/corpus file linted with every rule, and fixed
// twice), minutes of CPU, so they stay out of `npm test` and .ci/run calls them after it.
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: ['<rootDir>/test/corpus'],
  testPathIgnorePatterns: ['/node_modules/'],
};
