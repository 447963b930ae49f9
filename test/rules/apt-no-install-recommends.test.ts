import rule from '../../rules/package-managers/apt-no-install-recommends';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10\n',
    { name: 'flag after the package and before the subcommand', code: 'FROM debian:12\nRUN apt-get install -y curl --no-install-recommends && apt-get --no-install-recommends install -y wget\n' },
    { name: '-o APT::Install-Recommends=false / 0', code: 'FROM debian:12\nRUN apt-get install -y -o APT::Install-Recommends=false curl && apt-get -o apt::install-recommends=0 install -y wget\n' },
    { name: 'config written by an earlier RUN', code: 'FROM debian:12\nRUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/99norecommends\nRUN apt-get install -y curl\n' },
    {
      name: 'config written in the base stage',
      code: 'FROM debian:12 AS base\nRUN printf \'APT::Install-Recommends "false";\\n\' > /etc/apt/apt.conf.d/01norec\nFROM base\nRUN apt-get install -y curl\n',
    },
    {
      name: 'comment line inside a continuation',
      code: 'FROM debian:12\nRUN apt-get install -y \\\n# the recommends flag:\n    --no-install-recommends \\\n    curl=7.88.1-10\n',
    },
    { name: 'heredoc with the flag', code: 'FROM debian:12\nRUN <<EOF\napt-get install -y --no-install-recommends curl\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN apt-get install -y curl\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get install -y curl=7.88.1-10\n',
      errors: [{ line: 2, column: 5, endColumn: 20, message: 'apt-get install at line 2 also installs recommended packages; add `--no-install-recommends`.' }],
    },
    { name: 'misspelled flag', code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommend curl\n', errors: [{ line: 2 }] },
    { name: 'flag on another command', code: 'FROM debian:12\nRUN apt-get update --no-install-recommends && apt-get install -y curl\n', errors: [{ line: 2, column: 47 }] },
    { name: 'config written after the install', code: 'FROM debian:12\nRUN apt-get install -y curl && echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/99x\n', errors: [{ line: 2, column: 5 }] },
    { name: 'config in an unrelated stage', code: 'FROM debian:12 AS a\nRUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/99x\nFROM debian:12\nRUN apt-get install -y curl\n', errors: [{ line: 4 }] },
    { name: 'ONBUILD', code: 'FROM debian:12\nONBUILD RUN apt-get install -y curl\n', errors: [{ line: 2, column: 13 }] },
    { name: 'heredoc body', code: 'FROM debian:12\nRUN <<EOF\napt-get install -y curl\nEOF\n', errors: [{ line: 3, column: 1, endColumn: 16 }] },
  ],
});
