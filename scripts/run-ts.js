#!/usr/bin/env node
// Runs a TypeScript entry point (bench, docs generator) without a separate compile step:
// esbuild bundles it in memory, then Node runs the bundle as if it were the file itself.
'use strict';
const path = require('node:path');
const Module = require('node:module');
const esbuild = require('esbuild');

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.js <file.ts> [args...]');
  process.exit(2);
}
const file = path.resolve(entry);
const result = esbuild.buildSync({
  entryPoints: [file],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  write: false,
  sourcemap: 'inline',
  packages: 'external',
  logLevel: 'error',
});
process.argv = [process.argv[0], file, ...args];
const m = new Module(file, module);
m.filename = file;
m.paths = Module._nodeModulePaths(path.dirname(file));
m._compile(result.outputFiles[0].text, file);
