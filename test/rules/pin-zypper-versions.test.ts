import rule from '../../rules/package-managers/pin-zypper-versions';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0\n',
    { name: 'ranges', code: "FROM opensuse/leap:15.6\nRUN zypper -n in 'curl>=8.0' 'wget<2'\n" },
    { name: 'rpm file', code: 'FROM opensuse/leap:15.6\nRUN zypper -n in /tmp/x.rpm\n' },
    { name: 'patterns are not versioned packages', code: 'FROM opensuse/leap:15.6\nRUN zypper -n in -t pattern devel_basis\n' },
    { name: 'repo value is not a package', code: 'FROM opensuse/leap:15.6\nRUN zypper -n in --from oss curl=8.6.0\n' },
    { name: 'heredoc pinned', code: 'FROM opensuse/leap:15.6\nRUN <<EOF\nzypper -n in curl=8.6.0\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN zypper -n in curl\n' },
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl\n',
      errors: [{ line: 2, column: 23, endColumn: 27, message: 'zypper install at line 2 does not pin the version of `curl`; write `curl=<version>`' }],
    },
    { name: 'one of two', code: 'FROM opensuse/leap:15.6\nRUN zypper -n in curl wget=1.21\n', errors: [{ line: 2, column: 18 }] },
    { name: 'ONBUILD', code: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper -n in vim\n', errors: [{ line: 2, column: 26 }] },
    { name: 'type package is checked', code: 'FROM opensuse/leap:15.6\nRUN zypper -n in -t package vim\n', errors: [{ line: 2, column: 29 }] },
    { name: 'heredoc body', code: 'FROM opensuse/leap:15.6\nRUN <<EOF\nzypper -n in vim\nEOF\n', errors: [{ line: 3, column: 14 }] },
  ],
});
