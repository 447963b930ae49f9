import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/shell-commands/wget-progress';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'signature and checksum downloads: a line of progress at most', code: 'FROM debian:12\nRUN wget https://example.com/a.tgz.asc https://example.com/SHA256SUMS "https://example.com/a.tgz.sha256?x=1"\n' },
    { name: 'wget --version in a version report: downloads nothing', code: "FROM debian:12\nRUN which wget && wget --version 2>&1 | sed -n '1p'\n" },
    { name: '-q', code: 'FROM debian:12\nRUN wget -q https://example.com/a.tgz\n' },
    { name: '--progress', code: 'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/a.tgz\n' },
    { name: '-nv', code: 'FROM debian:12\nRUN wget -nv https://example.com/a.tgz\n' },
    { name: '-o logfile', code: 'FROM debian:12\nRUN wget -o /tmp/log https://example.com/a.tgz\n' },
    { name: '--quiet after the URL', code: 'FROM debian:12\nRUN wget https://example.com/a.tgz --quiet\n' },
    { name: '-qO- cluster', code: 'FROM debian:12\nRUN wget -qO- https://example.com/a.tgz | tar -xz\n' },
    { name: 'curl', code: 'FROM debian:12\nRUN curl -fsSLO https://example.com/a.tgz\n' },
    { name: 'heredoc with -nv', code: 'FROM debian:12\nRUN <<EOF\nwget -nv https://example.com/a.tgz\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN wget https://example.com/a.zip -OutFile a.zip\n' },
  ],
  invalid: [
    { name: 'an archive with its signature', code: 'FROM debian:12\nRUN wget https://example.com/a.tgz https://example.com/a.tgz.asc\n', errors: [{ line: 2 }], output: 'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/a.tgz https://example.com/a.tgz.asc\n' },
    {
      code: 'FROM debian:12\nRUN wget https://example.com/a.tgz\n',
      errors: [{ line: 2, column: 5, endColumn: 35, message: 'wget at line 2 prints a progress line every few kilobytes into the build log' }],
      output: 'FROM debian:12\nRUN wget --progress=dot:giga https://example.com/a.tgz\n',
    },
    {
      name: '-O file',
      code: 'FROM debian:12\nRUN wget -O /tmp/a.tgz https://example.com/a.tgz\n',
      errors: [{ line: 2 }],
      output: 'FROM debian:12\nRUN wget --progress=dot:giga -O /tmp/a.tgz https://example.com/a.tgz\n',
    },
    {
      name: 'after &&',
      code: 'FROM debian:12\nRUN echo x && wget http://example.com/f\n',
      errors: [{ line: 2, column: 15 }],
      output: 'FROM debian:12\nRUN echo x && wget --progress=dot:giga http://example.com/f\n',
    },
    {
      name: 'ONBUILD',
      code: 'FROM debian:12\nONBUILD RUN wget http://example.com/f\n',
      errors: [{ line: 2, column: 13 }],
      output: 'FROM debian:12\nONBUILD RUN wget --progress=dot:giga http://example.com/f\n',
    },
    {
      name: '-q as the value of -O is not quiet',
      code: 'FROM debian:12\nRUN wget -O -q http://example.com/f\n',
      errors: [{ line: 2 }],
      output: 'FROM debian:12\nRUN wget --progress=dot:giga -O -q http://example.com/f\n',
    },
    {
      name: 'exec form',
      code: 'FROM debian:12\nRUN ["wget", "http://example.com/f"]\n',
      errors: [{ line: 2, column: 6 }],
      output: 'FROM debian:12\nRUN ["wget", "--progress=dot:giga", "http://example.com/f"]\n',
    },
    {
      name: 'heredoc',
      code: 'FROM debian:12\nRUN <<EOF\nwget http://example.com/f\nEOF\n',
      errors: [{ line: 3, column: 1 }],
      output: 'FROM debian:12\nRUN <<EOF\nwget --progress=dot:giga http://example.com/f\nEOF\n',
    },
    {
      name: 'continuation with a comment line',
      code: 'FROM debian:12\nRUN set -e \\\n# fetch\n && wget -c http://example.com/f\n',
      errors: [{ line: 4, column: 5 }],
      output: 'FROM debian:12\nRUN set -e \\\n# fetch\n && wget --progress=dot:giga -c http://example.com/f\n',
    },
    {
      name: 'behind sudo, in a stage built FROM a Debian stage',
      code: 'FROM ubuntu:24.04 AS base\nFROM base\nRUN sudo wget http://example.com/f\n',
      errors: [{ line: 3 }],
      output: 'FROM ubuntu:24.04 AS base\nFROM base\nRUN sudo wget --progress=dot:giga http://example.com/f\n',
    },
    // Hand check 2026-12-06, 00016.Dockerfile:54: BusyBox wget (checked in busybox's networking/wget.c and
    // libbb/progress.c, and with Debian's busybox 1.35 against a local server) rejects --progress ("unrecognized
    // option", exit 1), accepts and ignores -nv/--no-verbose, and without a terminal prints one status line a second.
    {
      name: 'Alpine: BusyBox wget has no --progress, no fix, and the message says what BusyBox prints',
      code: 'FROM alpine:3.20\nRUN wget http://example.com/f\n',
      errors: [{
        line: 2,
        message:
          "wget at line 2 prints a progress line every second of the download into the build log; add `-q` (this stage's wget is BusyBox's, which has no --progress and ignores -nv).",
      }],
      output: null,
    },
    {
      name: 'Alpine with GNU wget installed by apk in an earlier RUN: GNU wget, fix offered',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache wget\nRUN wget http://example.com/f\n',
      errors: [{ line: 3, message: 'wget at line 3 prints a progress line every few kilobytes into the build log; add `--progress=dot:giga`, `-nv` or `-q`.' }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache wget\nRUN wget --progress=dot:giga http://example.com/f\n',
    },
    {
      name: 'base from an ARG, apk add wget earlier in the stage (00376) and in the same RUN, also through FROM <stage>',
      code: 'ARG BASE\nFROM ${BASE} AS b\nRUN apk add -U --no-cache perl wget\nRUN wget -O /tmp/a http://example.com/a\nFROM b\nRUN wget http://example.com/c\nFROM ${BASE}\nRUN apk add wget=1.24.5-r0 && wget http://example.com/b\n',
      errors: [{ line: 4, message: 'every few kilobytes' }, { line: 6, message: 'every few kilobytes' }, { line: 8, message: 'every few kilobytes' }],
    },
    {
      name: 'Alpine, apk add wget only after the wget, or removed again before it: not known to be GNU',
      code: 'FROM alpine:3.20\nRUN wget http://example.com/f && apk add wget\nRUN apk add --virtual .d wget && apk del .d && wget http://example.com/g\nRUN wget http://example.com/h\n',
      errors: [{ line: 2, message: "may be BusyBox's" }, { line: 3, message: "may be BusyBox's" }, { line: 4, message: "may be BusyBox's" }],
      output: null,
    },
    { name: 'an -alpine tag, no fix', code: 'FROM node:22-alpine3.20\nRUN wget http://example.com/f\n', errors: [{ line: 2 }], output: null },
    { name: 'BusyBox, no fix', code: 'FROM busybox:1.36\nRUN wget http://example.com/f\n', errors: [{ line: 2, message: "this stage's wget is BusyBox's" }], output: null },
    {
      name: 'a stage built FROM an Alpine stage, no fix',
      code: 'FROM python:3.12-alpine AS base\nFROM base\nRUN wget http://example.com/f\n',
      errors: [{ line: 3 }],
      output: null,
    },
    {
      name: 'a stage that runs apk, no fix',
      code: 'FROM example.com/tools:1\nRUN apk add --no-cache ca-certificates\nRUN wget http://example.com/f\n',
      errors: [{ line: 3, message: "wget at line 3 prints progress lines into the build log (GNU wget one every few kilobytes, BusyBox's one a second)" }],
      output: null,
    },
    {
      name: 'an image from an ARG without a default, no fix',
      code: 'ARG BASE\nFROM ${BASE}\nRUN wget http://example.com/f\n',
      errors: [{ line: 3 }],
      output: null,
    },
  ],
});

describe('wget-progress fixture', () => {
  it('fixes fixtures/wget-progress/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/wget-progress');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(fixedBy(rule, fixed, { code: fixed })).toBe(fixed);
    expect(findingsFor(rule, fixed)).toEqual([]);
  });
});
