import rule from '../../rules/shell-commands/pipefail';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    // yes dies of SIGPIPE when the reader exits: nothing to hide, and pipefail would fail the build (00502.Dockerfile:119).
    { name: 'yes | command', code: 'FROM archlinux:base\nRUN yes | pacman -Scc\n' },
    // Issue 19: echo and printf hide no failure; the pipe's status is its last command's.
    { name: 'echo piped into a check', code: 'FROM debian:12\nRUN echo "$SUM  /x.tgz" | sha256sum -c -\n' },
    { name: 'SHELL with pipefail', code: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN echo a | wc -c\n' },
    { name: 'ash -eo pipefail', code: 'FROM alpine:3.20\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nRUN echo a | wc -c\n' },
    { name: 'inherited from the parent stage', code: 'FROM debian:12 AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN echo a | wc -c\n' },
    { name: 'no pipe', code: 'FROM debian:12\nRUN echo a > /tmp/x\n' },
    { name: '|| is not a pipe', code: 'FROM debian:12\nRUN false || true\n' },
    { name: 'pipe in quotes', code: "FROM debian:12\nRUN echo 'a | b'\n" },
    { name: 'set -o pipefail first', code: 'FROM debian:12\nRUN set -o pipefail && echo a | wc -c\n' },
    { name: 'set -euxo pipefail in a heredoc', code: 'FROM debian:12\nRUN <<EOF\nset -euxo pipefail\ncurl -fsSL http://x | tar -xz\nEOF\n' },
    { name: 'heredoc run by bash -o pipefail', code: 'FROM debian:12\nRUN bash -eo pipefail <<EOF\ncurl -fsSL http://x | tar -xz\nEOF\n' },
    { name: 'PowerShell stage', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN Get-Item x | Remove-Item\n' },
    { name: 'exec form', code: 'FROM debian:12\nRUN ["sh", "-c", "echo a | wc -c"]\n' },
    // Hand check 2026-12-07 (00217.Dockerfile:122, 00555.Dockerfile:75): a condition's status never fails the build, so
    // pipefail there surfaces nothing; it only changes the branch taken.
    {
      name: 'pipe as an if condition',
      code: "FROM alpine:3.20\nRUN set -eux; if apk list --installed | grep -v '^[.]ruby-' | grep -i ruby; then exit 1; fi\n",
    },
    { name: 'pipe in an elif, after a test', code: 'FROM debian:12\nRUN if [ -f a ]; then :; elif [ -f .git ] && head -n 1 .git | grep -q gitdir; then v=dev; fi\n' },
    { name: 'while and until conditions', code: 'FROM debian:12\nRUN while ps | grep -q dpkg; do sleep 1; done; until curl -fs x | grep -q ok; do sleep 1; done\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN curl -fsSL http://x | tar -xz\n',
      errors: [{ line: 2, column: 5, endColumn: 34, message: 'The pipe at line 2 hides a failure of `curl`' }],
    },
    // The advice names the shell the stage has: ash on Alpine/BusyBox (hand check 2026-12-07, 00413.Dockerfile:11).
    ...[
      ['debian', 'FROM debian:12\nRUN cat a | wc -c\n', '/bin/bash'],
      ['alpine', 'FROM alpine:3.20\nRUN cat a | wc -c\n', '/bin/ash'],
      ['busybox, through FROM <stage>', 'FROM busybox:1.36 AS base\nFROM base\nRUN cat a | wc -c\n', '/bin/ash'],
      ['alpine that installs bash', 'FROM alpine:3.20\nRUN apk add --no-cache bash\nRUN cat a | wc -c\n', '/bin/bash'],
      ['base not known before the build', 'ARG BASE\nFROM ${BASE}\nRUN cat a | wc -c\n', '/bin/bash'],
    ].map(([name, code, shell]) => ({
      name: `advice names ${shell}: ${name}`,
      code: code!,
      errors: [{ line: code!.split("\n").length - 1, message: `The pipe at line ${code!.split('\n').length - 1} hides a failure of \`cat\`; set \`SHELL ["${shell}", "-o", "pipefail", "-c"]\` or start the RUN with \`set -o pipefail\`.` }],
    })),
    { name: 'yes is not the hidden command', code: 'FROM debian:12\nRUN yes | head -n 3 | sort\n', errors: [{ line: 2, message: 'The pipe at line 2 hides a failure of `head`' }] },
    { name: 'other stage had pipefail', code: 'FROM debian:12 AS a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM debian:12\nRUN cat a | wc -c\n', errors: [{ line: 4 }] },
    { name: 'SHELL without pipefail', code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN cat a | wc -c\n', errors: [{ line: 3 }] },
    {
      name: 'continuation with a comment line',
      code: 'FROM debian:12\nRUN cat a \\\n# count\n  | wc -c\n',
      errors: [{ line: 2, column: 5, endLine: 4, endColumn: 10 }],
    },
    { name: 'set -o pipefail after the pipe', code: 'FROM debian:12\nRUN cat a | wc -c; set -o pipefail\n', errors: [{ line: 2 }] },
    { name: 'heredoc', code: 'FROM debian:12\nRUN <<EOF\nset -e\ncurl -fsSL http://x | tar -xz\nEOF\n', errors: [{ line: 4, column: 1 }] },
    { name: 'pipe in the body of an if', code: 'FROM debian:12\nRUN if [ -f a ]; then curl -fsSL http://x | tar -xz; fi\n', errors: [{ line: 2, column: 23 }] },
    { name: 'after a condition pipe', code: 'FROM debian:12\nRUN if ps | grep -q x; then :; fi; cat a | wc -c\n', errors: [{ line: 2, column: 36 }] },
    { name: 'one finding per RUN', code: 'FROM debian:12\nRUN a | b && c | d\n', errors: [{ line: 2, column: 5, endColumn: 10 }] },
  ],
});
