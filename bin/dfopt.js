#!/usr/bin/env node
'use strict';
// Start-up is dominated by V8 compiling the bundled CLI, so the bundle is compiled with a V8 code cache
// (dist/cli.js.cache). V8 checks the cache against its version, flags and the source, and silently compiles from
// scratch when it does not match (another Node version, a rebuilt bundle). A cache fits only the Node build that made
// it, so the npm package ships none: the first run on a Node writes one beside the bundle (when that directory is
// writable), and a run whose cache V8 rejected replaces it. A damaged cache that still passes those checks crashes
// V8, so the file is only ever replaced whole (temp file + rename).
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { Buffer } = require('node:buffer');

// V8's cumulative inlining budget for one TurboFan compile, in bytecode bytes (V8's default is 920). dfopt runs the
// same ~100 rules over and over (a tree of files, or one text at every keystroke in the language server), so much of
// a run is spent with TurboFan compiling them on the other core. At 150, the small inlines (accessors, tiny helpers)
// stay, and compiling over the first 300 lints of a 300-line file costs 0.95 s instead of 1.6 s, with the steady
// state unchanged (lint p50 1.38 ms either way). Measured (issues 17, 18): the language server's p95 over 1,000
// edits went from 5.3-6.2 ms to 3.9-4.8 ms, and `dfopt lint` over the corpus from 9.3-9.9 s to 7.5-8.5 s of user
// CPU (before TIER_UP_BUDGET). Set below, after the bundle compiles, and only for a run that may be long (see
// shortRun). scripts/fuzz.ts reads INLINING_BUDGET from here, so that its CPU figures are a long run's.
const INLINING_BUDGET = '--max-inlined-bytecode-size-cumulative=150';
const INLINING_DEFAULT = '--max-inlined-bytecode-size-cumulative=920';
// V8's interrupt budget, the bytecode a function runs between two checks for tiering up (V8 11.3's default: 67584),
// raised for a long lint or fix: a function now runs ~7 times longer before TurboFan compiles it. Over a tree of
// Dockerfiles most rule code runs often enough to be worth Sparkplug's code but not a TurboFan compile. Measured
// (issue 18; A/B of budgets 100k-900k, 7 interleaved runs each, medians): `dfopt lint` over the corpus 8.3 -> 6.0 s of
// user+sys CPU (1.52x -> 1.13x dockerfile-utils' bench/peerLint.js in the same rounds), peak RSS 151 -> 135 MB,
// wall 7.8 -> 5.3 s; over 300 files 1.52 -> 0.96 s, over 100 files 0.58 -> 0.47 s; `dfopt fix` over 200 files 1.44
// -> 0.99 s. 450k and 600k alike; 900k no better over the corpus and slower on the fuzz's giants, whose lint is no
// slower at 450k but whose fix and fix --unsafe after it are 4-9 % slower in all (up to 20 % at 900k). It is what
// pays for the young generation runLint keeps small (SEMI_SPACE_GROWTH). Not set for `dfopt lsp` (not measured
// there). scripts/fuzz.ts reads it from here too.
const TIER_UP_BUDGET = '--interrupt-budget=450000';
const TIER_UP_DEFAULT = '--interrupt-budget=67584';
// Young-generation collections (scavenges) on the main thread alone, for a long lint or fix. A lint keeps most of
// what it allocates until it ends (parsed scripts, memos, findings), so its scavenges copy much and V8 spreads them over
// its 4 platform threads, which on a 2-core machine cost more CPU than they save in wall time. Measured (issue 18, 2
// cores): `dfopt lint` over the corpus 6.42 -> 6.06 s of user+sys CPU (medians of 5 interleaved runs), wall 5.09 ->
// 5.01 s, RSS unchanged; the fuzz's many-RUN giant (3,710 RUNs) lint 1.14-1.24 -> 0.79-0.88 s CPU, its helper threads
// 0.8 -> 0.45 s. Only this one of V8's GC-threading flags: the marking ones crash V8 when set after start-up.
const SERIAL_SCAVENGE = '--no-parallel-scavenge';
const SERIAL_SCAVENGE_DEFAULT = '--parallel-scavenge';
// Past this many bytes in all, named files make a run long enough for the budgets above to pay, as a tree does (see
// shortRun). Measured (issue 18; perf stat task-clock of `dfopt lint`, alternating runs, medians, on a loaded machine):
// the fuzz's 150 KB giant of 4,871 one-line RUNs 1,506 -> 1,059 ms (its `fix --dry-run` 1,753 -> 1,314 ms); files of
// 250 and 160 such RUNs (7.4 and 4.7 KB) 214 -> 174 and 191 -> 170 ms; corpus files of 6.8 and 13.5 KB no different
// (129 vs 137, 133 vs 130 ms). Below 4 KiB, as before: a one-file run skips loading node:v8 (~1.5 ms).
const SHORT_RUN_BYTES = 4 * 1024;
const args = process.argv.slice(2);
// `dfopt --version` (scripts and pre-commit set-ups ask at every run) is answered here, without reading the bundle:
// the version yargs and the bundle print. Only a whole write counts; anything else (a full or closed pipe, a failed
// write) goes on to the bundle, which says the same and reports write errors as every command does.
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v') && printVersion()) return;
const file = path.join(__dirname, '..', 'dist', 'cli.js');
const cacheFile = `${file}.cache`;
const { script, missing } = compileBundle();
// A run over a few small named files (pre-commit's) is over before TurboFan does much, and loading node:v8 to set
// the budget loads Node's stream modules with it: ~1.5 ms of a one-file `dfopt lint`. Set after the compile, so that
// V8 checks the cache under its default flags in every run (V8 rejects a cache made under other flags).
let v8;
if (!shortRun(args)) {
  v8 = require('node:v8');
  v8.setFlagsFromString(args[0] === 'lsp' ? INLINING_BUDGET : `${INLINING_BUDGET} ${TIER_UP_BUDGET} ${SERIAL_SCAVENGE}`);
}
// DFOPT_WRITE_CODE_CACHE: 1 always writes (the build's warm-up run), 0 never does.
const mode = process.env.DFOPT_WRITE_CODE_CACHE;
if (mode === '1' || (mode !== '0' && missing && writable(path.dirname(file)))) {
  // At exit, so the cache holds every function this run compiled, not only the top level.
  process.on('exit', () => {
    const temp = `${cacheFile}.${process.pid}.tmp`;
    try {
      // Back to V8's default first: the cache records the flags it was made under, and is read under the default.
      v8?.setFlagsFromString(`${INLINING_DEFAULT} ${TIER_UP_DEFAULT} ${SERIAL_SCAVENGE_DEFAULT}`);
      fs.writeFileSync(temp, script.createCachedData());
      fs.renameSync(temp, cacheFile);
    } catch {
      fs.rmSync(temp, { force: true }); // a cache is an optimisation: never fail a run over it
    }
  });
}
const cliModule = { exports: {} };
// This file's own require, not createRequire(file) (which loads node:module and Node's ESM loader, ~0.3 ms): bin/
// and dist/ are siblings without node_modules, so the bundle's require('yaml') resolves the same from either.
script.runInThisContext()(cliModule.exports, require, cliModule, file, path.dirname(file));

