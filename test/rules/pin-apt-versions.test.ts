import rule from '../../rules/package-managers/pin-apt-versions';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n',
    { name: 'wildcard version and release pin', code: 'FROM debian:12\nRUN apt-get install -y curl=7.88.* git/bookworm-backports\n' },
    { name: 'local .deb', code: 'FROM debian:12\nRUN apt-get install -y ./vendor/tool.deb /tmp/x.deb\n' },
    { name: '-t value is not a package', code: 'FROM debian:12\nRUN apt-get install -y -t bookworm-backports curl=8.5.0-2\n' },
    { name: 'apt-get update and remove install nothing', code: 'FROM debian:12\nRUN apt-get update && apt-get remove -y curl\n' },
    { name: 'ARG value pinned', code: 'FROM debian:12\nARG PKGS="curl=7.88.1-10 wget=1.21.3-1"\nRUN apt-get install -y $PKGS\n' },
    { name: 'empty ARG in quotes names nothing', code: 'FROM debian:12\nARG EXTRA=""\nRUN apt-get install -y curl=7.88.1-10 "${EXTRA}"\n' },
    { name: 'undeclared variable is not guessed at', code: 'FROM debian:12\nRUN apt-get install -y $PKGS\n' },
    { name: 'inside sh -c (not looked into, as hadolint)', code: "FROM debian:12\nRUN sh -c 'apt-get install -y curl'\n" },
    { name: 'apt is left to prefer-apt-get', code: 'FROM debian:12\nRUN apt install -y curl\n' },
    {
      name: 'comment lines inside a continuation',
      code: 'FROM debian:12\nRUN apt-get install -y \\\n# pinned tools\n    curl=7.88.1-10 \\\n    # and certificates\n    ca-certificates=20230311\n',
    },
    { name: 'heredoc with pins', code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl=7.88.1-10\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN apt-get install curl\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl\n',
      errors: [{ line: 2, column: 48, endLine: 2, endColumn: 52, message: 'apt-get install at line 2 does not pin the version of `curl`; write `curl=<version>`' }],
    },
    {
      name: 'several unpinned: ranged on the first, all named',
      code: 'FROM debian:12\nRUN apt-get install -y curl=7.88.1-10 wget git\n',
      errors: [{ line: 2, column: 39, endColumn: 43, message: '`wget` and `git`' }],
    },
    { name: 'flags after the package', code: 'FROM debian:12\nRUN apt-get install curl -y --no-install-recommends\n', errors: [{ line: 2, column: 21 }] },
    { name: 'behind sudo and env assignment', code: 'FROM debian:12\nRUN DEBIAN_FRONTEND=noninteractive sudo apt-get install -y jq\n', errors: [{ line: 2, column: 60 }] },
    { name: 'ARG value with an unpinned package', code: 'FROM debian:12\nARG PKGS="curl wget=1.21.3-1"\nRUN apt-get install -y $PKGS\n', errors: [{ line: 3, column: 24, message: '`curl`' }] },
    { name: 'for-loop values', code: 'FROM debian:12\nRUN for p in curl wget; do apt-get install -y "$p"; done\n', errors: [{ line: 2, message: '`curl` and `wget`' }] },
    { name: 'ONBUILD RUN', code: 'FROM debian:12\nONBUILD RUN apt-get install -y git\n', errors: [{ line: 2, column: 32 }] },
    { name: 'exec form', code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n', errors: [{ line: 2, column: 34, endColumn: 40 }] },
    {
      name: 'heredoc body',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y \\\n  curl\nEOF\n',
      errors: [{ line: 5, column: 3, endLine: 5, endColumn: 7 }],
    },
  ],
});
