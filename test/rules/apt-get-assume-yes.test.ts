import rule from '../../rules/package-managers/apt-get-assume-yes';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'removals are not checked (their prompt fails the build at once)', code: 'FROM debian:12\nRUN apt-get purge curl\n' },
    { name: 'upgrades are no-apt-upgrade\'s', code: 'FROM debian:12\nONBUILD RUN apt-get dist-upgrade\n' },
    'FROM debian:12\nRUN apt-get install -y curl=7.88.1-10\n',
    { name: '--yes and --assume-yes after the package', code: 'FROM debian:12\nRUN apt-get install --yes curl && apt-get install curl --assume-yes\n' },
    { name: 'combined -qy', code: 'FROM debian:12\nRUN apt-get install -qy curl\n' },
    { name: '-qq implies -y, before the subcommand', code: 'FROM debian:12\nRUN apt-get -qq install curl && apt-get -q -q purge wget\n' },
    { name: '-o APT::Get::Assume-Yes', code: 'FROM debian:12\nRUN apt-get -o APT::Get::Assume-Yes=true install curl\n' },
    { name: 'config written by an earlier RUN', code: 'FROM debian:12\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes\nRUN apt-get install curl\n' },
    { name: 'yes piped in', code: 'FROM debian:12\nRUN yes | apt-get install curl\n' },
    { name: 'update does not prompt', code: 'FROM debian:12\nRUN apt-get update\n' },
    { name: '-o value is not a flag cluster', code: 'FROM debian:12\nRUN apt-get install -y -oDpkg::Options::=--force-confnew curl\n' },
    { name: 'heredoc with -y', code: 'FROM debian:12\nRUN <<EOF\napt-get install -y curl\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN apt-get install curl\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get install --no-install-recommends curl\n',
      errors: [{ line: 2, column: 5, endColumn: 20, message: 'apt-get install at line 2 can stop at a confirmation prompt, which fails the build; add `-y`.' }],
    },
    { name: '-y on another command', code: 'FROM debian:12\nRUN apt-get update -y && apt-get install curl\n', errors: [{ line: 2, column: 26 }] },
    { name: 'a single -q does not answer', code: 'FROM debian:12\nRUN apt-get -q install curl\n', errors: [{ line: 2, column: 5, endColumn: 23 }] },
    { name: 'reinstall installs too', code: 'FROM debian:12\nRUN apt-get reinstall curl\n', errors: [{ line: 2, message: 'apt-get reinstall' }] },
    { name: 'ONBUILD', code: 'FROM debian:12\nONBUILD RUN apt-get install curl\n', errors: [{ line: 2, column: 13 }] },
    {
      name: 'continuation with a comment line',
      code: 'FROM debian:12\nRUN apt-get update \\\n# then\n    && apt-get install curl\n',
      errors: [{ line: 4, column: 8 }],
    },
    { name: 'heredoc body', code: 'FROM debian:12\nRUN <<EOF\napt-get install curl\nEOF\n', errors: [{ line: 3, column: 1, endColumn: 16 }] },
    { name: 'exec form', code: 'FROM debian:12\nRUN ["apt-get", "install", "curl"]\n', errors: [{ line: 2, column: 6, endColumn: 26 }] },
  ],
});
