import rule from '../../rules/clean-package-cache';
import { findingsFor, runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    { name: 'rm -r -f spelled apart', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -r -f /var/lib/apt/lists/*\n' },
    { name: 'apt-get install alone writes no lists', code: 'FROM debian:12\nRUN apt-get install -y curl\n' },
    { name: 'apk --no-cache after the packages', code: 'FROM alpine:3.20\nRUN apk add curl --no-cache\n' },
    { name: 'apk global --no-cache', code: 'FROM alpine:3.20\nRUN apk --no-cache add curl\n' },
    { name: 'cache mount on the apt lists parent', code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl\n' },
    { name: 'cache mount on /var/cache/apk/ with slash', code: 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk/ apk add curl\n' },
    { name: 'yum clean all across continuation', code: 'FROM rockylinux:9\nRUN yum install -y httpd \\\n && yum clean all\n' },
    { name: 'dnf with rm of its cache', code: 'FROM fedora:40\nRUN dnf install -y httpd && rm -rf /var/cache/dnf\n' },
    { name: 'zypper cc', code: 'FROM opensuse/leap:15.6\nRUN zypper -n in curl && zypper cc\n' },
    { name: 'pip --no-cache-dir', code: 'FROM python:3.12\nRUN pip install --no-cache-dir requests\n' },
    { name: 'PIP_NO_CACHE_DIR from ENV of the parent stage', code: 'FROM python:3.12 AS base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install requests\n' },
    { name: 'PIP_NO_CACHE_DIR from ARG', code: 'FROM python:3.12\nARG PIP_NO_CACHE_DIR=1\nRUN python3 -m pip install requests\n' },
    { name: 'inline PIP_NO_CACHE_DIR', code: 'FROM python:3.12\nRUN PIP_NO_CACHE_DIR=off pip3 install requests\n' },
    { name: 'pip cache mount under /root/.cache', code: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache pip install requests\n' },
    { name: 'npm cache clean', code: 'FROM node:22\nRUN npm ci && npm cache clean --force\n' },
    { name: 'yarn cache clean', code: 'FROM node:22\nRUN yarn install --frozen-lockfile && yarn cache clean\n' },
    {
      name: 'builder stage only used through COPY --from',
      code: 'FROM node:22 AS build\nRUN npm ci && npm run build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n',
    },
    {
      name: 'heredoc cleans in the same layer',
      code: 'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\n',
    },
    {
      name: 'comment lines inside a continuation',
      code: 'FROM debian:12\nRUN apt-get update \\\n# fetch tools\n    && apt-get install -y curl \\\n    # and clean\n    && rm -rf /var/lib/apt/lists/*\n',
    },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN pip install requests\n' },
    { name: 'pipx is not pip', code: 'FROM python:3.12\nRUN pipx install black\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 19, message: 'apt-get update at line 2 leaves /var/lib/apt/lists in the layer; add `&& rm -rf /var/lib/apt/lists/*` to the same RUN.' }],
    },
    {
      name: 'cleanup in a later RUN does not count',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 2 }],
    },
    {
      name: 'cleanup before the update does not count',
      code: 'FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y curl\n',
      errors: [{ line: 2, column: 36 }],
    },
    {
      name: 'second apk add lacks --no-cache',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache bash && apk add curl\n',
      errors: [{ line: 2, column: 32, endColumn: 44, message: 'apk add at line 2 leaves its index cache in /var/cache/apk' }],
    },
    { name: 'only /var/cache/apt mounted', code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update\n', errors: [{ line: 2, column: 46 }] },
    {
      name: 'stage reused as a base',
      code: 'FROM node:22 AS deps\nRUN yarn install\nFROM deps\nRUN echo done\n',
      errors: [{ line: 2, message: 'yarn install at line 2 leaves its cache in /usr/local/share/.cache/yarn' }],
    },
    { name: 'microdnf cleaned by another tool', code: 'FROM fedora:40\nRUN microdnf install -y httpd && dnf clean all\n', errors: [{ line: 2, message: 'microdnf clean all' }] },
    { name: 'yum', code: 'FROM rockylinux:9\nRUN yum install -y httpd\n', errors: [{ line: 2, message: 'yum clean all' }] },
    { name: 'zypper', code: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl\n', errors: [{ line: 2, message: '/var/cache/zypp' }] },
    {
      name: 'pip, with a non-root user',
      code: 'FROM python:3.12\nUSER app\nRUN pip install --user requests\n',
      errors: [{ line: 3, message: 'pip install at line 3 leaves its cache in ~/.cache/pip in the layer; use `pip install --no-cache-dir`' }],
    },
    { name: 'python -m pip through sudo', code: 'FROM debian:12\nRUN sudo python3 -m pip install flask\n', errors: [{ line: 2, column: 5, message: 'python3 -m pip install' }] },
    { name: 'npm ci', code: 'FROM node:22\nRUN npm ci\n', errors: [{ line: 2, message: 'npm ci at line 2 leaves its cache in /root/.npm' }] },
    { name: 'ONBUILD RUN', code: 'FROM alpine:3.20\nONBUILD RUN apk add curl\n', errors: [{ line: 2, column: 13 }] },
    {
      name: 'heredoc: the command inside the body',
      code: 'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF\n',
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 15 }],
    },
    {
      name: 'continuation with a comment line: range on the second physical line',
      code: 'FROM python:3.12\nRUN set -eux \\\n# deps\n    && pip install requests\n',
      errors: [{ line: 4, column: 8, endLine: 4, endColumn: 28 }],
    },
    {
      name: 'multi-stage: only the final stage and its bases',
      code: 'FROM alpine:3.20 AS tools\nRUN apk add curl\nFROM debian:12 AS base\nRUN apt-get update\nFROM base\nRUN pip install requests\n',
      errors: [{ line: 4 }, { line: 6 }],
    },
  ],
});

describe('clean-package-cache docs', () => {
  it('bad fires and good does not', () => {
    expect(findingsFor(rule, rule.meta.docs.bad).length).toBeGreaterThan(0);
    expect(findingsFor(rule, rule.meta.docs.good)).toEqual([]);
  });
});
