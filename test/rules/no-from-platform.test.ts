import rule from '../../rules/instructions/no-from-platform';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12.5\n',
    { name: 'BUILDPLATFORM', code: 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n' },
    { name: 'TARGETPLATFORM braced', code: 'FROM --platform=${TARGETPLATFORM} debian:12.5\n' },
    { name: 'platform in a RUN is not FROM', code: 'FROM debian:12.5\nRUN echo --platform=linux/amd64\n' },
  ],
  invalid: [
    { code: 'FROM --platform=linux/amd64 debian:12.5\n', errors: [{ line: 1, column: 6, endColumn: 28, message: 'pins the stage' }] },
    { name: 'with alias', code: 'FROM --platform=linux/arm64 golang:1.22 AS build\n', errors: [{ line: 1 }] },
    { name: 'custom ARG', code: 'ARG PLAT=linux/amd64\nFROM --platform=$PLAT debian:12.5\n', errors: [{ line: 2 }] },
    { name: 'on a continuation line', code: 'FROM \\\n# amd64 only\n  --platform=linux/amd64 debian:12.5\n', errors: [{ line: 3, column: 3 }] },
  ],
});
