#!/usr/bin/env node
// Bundles the CLI into one file: one module to load keeps `dfopt` start-up close to bare `node`.
'use strict';
const esbuild = require('esbuild');

esbuild.buildSync({
  entryPoints: { cli: 'src/cli/main.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'warning',
});
