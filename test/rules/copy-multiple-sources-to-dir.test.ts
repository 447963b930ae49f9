import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/instructions/copy-multiple-sources-to-dir';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12.5\nCOPY a.txt b.txt /dst/\n',
    { name: 'single source', code: 'FROM debian:12.5\nCOPY a.txt /dst\n' },
    { name: 'JSON form with slash', code: 'FROM debian:12.5\nCOPY ["a.txt", "b.txt", "/dst/"]\n' },
    { name: 'quoted destination with slash', code: 'FROM debian:12.5\nCOPY a b "/opt/app/"\n' },
    { name: 'ADD is not checked', code: 'FROM debian:12.5\nADD a.tar.gz b.tar.gz /opt\n' },
    { name: 'dot-slash', code: 'FROM debian:12.5\nWORKDIR /app\nCOPY --chown=1000 a b ./\n' },
    { name: 'ARG destination ending with slash', code: 'FROM debian:12.5\nARG DEST=/opt/app/\nCOPY a b $DEST\n' },
    { name: 'ARG without value', code: 'FROM debian:12.5\nARG DEST\nCOPY a b $DEST\n' },
  ],
  invalid: [
    {
      name: 'destination that may not exist yet: no fix (BuildKit would write a file there)',
      code: 'FROM debian:12.5\nCOPY a.txt b.txt /dst\n',
      errors: [{ line: 2, column: 18, endColumn: 22, message: "write '/dst/'" }],
      output: null,
    },
    { name: 'three sources', code: 'FROM debian:12.5\nCOPY a b c /opt/app\n', errors: [{ line: 2, message: 'COPY of 3 sources' }], output: null },
    {
      name: 'JSON form, destination not known to be a directory',
      code: 'FROM debian:12.5\nCOPY ["a.txt", "b.txt", "/dst"]\n',
      errors: [{ line: 2, column: 6 }],
      output: null,
    },
    {
      name: 'relative dest with --from',
      code: 'FROM debian:12.5 AS b\nFROM debian:12.5\nCOPY --from=b *.json main.js dist\n',
      errors: [{ line: 3 }],
      output: null,
    },
    {
      name: 'continuation with comment',
      code: 'FROM debian:12.5\nCOPY a \\\n# the second file\n  b \\\n  /dst\n',
      errors: [{ line: 5, column: 3 }],
      output: null,
    },
    { name: 'ARG destination without slash', code: 'FROM debian:12.5\nARG DEST=/opt\nCOPY a b $DEST\n', errors: [{ line: 3 }], output: null },
    {
      name: 'fix: `.` is the working directory',
      code: 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json .\n',
      errors: [{ line: 3, column: 37 }],
      output: 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\n',
    },
    {
      name: 'fix: `.` without any WORKDIR (BuildKit reads `.` as `./`)',
      code: 'FROM node:22-slim\nCOPY a.json b.json .\n',
      errors: [{ line: 2 }],
      output: 'FROM node:22-slim\nCOPY a.json b.json ./\n',
    },
    {
      name: 'fix: `..` is a directory above the working directory',
      code: 'FROM node:22-slim\nCOPY a b ..\n',
      errors: [{ line: 2 }],
      output: 'FROM node:22-slim\nCOPY a b ../\n',
    },
    {
      name: 'fix: the absolute path of the WORKDIR',
      code: 'FROM debian:12.5\nWORKDIR /srv/app\nCOPY --chown=app a.conf b.conf /srv/app\n',
      errors: [{ line: 3 }],
      output: 'FROM debian:12.5\nWORKDIR /srv/app\nCOPY --chown=app a.conf b.conf /srv/app/\n',
    },
    {
      name: 'fix: a directory above the WORKDIR, quoted',
      code: 'FROM debian:12.5\nWORKDIR /srv\nWORKDIR app\nCOPY a b "/srv"\n',
      errors: [{ line: 4 }],
      output: 'FROM debian:12.5\nWORKDIR /srv\nWORKDIR app\nCOPY a b "/srv/"\n',
    },
    {
      name: 'fix: variable destination naming the WORKDIR',
      code: 'FROM debian:12.5\nARG DEST=/opt\nWORKDIR /opt\nCOPY a b ${DEST}\n',
      errors: [{ line: 4 }],
      output: 'FROM debian:12.5\nARG DEST=/opt\nWORKDIR /opt\nCOPY a b ${DEST}/\n',
    },
    {
      name: 'fix: WORKDIR set in the stage it is built FROM',
      code: 'FROM debian:12.5 AS base\nWORKDIR /data\nFROM base\nCOPY a b /data\n',
      errors: [{ line: 4 }],
      output: 'FROM debian:12.5 AS base\nWORKDIR /data\nFROM base\nCOPY a b /data/\n',
    },
    {
      name: 'fix: JSON form, inside the last string',
      code: 'FROM debian:12.5\nWORKDIR /data\nCOPY ["a.txt", "b.txt", "/data"]\n',
      errors: [{ line: 3 }],
      output: 'FROM debian:12.5\nWORKDIR /data\nCOPY ["a.txt", "b.txt", "/data/"]\n',
    },
    {
      name: 'fix: destination on a continuation line after a comment line',
      code: 'FROM debian:12.5\nCOPY a \\\n# the second file\n  b \\\n  .\n',
      errors: [{ line: 5, column: 3 }],
      output: 'FROM debian:12.5\nCOPY a \\\n# the second file\n  b \\\n  ./\n',
    },
    {
      name: 'fix with the backtick escape directive',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY a.txt `\n  b.txt .\n',
      errors: [{ line: 4 }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY a.txt `\n  b.txt ./\n',
    },
    {
      name: 'relative WORKDIR on a base image: its absolute path is unknown, no fix',
      code: 'FROM debian:12.5\nWORKDIR app\nCOPY a b /app\n',
      errors: [{ line: 3 }],
      output: null,
    },
    {
      name: 'a subdirectory of the WORKDIR may not exist: no fix',
      code: 'FROM debian:12.5\nWORKDIR /app\nCOPY a b src\n',
      errors: [{ line: 3 }],
      output: null,
    },
    {
      name: 'a WORKDIR from a variable without a value: no fix',
      code: 'FROM debian:12.5\nARG ROOT\nWORKDIR /app\nWORKDIR $ROOT\nCOPY a b /app\n',
      errors: [{ line: 5 }],
      output: null,
    },
  ],
});

describe('copy-multiple-sources-to-dir fixture', () => {
  it('fixes fixtures/copy-multiple-sources-to-dir/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/copy-multiple-sources-to-dir');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(fixedBy(rule, fixed, { code: fixed })).toBe(fixed);
    expect(findingsFor(rule, fixed)).toEqual([]);
  });
});
