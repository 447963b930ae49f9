#!/usr/bin/env node
// Bundles the CLI into one file: one module to load keeps `dfopt` start-up close to bare `node`.
// yaml and picomatch stay external: they are required lazily, only when a config file or a glob needs them.
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
  external: ['yaml', 'picomatch'],
  logLevel: 'warning',
});
