import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/package-managers/zypper-non-interactive';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0\n',
    { name: '--non-interactive', code: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive in curl=8.6.0\n' },
    { name: '-y and --no-confirm after the subcommand', code: 'FROM opensuse/leap:15.6\nRUN zypper install -y curl=8.6.0 && zypper rm --no-confirm vim\n' },
    { name: 'refresh and clean do not prompt', code: 'FROM opensuse/leap:15.6\nRUN zypper refresh && zypper clean --all\n' },
    { name: 'heredoc with -n', code: 'FROM opensuse/leap:15.6\nRUN <<EOF\nzypper -n in curl=8.6.0\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN zypper in curl\n' },
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper install curl=8.6.0\n',
      errors: [{ line: 2, column: 5, endColumn: 19, message: 'zypper install at line 2 can stop at a confirmation prompt, which fails the build; add `zypper --non-interactive install`.' }],
      output: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0\n',
    },
    { name: 'remove', code: 'FROM opensuse/leap:15.6\nRUN zypper rm curl\n', errors: [{ line: 2, message: 'zypper rm' }], output: 'FROM opensuse/leap:15.6\nRUN zypper -n rm curl\n' },
    { name: 'patch', code: 'FROM opensuse/leap:15.6\nRUN zypper patch\n', errors: [{ line: 2 }] },
    { name: '-n after install means --name', code: 'FROM opensuse/leap:15.6\nRUN zypper in -n curl=8.6.0\n', errors: [{ line: 2, column: 5, endColumn: 14 }], output: 'FROM opensuse/leap:15.6\nRUN zypper -n in -n curl=8.6.0\n' },
    { name: 'dup', code: 'FROM opensuse/leap:15.6\nRUN zypper dup\n', errors: [{ line: 2 }] },
    { name: 'heredoc body', code: 'FROM opensuse/leap:15.6\nRUN <<EOF\nzypper in curl=8.6.0\nEOF\n', errors: [{ line: 3, column: 1, endColumn: 10 }], output: 'FROM opensuse/leap:15.6\nRUN <<EOF\nzypper -n in curl=8.6.0\nEOF\n' },
    {
      name: 'fix: -n before the subcommand, after other global options, continuation with a comment line',
      code: 'FROM opensuse/leap:15.6\nRUN zypper refresh \\\n    # then install\n    && zypper --quiet install curl=8.6.0\n',
      errors: [{ line: 4 }],
      output: 'FROM opensuse/leap:15.6\nRUN zypper refresh \\\n    # then install\n    && zypper --quiet -n install curl=8.6.0\n',
    },
    { name: 'fix: exec form', code: 'FROM opensuse/leap:15.6\nRUN ["zypper", "in", "curl"]\n', errors: [{ line: 2 }], output: 'FROM opensuse/leap:15.6\nRUN ["zypper", "-n", "in", "curl"]\n' },
  ],
});

describe('zypper-non-interactive fixture', () => {
  it('fixes fixtures/zypper-non-interactive/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/zypper-non-interactive');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(fixedBy(rule, fixed, { code: fixed })).toBe(fixed);
    expect(findingsFor(rule, fixed).length).toBeLessThan(findingsFor(rule, bad).length);
  });
});
