#!/usr/bin/env node
'use strict';
// Start-up is dominated by V8 compiling the bundled CLI, so the bundle is compiled with the code cache that
// `npm run build` wrote after a warm-up run. V8 checks the cache against its version, flags and the source, and
// silently compiles from scratch when it does not match (another Node version, a rebuilt bundle).
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire } = require('node:module');

const file = path.join(__dirname, '..', 'dist', 'cli.js');
const cacheFile = `${file}.cache`;
const source = fs.readFileSync(file, 'utf8');
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  // No cache (a build without one): compile normally.
}
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: file,
  cachedData,
});
if (process.env.DFOPT_WRITE_CODE_CACHE === '1') {
  process.on('exit', () => fs.writeFileSync(cacheFile, script.createCachedData()));
}
const cliModule = { exports: {} };
script.runInThisContext()(cliModule.exports, createRequire(file), cliModule, file, path.dirname(file));
