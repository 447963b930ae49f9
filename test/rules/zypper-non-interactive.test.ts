import rule from '../../rules/package-managers/zypper-non-interactive';
import { runRuleTests } from '../support/ruleTester';

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
    },
    { name: 'remove', code: 'FROM opensuse/leap:15.6\nRUN zypper rm curl\n', errors: [{ line: 2, message: 'zypper rm' }] },
    { name: 'patch', code: 'FROM opensuse/leap:15.6\nRUN zypper patch\n', errors: [{ line: 2 }] },
    { name: '-n after install means --name', code: 'FROM opensuse/leap:15.6\nRUN zypper in -n curl=8.6.0\n', errors: [{ line: 2, column: 5, endColumn: 14 }] },
    { name: 'dup', code: 'FROM opensuse/leap:15.6\nRUN zypper dup\n', errors: [{ line: 2 }] },
    { name: 'heredoc body', code: 'FROM opensuse/leap:15.6\nRUN <<EOF\nzypper in curl=8.6.0\nEOF\n', errors: [{ line: 3, column: 1, endColumn: 10 }] },
  ],
});
