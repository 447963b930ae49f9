import rule from '../../rules/buildkit-checks/redundant-target-platform';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM alpine AS builder\n',
    'FROM --platform=$BUILDPLATFORM alpine AS builder\n',
    { name: 'more than the variable', code: 'FROM --platform=${TARGETPLATFORM}-x alpine\n' },
    { name: 'other variable', code: 'FROM --platform=linux/$TARGETARCH alpine\n' },
    { name: 'alternate value', code: 'FROM --platform=${TARGETPLATFORM:+linux/amd64} alpine\n' },
  ],
  invalid: [
    { name: 'docs example', code: 'FROM --platform=$TARGETPLATFORM alpine AS builder\n', errors: [{ line: 1, column: 6, endColumn: 32, message: 'redundant' }], output: 'FROM alpine AS builder\n' },
    { name: 'braces', code: 'FROM --platform=${TARGETPLATFORM} alpine\n', errors: [{ line: 1 }] },
    { name: 'default modifier still gives the target platform', code: 'FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine\n', errors: [{ line: 1, message: 'is redundant under BuildKit, where FROM already uses the target platform; remove the flag unless the image is also built with the classic builder' }] },
    { name: 'lowercase from, second stage', code: 'from alpine as a\nfrom --platform=$TARGETPLATFORM a\n', errors: [{ line: 2 }] },
  ],
});
