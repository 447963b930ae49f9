import rule from '../../rules/shell-commands/copy-relative-needs-workdir';
import { lintText } from '../../src/index';
import { runRuleTests } from '../support/ruleTester';

const trust = { trustBaseImageWorkdir: true };

runRuleTests(rule, {
  valid: [
    { name: 'WORKDIR first', code: 'FROM debian:12\nWORKDIR /app\nCOPY . .\n' },
    { name: 'absolute', code: 'FROM debian:12\nCOPY app.py /app/app.py\n' },
    { name: 'variable', code: 'FROM debian:12\nARG D=/x\nCOPY a $D\n' },
    { name: 'inherited WORKDIR', code: 'FROM debian:12 AS base\nWORKDIR /app\nFROM base\nCOPY . .\n' },
    { name: 'Windows absolute', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY a.txt c:/a.txt\n' },
    { name: 'ONBUILD COPY', code: 'FROM debian:12\nONBUILD COPY . .\n' },
    { name: 'exec form absolute', code: 'FROM debian:12\nCOPY ["a b.txt", "/srv/"]\n' },
    // Hand check 2026-12-06, 01992.Dockerfile:2: golang images end with WORKDIR $GOPATH (/go).
    { name: 'scratch: the working directory is always / (trustBaseImageWorkdir)', code: 'FROM scratch\nCOPY app etc/app\n', options: trust },
    { name: 'golang base sets WORKDIR /go (trustBaseImageWorkdir)', code: 'FROM golang:1.15-alpine\nCOPY . .\n', options: trust },
    { name: 'a stage FROM a golang stage inherits it', code: 'FROM docker.io/library/golang:1.23 AS build\nRUN go version\nFROM build\nCOPY . src/\n', options: trust },
    { name: 'php fpm variant sets WORKDIR /var/www/html', code: 'FROM php:8.3-fpm-alpine\nCOPY . .\n', options: trust },
    { name: 'redis sets WORKDIR /data', code: 'FROM redis:7\nCOPY redis.conf .\n', options: trust },
  ],
  invalid: [
    { code: 'FROM debian:12\nCOPY app.py app.py\n', errors: [{ line: 2, column: 13, endColumn: 19, message: "COPY at line 2 copies to the relative path 'app.py' with no WORKDIR" }] },
    { name: 'dot', code: 'FROM debian:12\nCOPY . .\n', errors: [{ line: 2 }] },
    { name: 'WORKDIR in another stage', code: 'FROM debian:12 AS a\nWORKDIR /app\nFROM debian:12\nCOPY x.txt x.txt\n', errors: [{ line: 4 }] },
    { name: 'quoted', code: 'FROM debian:12\nCOPY x.txt "dir/x.txt"\n', errors: [{ line: 2 }] },
    { name: 'heredoc', code: 'FROM debian:12\nCOPY <<EOF conf.txt\nhello\nEOF\n', errors: [{ line: 2 }] },
    { name: 'WORKDIR after the COPY', code: 'FROM debian:12\nCOPY . .\nWORKDIR /app\n', errors: [{ line: 2 }] },
    { name: 'exec form', code: 'FROM debian:12\nCOPY ["a.txt", "conf/"]\n', errors: [{ line: 2 }] },
    { name: 'scratch without trustBaseImageWorkdir (hadolint DL3045)', code: 'FROM scratch\nCOPY app etc/app\n', errors: [{ line: 2 }] },
    { name: 'golang base without trustBaseImageWorkdir (hadolint DL3045)', code: 'FROM golang:1.15-alpine\nCOPY . .\n', errors: [{ line: 2 }] },
    { name: 'php cli sets no WORKDIR', code: 'FROM php:8.3-cli\nCOPY . .\n', options: trust, errors: [{ line: 2 }] },
    { name: 'an unknown base image', code: 'FROM python:3.12\nCOPY . .\n', options: trust, errors: [{ line: 2 }] },
    { name: 'a debian stage after a golang stage is not built FROM it', code: 'FROM golang:1.23 AS build\nFROM debian:12-slim\nCOPY --from=build /go/bin/app app\n', options: trust, errors: [{ line: 3 }] },
    { name: 'a base named by an ARG without a value', code: 'ARG IMAGE\nFROM ${IMAGE}golang:1.23\nCOPY . .\n', options: trust, errors: [{ line: 3 }] },
  ],
});

describe('copy-relative-needs-workdir presets', () => {
  const lines = (config: Parameters<typeof lintText>[1]) =>
    lintText('FROM golang:1.15-alpine\nCOPY . .\n', config).findings.filter((f) => f.ruleId === rule.meta.id).map((f) => f.range.start.line + 1);
  it('recommended trusts the WORKDIR golang sets; strict, all and hadolint report it as DL3045 does', () => {
    expect(lines({})).toEqual([]);
    expect(lines({ extends: 'strict' })).toEqual([2]);
    expect(lines({ extends: 'all' })).toEqual([2]);
    expect(lines({ extends: 'hadolint' })).toEqual([2]);
  });
});
