import rule from '../../rules/instructions/healthcheck-present';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12.5\nHEALTHCHECK CMD true\n',
    { name: 'NONE counts', code: 'FROM debian:12.5\nHEALTHCHECK NONE\n' },
    { name: 'inherited from the parent stage', code: 'FROM debian:12.5 AS base\nHEALTHCHECK CMD true\nFROM base\nCMD ["true"]\n' },
    {
      name: 'builder stage only copied from',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /app\nFROM debian:12.5\nCOPY --from=build /app /app\nHEALTHCHECK CMD ["/app", "-health"]\n',
    },
    { name: 'stage used by a RUN mount', code: 'FROM alpine:3.20 AS tools\nFROM debian:12.5\nRUN --mount=from=tools,target=/t ls /t\nHEALTHCHECK NONE\n' },
  ],
  invalid: [
    { code: 'FROM debian:12.5\nCMD ["true"]\n', errors: [{ line: 1, column: 1, endColumn: 5, message: 'Stage 0 (line 1) builds an image with no HEALTHCHECK' }] },
    { name: 'two unrelated stages', code: 'FROM golang:1.22 AS build\nFROM debian:12.5\nCMD ["true"]\n', errors: [{ line: 1, message: "'build'" }, { line: 2 }] },
    { name: 'healthcheck only in another stage', code: 'FROM debian:12.5 AS a\nHEALTHCHECK CMD true\nFROM alpine:3.19\nCMD ["true"]\n', errors: [{ line: 3 }] },
    { name: 'ONBUILD HEALTHCHECK does not count', code: 'FROM debian:12.5\nONBUILD HEALTHCHECK CMD true\n', errors: [{ line: 1 }] },
    { name: 'parent without one, child without one', code: 'FROM debian:12.5 AS base\nFROM base\nCMD ["true"]\n', errors: [{ line: 2 }] },
  ],
});
