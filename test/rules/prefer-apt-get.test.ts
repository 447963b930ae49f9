import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/package-managers/prefer-apt-get';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y curl\n',
    { name: 'apt-cache', code: 'FROM debian:12\nRUN apt-cache policy curl\n' },
    { name: 'apt as an argument', code: 'FROM debian:12\nRUN echo apt && ls /etc/apt\n' },
    { name: 'aptitude is another tool', code: 'FROM debian:12\nRUN aptitude --version\n' },
    { name: 'heredoc with apt-get', code: 'FROM debian:12\nRUN <<EOF\napt-get update\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN apt install curl\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt install -y curl\n',
      errors: [{ line: 2, column: 5, endColumn: 16, message: 'apt install at line 2 uses apt, whose command line is not stable for scripts; use `apt-get install` instead.' }],
      output: null,
    },
    { name: 'after &&', code: 'FROM debian:12\nRUN echo x && apt update\n', errors: [{ line: 2, column: 15, endColumn: 25 }], output: 'FROM debian:12\nRUN echo x && apt-get update\n' },
    { name: 'query subcommand suggests apt-cache', code: 'FROM debian:12\nRUN apt show curl\n', errors: [{ line: 2, message: 'use `apt-cache show`' }], output: null },
    { name: 'behind sudo, full path', code: 'FROM debian:12\nRUN sudo /usr/bin/apt -y install curl\n', errors: [{ line: 2, column: 10, endColumn: 33 }] },
    { name: 'no subcommand', code: 'FROM debian:12\nRUN apt --version\n', errors: [{ line: 2, column: 5, endColumn: 8, message: 'use `apt-get` instead' }], output: null },
    { name: 'ONBUILD', code: 'FROM debian:12\nONBUILD RUN apt install -y git\n', errors: [{ line: 2, column: 13 }] },
    { name: 'heredoc body', code: 'FROM debian:12\nRUN <<EOF\napt update\nEOF\n', errors: [{ line: 3, column: 1, endColumn: 11 }], output: 'FROM debian:12\nRUN <<EOF\napt-get update\nEOF\n' },
    {
      name: 'fix: install when the same RUN empties /var/cache/apt/archives, continuation with a comment line',
      code: 'FROM debian:12\nRUN apt update \\\n    # tools\n    && apt install -y curl \\\n    && apt clean\n',
      errors: [{ line: 2 }, { line: 4 }, { line: 5 }],
      output: 'FROM debian:12\nRUN apt-get update \\\n    # tools\n    && apt-get install -y curl \\\n    && apt-get clean\n',
    },
    {
      name: 'fix: heredoc, install followed by rm of the archives',
      code: 'FROM debian:12\nRUN <<EOF\nset -e\napt update\napt install -y curl\nrm -rf /var/cache/apt/archives/*.deb\nEOF\n',
      errors: [{ line: 4 }, { line: 5 }],
      output: 'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nrm -rf /var/cache/apt/archives/*.deb\nEOF\n',
    },
    {
      name: 'fix: install with a cache mount over /var/cache/apt',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt install -y curl\n',
      errors: [{ line: 2 }],
      output: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get install -y curl\n',
    },
    { name: 'fix: full path behind sudo', code: 'FROM debian:12\nRUN sudo /usr/bin/apt -y purge vim\n', errors: [{ line: 2 }], output: 'FROM debian:12\nRUN sudo /usr/bin/apt-get -y purge vim\n' },
    { name: 'fix: exec form', code: 'FROM debian:12\nRUN ["apt", "update"]\n', errors: [{ line: 2 }], output: 'FROM debian:12\nRUN ["apt-get", "update"]\n' },
    { name: 'fix: escape=` file', code: '# escape=`\nFROM debian:12\nRUN apt update `\n    && apt autoremove -y\n', errors: [{ line: 3 }, { line: 4 }], output: '# escape=`\nFROM debian:12\nRUN apt-get update `\n    && apt-get autoremove -y\n' },
    { name: 'no fix: upgrade (apt also installs new dependencies)', code: 'FROM debian:12\nRUN apt upgrade -y\n', errors: [{ line: 2 }], output: null },
    { name: 'no fix: search', code: 'FROM debian:12\nRUN apt search curl\n', errors: [{ line: 2 }], output: null },
    { name: 'no fix: install by glob', code: 'FROM debian:12\nRUN apt install -y "libssl*" && apt-get clean\n', errors: [{ line: 2 }], output: null },
  ],
});

describe('prefer-apt-get fixture', () => {
  it('fixes fixtures/prefer-apt-get/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/prefer-apt-get');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(fixedBy(rule, fixed, { code: fixed })).toBe(fixed);
    expect(findingsFor(rule, fixed).length).toBeLessThan(findingsFor(rule, bad).length);
  });
});
