import rule from '../../rules/pin-base-image';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
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
    { code: 'FROM ubuntu\n', errors: [{ line: 1, column: 6, endColumn: 12, message: "'ubuntu' has no tag" }] },
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
    { name: 'image from an ARG without default', code: 'ARG BASE\nFROM ${BASE}\n', errors: [{ line: 2, message: 'ARG BASE with no default' }] },
    { name: 'registry with port and no tag', code: 'FROM localhost:5000/team/app\n', errors: [{ line: 1 }] },
    { name: 'lower-case instruction', code: 'from nginx as web\n', errors: [{ line: 1, column: 6 }] },
    { name: 'image on a continuation line', code: 'FROM --platform=linux/amd64 \\\n    redis\n', errors: [{ line: 2, column: 5 }] },
  ],
});
