import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/package-managers/yum-assume-yes';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'updates and removals are not checked', code: 'FROM rockylinux:9\nRUN yum update && yum remove vim\n' },
    'FROM rockylinux:9\nRUN yum install -y httpd-2.4.57\n',
    { name: '--assumeyes before the subcommand', code: 'FROM rockylinux:9\nRUN yum --assumeyes install httpd-2.4.57\n' },
    { name: '-y at the end, combined flags', code: 'FROM rockylinux:9\nRUN yum install httpd-2.4.57 -y && yum -qy update\n' },
    { name: '--setopt=assumeyes=1', code: 'FROM rockylinux:9\nRUN yum --setopt=assumeyes=1 remove vim\n' },
    { name: 'clean and makecache do not prompt', code: 'FROM rockylinux:9\nRUN yum makecache && yum clean all\n' },
    { name: 'dnf is dnf-assume-yes', code: 'FROM rockylinux:9\nRUN dnf install httpd\n' },
    { name: 'heredoc with -y', code: 'FROM rockylinux:9\nRUN <<EOF\nyum install -y tar-1.34\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN yum install httpd\n' },
  ],
  invalid: [
    {
      code: 'FROM rockylinux:9\nRUN yum install httpd-2.4.57 && yum clean all\n',
      errors: [{ line: 2, column: 5, endColumn: 16, message: 'yum install at line 2 can stop at a confirmation prompt, which fails the build; add `-y`.' }],
      output: 'FROM rockylinux:9\nRUN yum install -y httpd-2.4.57 && yum clean all\n',
    },
    { name: 'groupinstall', code: "FROM rockylinux:9\nRUN yum groupinstall 'Development Tools'\n", errors: [{ line: 2, message: 'yum groupinstall' }], output: "FROM rockylinux:9\nRUN yum groupinstall -y 'Development Tools'\n" },
    { name: 'groupinstall after an update', code: 'FROM rockylinux:9\nRUN yum update -y && yum groupinstall Tools\n', errors: [{ line: 2, column: 22, endColumn: 38 }] },
    { name: 'module enable', code: 'FROM rockylinux:9\nRUN yum module enable nodejs:20\n', errors: [{ line: 2, endColumn: 22, message: 'yum module enable' }], output: 'FROM rockylinux:9\nRUN yum module enable -y nodejs:20\n' },
    { name: 'heredoc body', code: 'FROM rockylinux:9\nRUN <<EOF\nyum install vim\nEOF\n', errors: [{ line: 3, column: 1 }], output: 'FROM rockylinux:9\nRUN <<EOF\nyum install -y vim\nEOF\n' },
    {
      name: 'fix: group install gets -y after the nested subcommand, continuation with a comment line',
      code: 'FROM rockylinux:9\nRUN yum group install \\\n    # the toolchain\n    "Development Tools"\n',
      errors: [{ line: 2 }],
      output: 'FROM rockylinux:9\nRUN yum group install -y \\\n    # the toolchain\n    "Development Tools"\n',
    },
    { name: 'fix: exec form', code: 'FROM rockylinux:9\nRUN ["yum", "install", "vim"]\n', errors: [{ line: 2 }], output: 'FROM rockylinux:9\nRUN ["yum", "install", "-y", "vim"]\n' },
  ],
});

describe('yum-assume-yes fixture', () => {
  it('fixes fixtures/yum-assume-yes/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/yum-assume-yes');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(fixedBy(rule, fixed, { code: fixed })).toBe(fixed);
    expect(findingsFor(rule, fixed).length).toBeLessThan(findingsFor(rule, bad).length);
  });
});
