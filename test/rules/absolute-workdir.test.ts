import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/instructions/absolute-workdir';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';
import { lintText } from '../../src/index';

runRuleTests(rule, {
  valid: [
    'FROM debian:12.5\nWORKDIR /usr/src/app\n',
    { name: 'quoted absolute', code: 'FROM debian:12.5\nWORKDIR "/opt/my app"\n' },
    { name: 'ARG default resolves to an absolute path', code: 'FROM debian:12.5\nARG DIR=/opt\nWORKDIR $DIR\n' },
    { name: 'ENV in a braced variable', code: 'FROM debian:12.5\nENV HOME_DIR=/home/u\nWORKDIR ${HOME_DIR}/build\n' },
    { name: 'variable with no known value', code: 'FROM debian:12.5\nARG DIR\nWORKDIR $DIR/app\n' },
    { name: 'Windows drive letter', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\\\app\n' },
    { name: 'Windows forward slashes', code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR c:/build\n' },
    {
      name: 'leading backslash under a PowerShell SHELL',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nWORKDIR \\app\n',
    },
    { name: 'path on a continuation line', code: 'FROM debian:12.5\nWORKDIR \\\n# where the app lives\n  /srv/app\n' },
  ],
  invalid: [
    { code: 'FROM debian:12.5\nWORKDIR app\n', errors: [{ line: 2, column: 9, endColumn: 12, message: "WORKDIR 'app' is relative" }], output: null },
    { name: 'dot-relative', code: 'FROM debian:12.5\nWORKDIR /srv/\nWORKDIR ./src\n', errors: [{ line: 3 }], output: 'FROM debian:12.5\nWORKDIR /srv/\nWORKDIR /srv/src\n' },
    { name: 'quoted relative', code: 'FROM debian:12.5\nWORKDIR "build/out"\n', errors: [{ line: 2, message: "'build/out' is relative, so it depends on the working directory of the base image" }] },
    { name: 'after an absolute one', code: 'FROM debian:12.5\nWORKDIR /srv\nWORKDIR data\n', errors: [{ line: 3, message: 'set before it' }], output: 'FROM debian:12.5\nWORKDIR /srv\nWORKDIR /srv/data\n' },
    {
      name: 'several relative ones in a row, lower case, parent directory',
      code: 'from debian:12.5\nworkdir /srv/app\nrun make\nworkdir build/\nworkdir ../dist\n',
      errors: [{ line: 4 }, { line: 5 }],
      output: 'from debian:12.5\nworkdir /srv/app\nrun make\nworkdir /srv/app/build\nworkdir /srv/app/dist\n',
    },
    {
      name: 'quoted, on a continuation line with a comment line',
      code: 'FROM debian:12.5\nWORKDIR "/opt/my app"\nWORKDIR \\\n# output\n  "out"\n',
      errors: [{ line: 5 }],
      output: 'FROM debian:12.5\nWORKDIR "/opt/my app"\nWORKDIR \\\n# output\n  "/opt/my app/out"\n',
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM debian:12.5\nWORKDIR /srv\nWORKDIR `\n# logs\n  log\n',
      errors: [{ line: 6 }],
      output: '# escape=`\nFROM debian:12.5\nWORKDIR /srv\nWORKDIR `\n# logs\n  /srv/log\n',
    },
    { name: 'scratch starts at /', code: 'FROM scratch\nWORKDIR app\n', errors: [{ line: 2 }], output: 'FROM scratch\nWORKDIR /app\n' },
    {
      name: 'known through the stage it is built FROM',
      code: 'FROM debian:12.5 AS base\nWORKDIR /srv\nFROM base\nWORKDIR data\n',
      errors: [{ line: 4 }],
      output: 'FROM debian:12.5 AS base\nWORKDIR /srv\nFROM base\nWORKDIR /srv/data\n',
    },
    { name: 'a variable on the way: no fix', code: 'FROM debian:12.5\nARG ROOT=/srv\nWORKDIR $ROOT\nWORKDIR data\n', errors: [{ line: 4 }], output: null },
    { name: 'relative after relative from an unknown base: no fix', code: 'FROM debian:12.5\nWORKDIR app\nWORKDIR data\n', errors: [{ line: 2 }, { line: 3 }], output: null },
    {
      name: 'ONBUILD WORKDIR in the parent stage: no fix',
      code: 'FROM debian:12.5 AS base\nWORKDIR /srv\nONBUILD WORKDIR /other\nFROM base\nWORKDIR data\n',
      errors: [{ line: 5 }],
      output: null,
    },
    {
      name: 'ARG default that is relative (hadolint skips any $)',
      code: 'FROM debian:12.5\nARG DIR=app\nWORKDIR $DIR\n',
      errors: [{ line: 3, message: "'$DIR' (= 'app')" }],
    },
    { name: 'backslash is relative on Linux', code: 'FROM scratch\nWORKDIR \\app\n', errors: [{ line: 2 }], output: null },
    { name: 'lower-case instruction', code: 'from debian:12.5\nworkdir build\n', errors: [{ line: 2 }] },
  ],
});

describe('absolute-workdir codes', () => {
  const codes = (text: string) => lintText(text, { extends: 'all' }).findings.filter((f) => f.ruleId === rule.meta.id).map((f) => f.codes);

  it('adds WorkdirRelativePath only on the first WORKDIR of a stage, as BuildKit', () => {
    expect(codes('FROM debian:12.5\nWORKDIR app\nWORKDIR src\n')).toEqual([['DL3000', 'WorkdirRelativePath'], ['DL3000']]);
  });

  it('counts WORKDIRs of the stage it is built FROM', () => {
    expect(codes('FROM debian:12.5 AS base\nWORKDIR /srv\nFROM base\nWORKDIR data\n')).toEqual([['DL3000']]);
    expect(findingsFor(rule, 'FROM debian:12.5 AS base\nWORKDIR /srv\nFROM base\nWORKDIR data\n')).toHaveLength(1);
  });

  it('gives a new external stage its own first WORKDIR', () => {
    expect(codes('FROM debian:12.5\nWORKDIR /srv\nFROM alpine:3.20\nWORKDIR data\n')).toEqual([['DL3000', 'WorkdirRelativePath']]);
  });
});

describe('absolute-workdir fixture', () => {
  it('fixes fixtures/absolute-workdir/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/absolute-workdir');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(fixedBy(rule, fixed, { code: fixed })).toBe(fixed);
    expect(findingsFor(rule, fixed).length).toBeLessThan(findingsFor(rule, bad).length);
  });
});
