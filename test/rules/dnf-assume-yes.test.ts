import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/package-managers/dnf-assume-yes';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'upgrades and removals are not checked', code: 'FROM fedora:41\nRUN dnf upgrade && dnf remove vim\n' },
    'FROM fedora:41\nRUN dnf install -y httpd-2.4.62\n',
    { name: '--assumeyes before the subcommand', code: 'FROM fedora:41\nRUN dnf --assumeyes install httpd-2.4.62\n' },
    { name: 'microdnf -y', code: 'FROM fedora:41\nRUN microdnf install -y tar-1.35 && microdnf clean all\n' },
    { name: 'yes piped in', code: 'FROM fedora:41\nRUN yes | dnf upgrade\n' },
    { name: 'repolist does not prompt', code: 'FROM fedora:41\nRUN dnf repolist\n' },
    { name: 'heredoc with -y', code: 'FROM fedora:41\nRUN <<EOF\ndnf install -y git-2.47.1\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN dnf install git\n' },
  ],
  invalid: [
    {
      code: 'FROM fedora:41\nRUN dnf install httpd-2.4.62\n',
      errors: [{ line: 2, column: 5, endColumn: 16, message: 'dnf install at line 2 can stop at a confirmation prompt, which fails the build; add `-y`.' }],
      output: 'FROM fedora:41\nRUN dnf install -y httpd-2.4.62\n',
    },
    { name: 'microdnf', code: 'FROM fedora:41\nRUN microdnf install httpd-2.4.62\n', errors: [{ line: 2, message: 'microdnf install' }], output: 'FROM fedora:41\nRUN microdnf install -y httpd-2.4.62\n' },
    { name: 'localinstall', code: 'FROM fedora:41\nRUN dnf localinstall ./x.rpm\n', errors: [{ line: 2, column: 5, endColumn: 21 }] },
    { name: 'ONBUILD', code: 'FROM fedora:41\nONBUILD RUN dnf install httpd-2.4.62\n', errors: [{ line: 2, column: 13 }] },
    {
      name: 'continuation with a comment line',
      code: 'FROM fedora:41\nRUN set -eux; \\\n# tools\n\tmicrodnf install \\\n\t\tgzip-1.13\n',
      errors: [{ line: 4, column: 2, endColumn: 18 }],
      output: 'FROM fedora:41\nRUN set -eux; \\\n# tools\n\tmicrodnf install -y \\\n\t\tgzip-1.13\n',
    },
    { name: 'heredoc body', code: 'FROM fedora:41\nRUN <<EOF\ndnf install vim-9.1\nEOF\n', errors: [{ line: 3, column: 1 }], output: 'FROM fedora:41\nRUN <<EOF\ndnf install -y vim-9.1\nEOF\n' },
    { name: 'fix: dnf5 module enable', code: 'FROM fedora:41\nRUN dnf5 module enable nodejs:20\n', errors: [{ line: 2 }], output: 'FROM fedora:41\nRUN dnf5 module enable -y nodejs:20\n' },
  ],
});

describe('dnf-assume-yes fixture', () => {
  it('fixes fixtures/dnf-assume-yes/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/dnf-assume-yes');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(fixedBy(rule, fixed, { code: fixed })).toBe(fixed);
    expect(findingsFor(rule, fixed).length).toBeLessThan(findingsFor(rule, bad).length);
  });
});
