import rule from '../../rules/buildkit-checks/invalid-base-image-platform';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM --platform=linux/arm64 arm64v8/alpine:3.20\n',
    'FROM --platform=linux/arm64 alpine:3.20\n',
    { name: 'no --platform: expected platform unknown offline', code: 'FROM amd64/alpine:3.20\n' },
    { name: 'variable platform', code: 'FROM --platform=$BUILDPLATFORM amd64/golang:1.23\n' },
    { name: 'variants are not compared', code: 'FROM --platform=linux/arm/v7 arm32v6/alpine:3.20\n' },
    { name: 'other registries are unknown', code: 'FROM --platform=linux/arm64 quay.io/amd64/app:1\n' },
    { name: 'x86_64 normalises to amd64', code: 'FROM --platform=linux/x86_64 amd64/debian:12\n' },
  ],
  invalid: [
    {
      code: 'FROM --platform=linux/arm64 amd64/alpine:3.20\n',
      errors: [{ line: 1, column: 29, endColumn: 46, message: 'built for linux/amd64 only' }],
    },
    { name: 'docker.io prefix', code: 'FROM --platform=linux/amd64 docker.io/arm64v8/node:22 AS n\n', errors: [{ line: 1, message: 'linux/arm64' }] },
    { name: 'Windows image on linux', code: 'FROM --platform=linux/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022\n', errors: [{ line: 1, message: 'windows' }] },
    { name: 'i386', code: 'FROM --platform=linux/amd64 i386/debian:12\n', errors: [{ line: 1 }] },
    { name: 'windows platform, linux image', code: 'FROM --platform=windows/amd64 ppc64le/alpine:3.20\n', errors: [{ line: 1 }] },
  ],
});
