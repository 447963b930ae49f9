import rule from '../../rules/instructions/copy-from-known-stage';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM golang:1.22 AS build\nFROM debian:12.5\nCOPY --from=build /out /app\n',
    { name: 'tagged image', code: 'FROM debian:12.5\nCOPY --from=nginx:1.25 /etc/nginx/nginx.conf /etc/nginx/\n' },
    { name: 'registry image', code: 'FROM debian:12.5\nCOPY --from=docker.io/library/busybox:1.36 /bin/busybox /bin/\n' },
    { name: 'plain COPY', code: 'FROM debian:12.5\nCOPY . /app/\n' },
    { name: 'case-insensitive names', code: 'FROM golang:1.22 AS Build\nFROM debian:12.5\nCOPY --from=build /out /app\n' },
    { name: 'own stage is copy-from-other-stage', code: 'FROM debian:12.5 AS app\nCOPY --from=app /a /b\n' },
    { name: 'RUN --mount from is not COPY', code: 'FROM debian:12.5\nRUN --mount=from=cache,target=/c ls /c\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12.5\nCOPY --from=build /out /app\n',
      errors: [{ line: 2, column: 6, endColumn: 18, message: 'names no earlier stage' }],
    },
    { name: 'alias defined later', code: 'FROM debian:12.5\nCOPY --from=later /x /x\nFROM debian:12.5 AS later\n', errors: [{ line: 2, message: 'defined later' }] },
    { name: 'variable', code: 'ARG SRC=build\nFROM golang:1.22 AS build\nFROM debian:12.5\nCOPY --from=$SRC /out /app\n', errors: [{ line: 4, message: 'variable' }] },
    { name: 'earlier stage by index', code: 'FROM golang:1.22\nRUN echo\nFROM debian:12.5\nCOPY --from=0 /out /app\n', errors: [{ line: 4, message: 'by position' }] },
    { name: 'later stage index', code: 'FROM debian:12.5\nCOPY --from=1 /x /x\nFROM alpine:3.20\n', errors: [{ line: 2, message: 'comes later' }] },
    { name: 'index that does not exist', code: 'FROM debian:12.5\nCOPY --from=7 /x /x\n', errors: [{ line: 2, message: 'does not exist' }] },
    {
      name: 'flag on a continuation line after a comment',
      code: 'FROM debian:12.5\nCOPY \\\n# from the builder\n  --from=biuld /out /app\n',
      errors: [{ line: 4, column: 3 }],
    },
  ],
});
