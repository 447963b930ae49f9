import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/package-managers/apt-get-assume-yes';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'removals are not checked (their prompt fails the build at once)', code: 'FROM debian:12\nRUN apt-get purge curl\n' },
    { name: 'upgrades are no-apt-upgrade\'s', code: 'FROM debian:12\nONBUILD RUN apt-get dist-upgrade\n' },
    'FROM debian:12\nRUN apt-get install -y curl=7.88.1-10\n',
    { name: '--yes and --assume-yes after the package', code: 'FROM debian:12\nRUN apt-get install --yes curl && apt-get install curl --assume-yes\n' },
    { name: 'combined -qy', code: 'FROM debian:12\nRUN apt-get install -qy curl\n' },
    { name: '-qq implies -y, before the subcommand', code: 'FROM debian:12\nRUN apt-get -qq install curl && apt-get -q -q purge wget\n' },
    { name: '-o APT::Get::Assume-Yes', code: 'FROM debian:12\nRUN apt-get -o APT::Get::Assume-Yes=true install curl\n' },
    { name: 'config written by an earlier RUN', code: 'FROM debian:12\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes\nRUN apt-get install curl\n' },
    { name: 'yes piped in', code: 'FROM debian:12\nRUN yes | apt-get install curl\n' },
    { name: 'update does not prompt', code: 'FROM debian:12\nRUN apt-get update\n' },
    { name: '-o value is not a flag cluster', code: 'FROM debian:12\nRUN apt-get install -y -oDpkg::Options::=--force-confnew curl\n' },
    { name: 'heredoc with -y', code: 'FROM debian:12\nRUN <<EOF\napt-get install -y curl\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN apt-get install curl\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get install --no-install-recommends curl\n',
      errors: [{ line: 2, column: 5, endColumn: 20, message: 'apt-get install at line 2 can stop at a confirmation prompt, which fails the build; add `-y`.' }],
      output: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n',
    },
    { name: '-y on another command', code: 'FROM debian:12\nRUN apt-get update -y && apt-get install curl\n', errors: [{ line: 2, column: 26 }], output: 'FROM debian:12\nRUN apt-get update -y && apt-get install -y curl\n' },
    { name: 'a single -q does not answer', code: 'FROM debian:12\nRUN apt-get -q install curl\n', errors: [{ line: 2, column: 5, endColumn: 23 }], output: 'FROM debian:12\nRUN apt-get -q install -y curl\n' },
    { name: 'reinstall installs too', code: 'FROM debian:12\nRUN apt-get reinstall curl\n', errors: [{ line: 2, message: 'apt-get reinstall' }] },
    { name: 'ONBUILD', code: 'FROM debian:12\nONBUILD RUN apt-get install curl\n', errors: [{ line: 2, column: 13 }], output: 'FROM debian:12\nONBUILD RUN apt-get install -y curl\n' },
    {
      name: 'continuation with a comment line',
      code: 'FROM debian:12\nRUN apt-get update \\\n# then\n    && apt-get install curl\n',
      errors: [{ line: 4, column: 8 }],
      output: 'FROM debian:12\nRUN apt-get update \\\n# then\n    && apt-get install -y curl\n',
    },
    { name: 'heredoc body', code: 'FROM debian:12\nRUN <<EOF\napt-get install curl\nEOF\n', errors: [{ line: 3, column: 1, endColumn: 16 }], output: 'FROM debian:12\nRUN <<EOF\napt-get install -y curl\nEOF\n' },
    { name: 'exec form', code: 'FROM debian:12\nRUN ["apt-get", "install", "curl"]\n', errors: [{ line: 2, column: 6, endColumn: 26 }], output: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n' },
    {
      name: 'fix: -y after the subcommand, continuation with a comment line inside the arguments',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install \\\n    # tools\n    curl \\\n    git\n',
      errors: [{ line: 2 }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y \\\n    # tools\n    curl \\\n    git\n',
    },
    { name: 'fix: behind sudo', code: 'FROM debian:12\nRUN sudo apt-get install curl\n', errors: [{ line: 2 }], output: 'FROM debian:12\nRUN sudo apt-get install -y curl\n' },
    {
      name: 'fix: escape=` file',
      code: '# escape=`\nFROM debian:12\nRUN apt-get update && apt-get install `\n    curl\n',
      errors: [{ line: 3 }],
      output: '# escape=`\nFROM debian:12\nRUN apt-get update && apt-get install -y `\n    curl\n',
    },
  ],
});

describe('apt-get-assume-yes fixture', () => {
  it('fixes fixtures/apt-get-assume-yes/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/apt-get-assume-yes');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(fixedBy(rule, fixed, { code: fixed })).toBe(fixed);
    expect(findingsFor(rule, fixed).length).toBeLessThan(findingsFor(rule, bad).length);
  });
});
