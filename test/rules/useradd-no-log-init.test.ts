import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/shell-commands/useradd-no-log-init';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'with -l', code: 'FROM debian:12\nRUN useradd -l -u 123456 app\n' },
    { name: 'with --no-log-init', code: 'FROM debian:12\nRUN useradd --no-log-init -u 123456 app\n' },
    { name: 'short uid', code: 'FROM debian:12\nRUN useradd -u 65534 app\n' },
    { name: 'no uid', code: 'FROM debian:12\nRUN useradd -m app\n' },
    { name: 'adduser is not useradd', code: 'FROM debian:12\nRUN adduser -u 123456 app\n' },
    { name: 'uid from a variable', code: 'FROM debian:12\nARG USER_ID=1000\nRUN useradd -u ${USER_ID} app\n' },
    { name: 'l in a cluster', code: 'FROM debian:12\nRUN useradd -lmu 123456 app\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN useradd -u 123456 app\n' },
    { name: 'heredoc with -l', code: 'FROM debian:12\nRUN <<EOF\nuseradd -l -u 2000000 app\nEOF\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN useradd -u 123456 app\n',
      errors: [{ line: 2, column: 13, endColumn: 15, message: 'useradd at line 2 creates UID 123456 without `-l`' }],
      output: 'FROM debian:12\nRUN useradd -l -u 123456 app\n',
    },
    {
      name: 'after other flags',
      code: 'FROM debian:12\nRUN useradd -m -s /bin/bash -u 2000000 app\n',
      errors: [{ line: 2, column: 29 }],
      output: 'FROM debian:12\nRUN useradd -l -m -s /bin/bash -u 2000000 app\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian:12\nONBUILD RUN useradd -u 99999999 app\n',
      errors: [{ line: 2 }],
      output: 'FROM debian:12\nONBUILD RUN useradd -l -u 99999999 app\n',
    },
    {
      name: '--uid (hadolint misses it)',
      code: 'FROM debian:12\nRUN useradd --uid 1000000 app\n',
      errors: [{ line: 2, column: 13, endColumn: 18 }],
      output: 'FROM debian:12\nRUN useradd -l --uid 1000000 app\n',
    },
    { name: '--uid=', code: 'FROM debian:12\nRUN useradd --uid=1000000 app\n', errors: [{ line: 2 }], output: 'FROM debian:12\nRUN useradd -l --uid=1000000 app\n' },
    {
      name: 'in a cluster, behind sudo and a full path',
      code: 'FROM debian:12\nRUN sudo /usr/sbin/useradd -mu 1000000 app\n',
      errors: [{ line: 2 }],
      output: 'FROM debian:12\nRUN sudo /usr/sbin/useradd -l -mu 1000000 app\n',
    },
    {
      name: 'heredoc',
      code: 'FROM debian:12\nRUN <<EOF\nuseradd -u 2000000 app\nEOF\n',
      errors: [{ line: 3, column: 9 }],
      output: 'FROM debian:12\nRUN <<EOF\nuseradd -l -u 2000000 app\nEOF\n',
    },
    {
      name: 'continuation with a comment line',
      code: 'FROM debian:12\nRUN groupadd -g 1000000 app \\\n# then the user\n && useradd -g app -u 1000000 app\n',
      errors: [{ line: 4, column: 20 }],
      output: 'FROM debian:12\nRUN groupadd -g 1000000 app \\\n# then the user\n && useradd -l -g app -u 1000000 app\n',
    },
    {
      name: 'exec form',
      code: 'FROM debian:12\nRUN ["useradd", "-u", "1000000", "app"]\n',
      errors: [{ line: 2, column: 17, endColumn: 21 }],
      output: 'FROM debian:12\nRUN ["useradd", "-l", "-u", "1000000", "app"]\n',
    },
    {
      name: 'two useradds in one RUN, each fixed',
      code: 'FROM debian:12\nRUN useradd -u 1000001 a && useradd -u 1000002 b\n',
      errors: [{ line: 2, column: 13 }, { line: 2, column: 37 }],
      output: 'FROM debian:12\nRUN useradd -l -u 1000001 a && useradd -l -u 1000002 b\n',
    },
    {
      name: 'the program word split by a line continuation: no fix',
      code: 'FROM debian:12\nRUN user\\\nadd -u 1000000 app\n',
      errors: [{ line: 3 }],
      output: null,
    },
  ],
});

describe('useradd-no-log-init fixture', () => {
  it('fixes fixtures/useradd-no-log-init/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/useradd-no-log-init');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(fixedBy(rule, fixed, { code: fixed })).toBe(fixed);
    expect(findingsFor(rule, fixed)).toEqual([]);
  });
});
