import rule from '../../rules/package-managers/no-zypper-dist-upgrade';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM opensuse/leap:15.6\nRUN zypper -n update\n',
    { name: 'patch', code: 'FROM opensuse/leap:15.6\nRUN zypper -n patch\n' },
    { name: 'word in echo', code: 'FROM opensuse/leap:15.6\nRUN echo zypper dup\n' },
    { name: 'heredoc install', code: 'FROM opensuse/leap:15.6\nRUN <<EOF\nzypper -n in curl=8.6.0\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN zypper -n dup\n' },
  ],
  invalid: [
    {
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n dist-upgrade\n',
      errors: [{ line: 2, column: 5, endColumn: 27, message: 'zypper dist-upgrade at line 2 upgrades the whole base system; use a newer base image instead.' }],
    },
    { name: 'dup', code: 'FROM opensuse/leap:15.6\nRUN zypper -n dup\n', errors: [{ line: 2, message: 'zypper dup' }] },
    { name: 'ONBUILD', code: 'FROM opensuse/leap:15.6\nONBUILD RUN zypper --non-interactive dup\n', errors: [{ line: 2, column: 13 }] },
    {
      name: 'continuation with a comment line',
      code: 'FROM opensuse/leap:15.6\nRUN zypper -n ref \\\n# then\n && zypper -n dup\n',
      errors: [{ line: 4, column: 5 }],
    },
    { name: 'heredoc body', code: 'FROM opensuse/leap:15.6\nRUN <<EOF\nzypper -n dup\nEOF\n', errors: [{ line: 3, column: 1 }] },
  ],
});
