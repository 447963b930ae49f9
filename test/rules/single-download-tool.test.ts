import rule from '../../rules/shell-commands/single-download-tool';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'only curl', code: 'FROM debian:12\nRUN curl -fsSL http://a\nRUN curl -fsSL http://b\n' },
    { name: 'only wget', code: 'FROM debian:12\nRUN wget -q http://a\n' },
    { name: 'different stages', code: 'FROM debian:12 AS a\nRUN curl -fsSL http://a\nFROM debian:12\nRUN wget -q http://b\n' },
    { name: 'installing both packages', code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl wget\n' },
    { name: 'ONBUILD counted apart from the stage', code: 'FROM debian:12\nRUN curl -fsSL http://a\nONBUILD RUN wget -q http://b\n' },
    { name: 'heredoc with curl only', code: 'FROM debian:12\nRUN <<EOF\ncurl -fsSLO http://a\ncurl -fsSLO http://b\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN curl http://a; wget http://b\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN curl -fsSL http://a && wget -q http://b\n',
      errors: [{ line: 2, column: 5, endColumn: 24, message: 'curl at line 2 while this stage also uses wget (line 2); use one download tool.' }],
    },
    { name: 'separate RUNs', code: 'FROM debian:12\nRUN curl -fsSL http://a\nRUN wget -q http://b\n', errors: [{ line: 3, column: 5, message: 'wget at line 3 while this stage also uses curl (line 2)' }] },
    { name: 'every later use', code: 'FROM debian:12\nRUN wget -q http://a\nENV X=1\nRUN curl -fsSL http://b\nRUN curl -fsSL http://c\n', errors: [{ line: 4 }, { line: 5 }] },
    { name: 'ONBUILD', code: 'FROM debian:12\nONBUILD RUN curl -fsSL http://a && wget -q http://b\n', errors: [{ line: 2, column: 13 }] },
    { name: 'heredoc', code: 'FROM debian:12\nRUN wget -q http://a\nRUN <<EOF\ncurl -fsSLO http://b\nEOF\n', errors: [{ line: 4, column: 1 }] },
    {
      name: 'continuation with a comment line, behind sudo',
      code: 'FROM debian:12\nRUN curl -fsSL http://a \\\n# and the other\n && sudo wget -q http://b\n',
      errors: [{ line: 2, column: 5 }],
    },
  ],
});
