import rule from '../../rules/package-managers/pin-yum-versions';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM rockylinux:9\nRUN yum install -y httpd-2.4.57 && yum clean all\n',
    { name: 'rpm file and URL', code: 'FROM rockylinux:9\nRUN yum install -y /tmp/app.rpm https://example.com/x-1.noarch.rpm\n' },
    { name: 'module with stream', code: 'FROM rockylinux:9\nRUN yum module install -y nodejs:20\n' },
    { name: 'groups and provides cannot be pinned', code: "FROM rockylinux:9\nRUN yum install -y @development 'dnf-command(config-manager)'\n" },
    { name: 'yum update installs nothing by name', code: 'FROM rockylinux:9\nRUN yum -y update && yum -y remove vim\n' },
    { name: 'dnf is pin-dnf-versions', code: 'FROM rockylinux:9\nRUN dnf install -y httpd\n' },
    { name: 'heredoc pinned', code: 'FROM rockylinux:9\nRUN <<EOF\nyum install -y tar-1.34\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN yum install -y httpd\n' },
  ],
  invalid: [
    {
      code: 'FROM rockylinux:9\nRUN yum install -y httpd && yum clean all\n',
      errors: [{ line: 2, column: 20, endColumn: 25, message: 'yum install at line 2 does not pin the version of `httpd`; write `httpd-<version>`' }],
    },
    { name: 'dash without a digit is part of the name', code: 'FROM rockylinux:9\nRUN yum install -y python3-pip\n', errors: [{ line: 2, column: 20 }] },
    { name: 'module without stream', code: 'FROM rockylinux:9\nRUN yum -y module install nodejs\n', errors: [{ line: 2, column: 27, message: 'yum module install at line 2 does not pin the stream of `nodejs`; write `nodejs:<stream>`' }] },
    { name: 'option value skipped', code: 'FROM rockylinux:9\nRUN yum install -y --enablerepo epel jq\n', errors: [{ line: 2, column: 38 }] },
    { name: 'heredoc body', code: 'FROM rockylinux:9\nRUN <<EOF\nyum install -y tar\nEOF\n', errors: [{ line: 3, column: 16 }] },
  ],
});