/**
 * True when the command line names only a few existing files (or --stdin) of no more than SHORT_RUN_BYTES in all, and
 * no directory or glob, or asks for the version or the help: a short run.
 * A word that is not a path and follows an option is taken as that option's value (`--format json`). Only a guess
 * for speed: a wrong one costs a long run its inlining budget or a short one ~1.5 ms, never a different result.
 */
function shortRun(args) {
  if (args.length === 1 && ['--version', '-v', '--help', '-h'].includes(args[0])) return true;
  // The language server lints at every keystroke for hours: the longest run there is (whatever files cwd holds).
  if (args[0] === 'lsp') return false;
  let files = 0;
  let bytes = 0;
  let stdin = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--stdin') stdin = true;
    if (arg.startsWith('-') || (i === 0 && (arg === 'lint' || arg === 'fix'))) continue;
    let stat;
    try {
      stat = fs.statSync(arg);
    } catch {
      if (i > 0 && args[i - 1].startsWith('-') && !args[i - 1].includes('=')) continue;
      return false;
    }
    if (!stat.isFile() || ++files > 8) return false;
    bytes += stat.size;
  }
  return (files > 0 || stdin) && bytes <= SHORT_RUN_BYTES;
}

/**
 * Reads the bundle and its code cache and compiles the bundle. A function of its own because this file's frame lives
 * as long as the run, and V8 keeps the temporaries of a frame's expressions (the buffer, its slices) in the frame's
 * registers, which clearing the variables does not reach: with this code at top level, a heap snapshot taken late in a
 * corpus run still held the 0.9 MB buffer. The compiled code is V8's: nothing here is needed after the compile.
 */
function compileBundle() {
  // Both files are read through one buffer: the bundle's text is copied out of it into a string before the cache is
  // read in, so its pages are touched (faulted in) once, not twice: ~200 page faults fewer at every start.
  const bundleFd = fs.openSync(file, 'r');
  let cacheFd;
  try {
    cacheFd = fs.openSync(cacheFile, 'r');
  } catch {
    // No cache yet: compile normally (and write one at exit).
  }
  const bundleSize = fs.fstatSync(bundleFd).size;
  const cacheSize = cacheFd === undefined ? 0 : fs.fstatSync(cacheFd).size;
  const buffer = Buffer.allocUnsafeSlow(Math.max(bundleSize, cacheSize));
  // latin1, not utf8: the same string for the bundle's ASCII (esbuild escapes the rest, and the build checks), decoded
  // without UTF-8 validation, a measurable part of reading 800 KB at every start.
  const source = buffer.toString('latin1', 0, readWhole(bundleFd, buffer, bundleSize));
  let cachedData;
  if (cacheFd !== undefined) {
    try {
      cachedData = buffer.subarray(0, readWhole(cacheFd, buffer, cacheSize));
    } catch {
      // Unreadable: compile normally, as without one.
    }
  }
  // The bundle is a function expression (the build wraps it as Node wraps a CommonJS module), called by the caller.
  const script = new vm.Script(source, { filename: file, cachedData });
  return { script, missing: cachedData === undefined || script.cachedDataRejected === true };
}

/** Reads fd from its start into buffer, up to size bytes or the end of the file, closes it, returns the length read. */
function readWhole(fd, buffer, size) {
  let length = 0;
  try {
    for (let n; length < size && (n = fs.readSync(fd, buffer, length, size - length, null)) > 0; ) length += n;
  } finally {
    fs.closeSync(fd);
  }
  return length;
}

function printVersion() {
  const text = `${require('../package.json').version}\n`;
  try {
    return fs.writeSync(1, text) === text.length;
  } catch {
    return false;
  }
}

function writable(dir) {
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
