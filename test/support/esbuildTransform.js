// Jest transformer: esbuild strips TypeScript types (no type-checking; `npm run typecheck` does that once).
// Chosen over @swc/jest and ts-jest: esbuild is already our bundler, and its platform binaries are all in the
// lockfile, so `npm ci` works on any machine (see README, Development).
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: 'ts',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'both',
      sourcefile: filename,
    });
    return { code, map };
  },
};
