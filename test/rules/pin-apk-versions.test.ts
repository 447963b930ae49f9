import rule from '../../rules/package-managers/pin-apk-versions';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM alpine:3.21\nRUN apk add --no-cache curl=8.11.1-r0\n',
    { name: 'fuzzy and range pins', code: "FROM alpine:3.21\nRUN apk add --no-cache 'curl~8.11' 'bash>=5.2'\n" },
    { name: 'virtual group name is not a package', code: 'FROM alpine:3.21\nRUN apk add --no-cache --virtual .build-deps gcc=14.2.0-r4 && apk add -t .x musl-dev=1.2.5-r8\n' },
    { name: 'local .apk', code: 'FROM alpine:3.21\nRUN apk add --allow-untrusted ./pkg.apk\n' },
    { name: 'repository value', code: 'FROM alpine:3.21\nRUN apk add -X https://dl-cdn.alpinelinux.org/alpine/edge/testing foo=1.0-r0\n' },
    { name: 'apk del and update', code: 'FROM alpine:3.21\nRUN apk update && apk del curl\n' },
    { name: 'heredoc pinned', code: 'FROM alpine:3.21\nRUN <<EOF\napk add --no-cache git=2.47.1-r0\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN apk add git\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.21\nRUN apk add --no-cache curl\n',
      errors: [{ line: 2, column: 24, endColumn: 28, message: 'apk add at line 2 does not pin the version of `curl`; write `curl=<version>`' }],
    },
    { name: 'after the virtual group', code: 'FROM alpine:3.21\nRUN apk add --no-cache --virtual .deps gcc\n', errors: [{ line: 2, column: 40 }] },
    { name: 'one of two', code: 'FROM alpine:3.21\nRUN apk --update add curl=8.11.1-r0 bash\n', errors: [{ line: 2, column: 37, message: '`bash`' }] },
    { name: 'ONBUILD', code: 'FROM alpine:3.21\nONBUILD RUN apk add git\n', errors: [{ line: 2, column: 21 }] },
    {
      name: 'continuation with comment line',
      code: 'FROM alpine:3.21\nRUN apk add --no-cache \\\n    # tools\n    git=2.47.1-r0 \\\n    make\n',
      errors: [{ line: 5, column: 5 }],
    },
    { name: 'heredoc body', code: 'FROM alpine:3.21\nRUN <<EOF\napk add --no-cache git\nEOF\n', errors: [{ line: 3, column: 20 }] },
  ],
});
