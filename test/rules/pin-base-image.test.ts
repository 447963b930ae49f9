import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/pin-base-image';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    // Issue 19: the build must pass --build-arg BASE=…, and that value is what gets pinned.
    { name: 'image from an ARG without default', code: 'ARG BASE\nFROM ${BASE}\n' },
    'FROM alpine:3.20\n',
    'FROM scratch\nCOPY app /app\n',
    'FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM build\nCMD ["/app"]\n',
    'FROM alpine@sha256:1e42bbe2508154c9126d48c2b8a75420c3544343bf86fd041fb7527e017a4b4a\n',
    { name: 'ARG default supplies a tag', code: 'ARG TAG=3.20\nFROM alpine:${TAG}\n' },
    { name: 'ARG without default for the name, with a tag written after it', code: 'ARG REGISTRY\nFROM ${REGISTRY}/team/app:1.2\n' },
    { name: 'registry with port is not a tag', code: 'FROM localhost:5000/team/app:1.2\n' },
    { name: 'stage names are case-insensitive', code: 'FROM node:22 AS Deps\nFROM deps\n' },
    { name: 'tags are case-sensitive: LATEST is not latest', code: 'FROM ubuntu:LATEST\n' },
    { name: 'heredoc and continuation do not confuse it', code: 'FROM \\\n  alpine:3.20\nRUN <<EOF\nFROM ubuntu\nEOF\n' },
  ],
  invalid: [
    { code: 'FROM ubuntu\n', errors: [{ line: 1, column: 6, endColumn: 12, message: "'ubuntu' has no tag" }], output: null },
    {
      name: 'pinned from imagePins: tag appended',
      code: 'FROM ubuntu\n',
      config: { imagePins: { ubuntu: '24.04' } },
      errors: [{ line: 1 }],
      output: 'FROM ubuntu:24.04\n',
    },
    {
      name: 'pinned from imagePins: latest replaced, other images left alone',
      code: 'FROM node:latest AS build\nFROM python\nFROM docker.io/library/alpine:latest\n',
      config: { imagePins: { node: '22.11-bookworm', alpine: ':3.20' } },
      errors: [{ line: 1 }, { line: 2 }, { line: 3 }],
      output: 'FROM node:22.11-bookworm AS build\nFROM python\nFROM docker.io/library/alpine:3.20\n',
    },
    {
      name: 'digest pins, registry with a port, lower case, continuation with a comment line',
      code: 'from --platform=linux/amd64 \\\n# the cache\n    localhost:5000/team/redis as cache\nfrom library/alpine\n',
      config: { imagePins: { 'localhost:5000/team/redis': '7.4@sha256:' + 'a'.repeat(64), 'docker.io/library/alpine': 'sha256:' + 'b'.repeat(64) } },
      errors: [{ line: 3 }, { line: 4 }],
      output: `from --platform=linux/amd64 \\\n# the cache\n    localhost:5000/team/redis:7.4@sha256:${'a'.repeat(64)} as cache\nfrom library/alpine@sha256:${'b'.repeat(64)}\n`,
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM `\n# base\n  nginx AS web\n',
      config: { imagePins: { nginx: '1.27' } },
      errors: [{ line: 4 }],
      output: '# escape=`\nFROM `\n# base\n  nginx:1.27 AS web\n',
    },
    {
      name: 'image from an ARG default: no fix',
      code: 'ARG TAG=latest\nFROM python:${TAG}\n',
      config: { imagePins: { python: '3.13' } },
      errors: [{ line: 2 }],
      output: null,
    },
    { name: 'malformed pin: no fix', code: 'FROM ubuntu\n', config: { imagePins: { ubuntu: 'not a tag' } }, errors: [{ line: 1 }], output: null },
    { code: 'FROM node:latest AS build\n', errors: [{ line: 1, column: 6, message: "'latest' tag" }] },
    {
      name: 'ARG default resolved to latest',
      code: 'ARG TAG=latest\nFROM python:${TAG}\n',
      errors: [{ line: 2, message: "'python:${TAG}' (= 'python:latest')" }],
    },
    {
      name: 'multi-stage: each stage checked, stage references skipped',
      code: 'FROM golang AS build\nRUN go build\nFROM build AS test\nFROM debian:latest\n',
      errors: [{ line: 1 }, { line: 4 }],
    },
    { name: 'registry with port and no tag', code: 'FROM localhost:5000/team/app\n', errors: [{ line: 1 }] },
    { name: 'lower-case instruction', code: 'from nginx as web\n', errors: [{ line: 1, column: 6 }] },
    { name: 'image on a continuation line', code: 'FROM --platform=linux/amd64 \\\n    redis\n', errors: [{ line: 2, column: 5 }] },
  ],
});

describe('pin-base-image fixture', () => {
  it('fixes fixtures/pin-base-image/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/pin-base-image');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad, config: { imagePins: { golang: '1.23-bookworm', debian: '12.8-slim' } } });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(fixedBy(rule, fixed, { code: fixed, config: { imagePins: { golang: '1.23-bookworm', debian: '12.8-slim' } } })).toBe(fixed);
    expect(findingsFor(rule, fixed).length).toBeLessThan(findingsFor(rule, bad).length);
  });
});
