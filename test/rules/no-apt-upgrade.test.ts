import rule from '../../rules/package-managers/no-apt-upgrade';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
    { name: 'apt-get upgrade (hadolint 2.12 allows it)', code: 'FROM debian:12\nRUN apt-get upgrade -y\n' },
    { name: 'apt dist-upgrade is left to prefer-apt-get', code: 'FROM debian:12\nRUN apt dist-upgrade -y\n' },
    { name: 'word in echo', code: 'FROM debian:12\nRUN echo apt-get dist-upgrade\n' },
    { name: 'heredoc without upgrade', code: 'FROM debian:12\nRUN <<EOF\napt-get update\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN apt-get dist-upgrade\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get dist-upgrade -y\n',
      errors: [{ line: 2, column: 5, endColumn: 25, message: 'apt-get dist-upgrade at line 2 upgrades the whole base system; use a newer base image instead.' }],
    },
    { name: 'flag first', code: 'FROM debian:12\nRUN apt-get update && apt-get -y dist-upgrade\n', errors: [{ line: 2, column: 23 }] },
    { name: 'full-upgrade behind sudo', code: 'FROM debian:12\nRUN sudo apt-get full-upgrade -y\n', errors: [{ line: 2, column: 10 }] },
    { name: 'ONBUILD', code: 'FROM debian:12\nONBUILD RUN apt-get dist-upgrade\n', errors: [{ line: 2, column: 13 }] },
    {
      name: 'continuation with a comment line',
      code: 'FROM debian:12\nRUN apt-get update \\\n# everything\n && apt-get -y dist-upgrade\n',
      errors: [{ line: 4, column: 5 }],
    },
    { name: 'heredoc body', code: 'FROM debian:12\nRUN <<EOF\napt-get -y dist-upgrade\nEOF\n', errors: [{ line: 3, column: 1, endColumn: 24 }] },
  ],
});
