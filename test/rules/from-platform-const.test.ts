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
    {
      name: 'the file downloads binaries for the pinned arch only',
      code: 'FROM --platform=linux/arm/v7 ubuntu:20.04 AS tools\nRUN curl -fsSLO https://x/pwsh-linux-arm32.tar.gz\n',
    },
    { name: 'a comment says which platform the image targets', code: '# Chrome ships for x86_64 only.\nFROM --platform=linux/amd64 ubuntu:24.04\n' },
  ],
  invalid: [
    { name: 'docs example', code: 'FROM --platform=linux/amd64 alpine AS base\n', errors: [{ line: 1, column: 6, endColumn: 28, message: 'linux/amd64' }] },
    { name: 'no stage name', code: 'FROM --platform=linux/arm64 alpine\n', errors: [{ line: 1 }] },
    { name: 'with variant', code: 'FROM --platform=linux/arm/v7 alpine AS tools\n', errors: [{ line: 1 }] },
    {
      name: 'a file that names several architectures is not platform-specific',
      code: 'FROM --platform=linux/amd64 alpine AS tools\nRUN case $(uname -m) in x86_64) a ;; aarch64) b ;; esac\n',
      errors: [{ line: 1 }],
    },
    { name: 'arm64v7 is not arm64', code: 'FROM --platform=linux/arm64 alpine AS tools\nENV CHANNEL=PSDocker-arm64v7\n', errors: [{ line: 1 }] },
    { name: 'OS only', code: 'FROM --platform=linux debian AS base\n', errors: [{ line: 1 }] },
    { name: 'lowercase from, continuation', code: 'from \\\n  --platform=linux/s390x alpine as build\n', errors: [{ line: 2, column: 3 }] },
  ],
});
