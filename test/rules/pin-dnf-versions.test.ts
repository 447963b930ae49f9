import rule from '../../rules/package-managers/pin-dnf-versions';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM fedora:41\nRUN dnf install -y httpd-2.4.62 && dnf clean all\n',
    { name: 'microdnf pinned', code: 'FROM fedora:41\nRUN microdnf install -y tar-1.35\n' },
    { name: 'module with stream', code: 'FROM fedora:41\nRUN dnf module install -y nodejs:20\n' },
    { name: 'local rpm', code: 'FROM fedora:41\nRUN dnf install -y ./local.rpm\n' },
    { name: 'yum is pin-yum-versions', code: 'FROM fedora:41\nRUN yum install -y httpd\n' },
    { name: 'heredoc pinned', code: 'FROM fedora:41\nRUN <<EOF\ndnf install -y git-2.47.1\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN dnf install -y git\n' },
  ],
  invalid: [
    {
      code: 'FROM fedora:41\nRUN dnf install -y httpd && dnf clean all\n',
      errors: [{ line: 2, column: 20, endColumn: 25, message: 'dnf install at line 2 does not pin the version of `httpd`; write `httpd-<version>`' }],
    },
    { name: 'microdnf', code: 'FROM fedora:41\nRUN microdnf install -y tar\n', errors: [{ line: 2, column: 25, message: 'microdnf install' }] },
    { name: 'dnf5', code: 'FROM fedora:41\nRUN dnf5 install -y git\n', errors: [{ line: 2, column: 21 }] },
    { name: 'module without stream', code: 'FROM fedora:41\nRUN dnf module install -y nodejs\n', errors: [{ line: 2, column: 27, message: '`nodejs:<stream>`' }] },
    { name: 'heredoc body', code: 'FROM fedora:41\nRUN <<EOF\ndnf install -y git\nEOF\n', errors: [{ line: 3, column: 16 }] },
  ],
});
