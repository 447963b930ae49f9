import rule from '../../rules/buildkit-checks/from-platform-const';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM alpine AS base\n',
    'FROM --platform=${BUILDPLATFORM} alpine AS base\n',
    { name: 'stage named after the arch', code: 'FROM --platform=linux/amd64 alpine AS build_amd64\nFROM --platform=linux/arm64 alpine AS build_arm64\n' },
    { name: 'stage named after the OS', code: 'FROM --platform=windows/amd64 nanoserver AS windows-base\n' },
    { name: 'partly variable', code: 'FROM --platform=linux/$TARGETARCH alpine\n' },
    { name: 'normalised arch in name', code: 'FROM --platform=linux/aarch64 alpine AS arm64-tools\n' },
  ],
  invalid: [
    { name: 'docs example', code: 'FROM --platform=linux/amd64 alpine AS base\n', errors: [{ line: 1, column: 6, endColumn: 28, message: 'linux/amd64' }] },
    { name: 'no stage name', code: 'FROM --platform=linux/arm64 alpine\n', errors: [{ line: 1 }] },
    { name: 'with variant', code: 'FROM --platform=linux/arm/v7 alpine AS tools\n', errors: [{ line: 1 }] },
    { name: 'OS only', code: 'FROM --platform=linux debian AS base\n', errors: [{ line: 1 }] },
    { name: 'lowercase from, continuation', code: 'from \\\n  --platform=linux/s390x alpine as build\n', errors: [{ line: 2, column: 3 }] },
  ],
});
