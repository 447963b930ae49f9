import rule from '../../rules/shell-commands/wget-progress';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    { name: '-q', code: 'FROM debian:12\nRUN wget -q https://example.com/a.tgz\n' },
    { name: '--progress', code: 'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/a.tgz\n' },
    { name: '-nv', code: 'FROM debian:12\nRUN wget -nv https://example.com/a.tgz\n' },
    { name: '-o logfile', code: 'FROM debian:12\nRUN wget -o /tmp/log https://example.com/a.tgz\n' },
    { name: '--quiet after the URL', code: 'FROM debian:12\nRUN wget https://example.com/a.tgz --quiet\n' },
    { name: '-qO- cluster', code: 'FROM debian:12\nRUN wget -qO- https://example.com/a.tgz | tar -xz\n' },
    { name: 'curl', code: 'FROM debian:12\nRUN curl -fsSLO https://example.com/a.tgz\n' },
    { name: 'heredoc with -nv', code: 'FROM debian:12\nRUN <<EOF\nwget -nv https://example.com/a.tgz\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN wget https://example.com/a.zip -OutFile a.zip\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN wget https://example.com/a.tgz\n',
      errors: [{ line: 2, column: 5, endColumn: 35, message: 'wget at line 2 prints a progress line every few kilobytes into the build log' }],
    },
    { name: '-O file', code: 'FROM debian:12\nRUN wget -O /tmp/a.tgz https://example.com/a.tgz\n', errors: [{ line: 2 }] },
    { name: 'after &&', code: 'FROM debian:12\nRUN echo x && wget http://example.com/f\n', errors: [{ line: 2, column: 15 }] },
    { name: 'ONBUILD', code: 'FROM debian:12\nONBUILD RUN wget http://example.com/f\n', errors: [{ line: 2, column: 13 }] },
    { name: '-q as the value of -O is not quiet', code: 'FROM debian:12\nRUN wget -O -q http://example.com/f\n', errors: [{ line: 2 }] },
    { name: 'exec form', code: 'FROM debian:12\nRUN ["wget", "http://example.com/f"]\n', errors: [{ line: 2, column: 6 }] },
    { name: 'heredoc', code: 'FROM debian:12\nRUN <<EOF\nwget http://example.com/f\nEOF\n', errors: [{ line: 3, column: 1 }] },
    {
      name: 'continuation with a comment line',
      code: 'FROM debian:12\nRUN set -e \\\n# fetch\n && wget -c http://example.com/f\n',
      errors: [{ line: 4, column: 5 }],
    },
  ],
});
