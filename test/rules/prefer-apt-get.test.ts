import rule from '../../rules/package-managers/prefer-apt-get';
import { runRuleTests } from '../support/ruleTester';

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
    },
    { name: 'after &&', code: 'FROM debian:12\nRUN echo x && apt update\n', errors: [{ line: 2, column: 15, endColumn: 25 }] },
    { name: 'query subcommand suggests apt-cache', code: 'FROM debian:12\nRUN apt show curl\n', errors: [{ line: 2, message: 'use `apt-cache show`' }] },
    { name: 'behind sudo, full path', code: 'FROM debian:12\nRUN sudo /usr/bin/apt -y install curl\n', errors: [{ line: 2, column: 10, endColumn: 33 }] },
    { name: 'no subcommand', code: 'FROM debian:12\nRUN apt --version\n', errors: [{ line: 2, column: 5, endColumn: 8, message: 'use `apt-get` instead' }] },
    { name: 'ONBUILD', code: 'FROM debian:12\nONBUILD RUN apt install -y git\n', errors: [{ line: 2, column: 13 }] },
    { name: 'heredoc body', code: 'FROM debian:12\nRUN <<EOF\napt update\nEOF\n', errors: [{ line: 3, column: 1, endColumn: 11 }] },
  ],
});
