import rule from '../../rules/instructions/absolute-workdir';
import { findingsFor, runRuleTests } from '../support/ruleTester';
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
    { code: 'FROM debian:12.5\nWORKDIR app\n', errors: [{ line: 2, column: 9, endColumn: 12, message: "WORKDIR 'app' is relative" }] },
    { name: 'dot-relative', code: 'FROM debian:12.5\nWORKDIR ./src\n', errors: [{ line: 2 }] },
    { name: 'quoted relative', code: 'FROM debian:12.5\nWORKDIR "build/out"\n', errors: [{ line: 2, message: "'build/out' is relative, so it depends on the working directory of the base image" }] },
    { name: 'after an absolute one', code: 'FROM debian:12.5\nWORKDIR /srv\nWORKDIR data\n', errors: [{ line: 3, message: 'set before it' }] },
    {
      name: 'ARG default that is relative (hadolint skips any $)',
      code: 'FROM debian:12.5\nARG DIR=app\nWORKDIR $DIR\n',
      errors: [{ line: 3, message: "'$DIR' (= 'app')" }],
    },
    { name: 'backslash is relative on Linux', code: 'FROM debian:12.5\nWORKDIR \\app\n', errors: [{ line: 2 }] },
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
