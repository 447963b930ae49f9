// Timed by the bench's cold-start table (`node bench/loadBundle.js`): the floor of a dfopt start-up. It reads
// dist/cli.js and its V8 code cache and compiles the bundle from the cache as bin/dfopt.js does, then stops before
// running any of it (no module initialised, nothing linted). Exit 3 when V8 rejected the cache: the row would then time
// a compile from source, not what a user's start-up does.
'use strict';
const { readFileSync } = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const file = path.join(__dirname, '..', 'dist', 'cli.js');
const script = new vm.Script(readFileSync(file, 'latin1'), { filename: file, cachedData: readFileSync(`${file}.cache`) });
if (script.cachedDataRejected) process.exitCode = 3;
