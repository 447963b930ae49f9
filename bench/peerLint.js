// dockerfile-utils' lint loop over many files in one process, for the bench's CLI comparison: its own CLI
// (`dockerfile-utils lint FILE`) takes one file per process, which would time 3,000 Node start-ups rather than linting.
// Same work per file as that CLI: read the file, validate(), print one line per diagnostic.
'use strict';
const { readdirSync, readFileSync, statSync } = require('node:fs');
const path = require('node:path');
const { validate } = require('dockerfile-utils');

const files = [];
for (const arg of process.argv.slice(2)) {
  if (statSync(arg).isDirectory()) {
    for (const name of readdirSync(arg).sort()) {
      const full = path.join(arg, name);
      if (statSync(full).isFile()) files.push(full);
    }
  } else files.push(arg);
}
const lines = [];
for (const file of files) {
  for (const d of validate(readFileSync(file).toString())) {
    lines.push(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`);
  }
}
process.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : '');
process.exitCode = lines.length > 0 ? 1 : 0;
