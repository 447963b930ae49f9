import rule from '../../rules/buildkit-checks/undefined-arg-in-from';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'ARG VARIANT="-alpine3.20"\nFROM node:22${VARIANT} AS jsbuilder\n',
    { name: 'declared without a default', code: 'ARG DEBUG\nFROM scratch${DEBUG}\n' },
    { name: 'predefined platform args', code: 'FROM --platform=$BUILDPLATFORM scratch\nFROM alpine:${TARGETARCH}\n' },
    { name: 'modifier with a declared arg', code: 'ARG DEBUG\nFROM scra${DEBUG:-tch}\n' },
    { name: 'escaped dollar', code: 'FROM alpine:3.20\nRUN echo \\$X\n' },
    { name: 'stage ARG is not used by FROM here', code: 'ARG base=alpine\nFROM $base\nARG X\n' },
  ],
  invalid: [
    { name: 'docs example', code: 'FROM node:22${VARIANT} AS jsbuilder\n', errors: [{ line: 1, column: 13, endColumn: 23, message: "'$VARIANT'" }] },
    {
      name: 'misspelt predefined arg',
      code: 'FROM --platform=$BULIDPLATFORM scratch\n',
      errors: [{ line: 1, column: 17, endColumn: 31, message: 'did you mean BUILDPLATFORM?' }],
    },
    {
      name: 'suggests a declared global',
      code: 'ARG MY_OS=linux\nARG MY_ARCH=amd64\nFROM --platform=linux/${MYARCH} busybox\n',
      errors: [{ line: 3, message: 'did you mean MY_ARCH?' }],
    },
    { name: 'one of two', code: 'ARG tag=latest\nFROM busybox:${tag}${version} AS b\n', errors: [{ line: 2, message: "'$version'" }] },
    { name: 'ARG declared only after the first FROM', code: 'FROM alpine\nARG TAG=1\nFROM busybox:$TAG\n', errors: [{ line: 3 }] },
    { name: 'modifier still counts as a use', code: 'FROM alpine:${TAG:-3.14}\n', errors: [{ line: 1 }] },
  ],
});
