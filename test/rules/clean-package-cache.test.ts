import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule, { dnfCacheDir } from '../../rules/clean-package-cache';
import { lintText } from '../../src/index';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

/** Dockerfile text from lines (LF; the tester also runs every case with CRLF). */
const df = (...lines: string[]): string => `${lines.join('\n')}\n`;

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
    // Hand check 2026-12-07 (02151.Dockerfile:102): a bare `yarn` is `yarn install`, but `yarn --version` only prints.
    { name: 'yarn --version, -v, --help', code: 'FROM node:22\nRUN yarn --version && yarn -v && yarn --help\n' },
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
    { name: 'apt-get dist-clean empties the lists', code: 'FROM debian:13\nRUN apt-get update && apt-get install -y curl && apt-get dist-clean\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 19, message: 'apt-get update at line 2 leaves /var/lib/apt/lists (~20 MB) in the layer; add `&& rm -rf /var/lib/apt/lists/*` to the same RUN.' }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      // The later delete would delete nothing after the fix: it goes (issue 21, the cleanup-across-separators lab case).
      name: 'cleanup in a later RUN does not count (the fix moves it into the RUN that filled the lists)',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 2 }],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'the later delete leaves its RUN with its `&&`, across a removal, a comment and LABEL',
      code: df(
        'FROM debian:12',
        'RUN apt-get update && apt-get install -y make',
        'LABEL a=b',
        'RUN apt-get purge -y make && apt-get autoremove -y',
        '# cleanup',
        'RUN echo one && rm -rf /var/lib/apt/lists/* && echo two',
        'CMD ["sh"]',
      ),
      errors: [{ line: 2 }],
      output: df(
        'FROM debian:12',
        'RUN apt-get update && apt-get install -y make && rm -rf /var/lib/apt/lists/*',
        'LABEL a=b',
        'RUN apt-get purge -y make && apt-get autoremove -y',
        '# cleanup',
        'RUN echo one && echo two',
        'CMD ["sh"]',
      ),
    },
    {
      name: 'the later delete stays when a RUN between may fill the lists again',
      code: df('FROM debian:12', 'RUN apt-get update && apt-get install -y curl', 'RUN curl -o /var/lib/apt/lists/x http://x', 'RUN rm -rf /var/lib/apt/lists/*'),
      errors: [{ line: 2 }],
      output: df('FROM debian:12', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*', 'RUN curl -o /var/lib/apt/lists/x http://x', 'RUN rm -rf /var/lib/apt/lists/*'),
    },
    {
      name: 'the later delete stays when it deletes more than the lists',
      code: df('FROM debian:12', 'RUN apt-get update && apt-get install -y curl', 'RUN rm -rf /var/lib/apt/lists/* /tmp/*'),
      errors: [{ line: 2 }],
      output: df('FROM debian:12', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*', 'RUN rm -rf /var/lib/apt/lists/* /tmp/*'),
    },
    {
      name: 'the later delete stays when it runs as another USER',
      code: df('FROM debian:12', 'RUN apt-get update && apt-get install -y curl', 'USER app', 'RUN rm -rf /var/lib/apt/lists/*'),
      errors: [{ line: 2 }],
      output: df('FROM debian:12', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*', 'USER app', 'RUN rm -rf /var/lib/apt/lists/*'),
    },
    {
      name: 'cleanup before the update does not count',
      code: 'FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y curl\n',
      errors: [{ line: 2, column: 36 }],
      output: 'FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'second apk add lacks --no-cache',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache bash && apk add curl\n',
      errors: [{ line: 2, column: 32, endColumn: 44, message: 'apk add at line 2 leaves its index cache in /var/cache/apk' }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache bash && apk add --no-cache curl\n',
    },
    { name: 'only /var/cache/apt mounted', code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update\n', errors: [{ line: 2, column: 46 }] },
    {
      name: 'stage reused as a base',
      code: 'FROM node:22 AS deps\nRUN yarn install\nFROM deps\nRUN echo done\n',
      errors: [{ line: 2, message: 'yarn install at line 2 leaves its cache in /usr/local/share/.cache/yarn' }],
      output: null,
    },
    { name: 'microdnf cleaned by another tool', code: 'FROM fedora:40\nRUN microdnf install -y httpd && dnf clean all\n', errors: [{ line: 2, message: 'microdnf clean all' }], output: 'FROM fedora:40\nRUN microdnf install -y httpd && dnf clean all && microdnf clean all\n' },
    { name: 'yum', code: 'FROM rockylinux:9\nRUN yum install -y httpd\n', errors: [{ line: 2, message: 'yum clean all' }], output: 'FROM rockylinux:9\nRUN yum install -y httpd && yum clean all\n' },
    {
      name: 'yum on Amazon Linux 2023 is dnf: the cache is /var/cache/dnf (01283)',
      code: 'FROM public.ecr.aws/amazonlinux/amazonlinux:2023 AS base\nFROM base\nRUN yum install -y httpd\n',
      errors: [{ line: 3, message: 'yum install at line 3 leaves its cache in /var/cache/dnf in the layer; add `&& yum clean all` to the same RUN' }],
      output: 'FROM public.ecr.aws/amazonlinux/amazonlinux:2023 AS base\nFROM base\nRUN yum install -y httpd && yum clean all\n',
    },
    ...[
      ['amazonlinux:2', '/var/cache/yum'],
      ['centos:7', '/var/cache/yum'],
      ['quay.io/centos/centos:stream9', '/var/cache/dnf'],
      ['registry.access.redhat.com/ubi8/ubi:8.6', '/var/cache/dnf'],
      ['fedora:42', '/var/cache/libdnf5'],
    ].map(([image, dir]) => ({ name: `yum cache on ${image!}`, code: `FROM ${image!}\nRUN yum install -y httpd\n`, errors: [{ line: 2, message: `leaves its cache in ${dir!} in the layer` }] })),
    { name: 'dnf5 on Fedora 41+', code: 'FROM fedora:41\nRUN dnf install -y httpd\n', errors: [{ line: 2, message: 'leaves its cache in /var/cache/libdnf5 in the layer' }] },
    { name: 'zypper', code: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl\n', errors: [{ line: 2, message: '/var/cache/zypp' }], output: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl && zypper clean --all\n' },
    {
      name: 'pip, with a non-root user',
      code: 'FROM python:3.12\nUSER app\nRUN pip install --user requests\n',
      errors: [{ line: 3, message: 'pip install at line 3 leaves its cache in ~/.cache/pip in the layer; use `pip install --no-cache-dir`' }],
      output: 'FROM python:3.12\nUSER app\nRUN pip install --no-cache-dir --user requests\n',
    },
    { name: 'python -m pip through sudo', code: 'FROM debian:12\nRUN sudo python3 -m pip install flask\n', errors: [{ line: 2, column: 5, message: 'python3 -m pip install' }], output: 'FROM debian:12\nRUN sudo python3 -m pip install --no-cache-dir flask\n' },
    { name: 'npm ci', code: 'FROM node:22\nRUN npm ci\n', errors: [{ line: 2, message: 'npm ci at line 2 leaves its cache in /root/.npm' }], output: 'FROM node:22\nRUN npm ci && npm cache clean --force\n' },
    { name: 'ONBUILD RUN', code: 'FROM alpine:3.20\nONBUILD RUN apk add curl\n', errors: [{ line: 2, column: 13 }], output: 'FROM alpine:3.20\nONBUILD RUN apk add --no-cache curl\n' },
    {
      name: 'heredoc: the command inside the body',
      code: 'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nEOF\n',
      errors: [{ line: 4, column: 1, endLine: 4, endColumn: 15 }],
      output: 'FROM debian:12\nRUN <<EOF\nset -e\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF\n',
    },
    {
      name: 'continuation with a comment line: range on the second physical line',
      code: 'FROM python:3.12\nRUN set -eux \\\n# deps\n    && pip install requests\n',
      errors: [{ line: 4, column: 8, endLine: 4, endColumn: 28 }],
      output: 'FROM python:3.12\nRUN set -eux \\\n# deps\n    && pip install --no-cache-dir requests\n',
    },
    {
      name: 'multi-stage: only the final stage and its bases',
      code: 'FROM alpine:3.20 AS tools\nRUN apk add curl\nFROM debian:12 AS base\nRUN apt-get update\nFROM base\nRUN pip install requests\n',
      errors: [{ line: 4 }, { line: 6 }],
    },
    {
      name: 'fix: after the last apt command, inside a continuation with comment lines',
      code: 'FROM debian:12\nRUN apt-get update \\\n    # tools we need\n    && apt-get install -y --no-install-recommends \\\n        curl \\\n        # for the build\n        make \\\n    && make install\n',
      errors: [{ line: 2 }],
      output:
        'FROM debian:12\nRUN apt-get update \\\n    # tools we need\n    && apt-get install -y --no-install-recommends \\\n        curl \\\n        # for the build\n        make && rm -rf /var/lib/apt/lists/* \\\n    && make install\n',
    },
    {
      name: 'fix: `;` list keeps `;` so set -e still stops at the install',
      code: 'FROM debian:12\nRUN set -eux; \\\n    apt-get update; \\\n    # install\n    apt-get install -y curl; \\\n    curl --version\n',
      errors: [{ line: 3 }],
      output: 'FROM debian:12\nRUN set -eux; \\\n    apt-get update; \\\n    # install\n    apt-get install -y curl; rm -rf /var/lib/apt/lists/*; \\\n    curl --version\n',
    },
    {
      name: 'fix: heredoc with set -e gets a new line, indented like the install',
      code: 'FROM debian:12\nRUN <<EOF\nset -eux\n    apt-get update\n    apt-get install -y curl  # tools\n    curl --version\nEOF\n',
      errors: [{ line: 4 }],
      output: 'FROM debian:12\nRUN <<EOF\nset -eux\n    apt-get update\n    apt-get install -y curl  # tools\n    rm -rf /var/lib/apt/lists/*\n    curl --version\nEOF\n',
    },
    {
      name: 'fix: heredoc without set -e, install last: && keeps its exit status',
      code: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl\nEOF\n',
      errors: [{ line: 3 }],
      output: 'FROM debian:12\nRUN <<EOF\napt-get update\napt-get install -y curl && rm -rf /var/lib/apt/lists/*\nEOF\n',
    },
    {
      name: 'fix: <<- heredoc keeps tab indentation',
      code: 'FROM debian:12\nRUN <<-EOF\n\tset -e\n\tapt-get update\n\tapt-get install -y curl\nEOF\n',
      errors: [{ line: 4 }],
      output: 'FROM debian:12\nRUN <<-EOF\n\tset -e\n\tapt-get update\n\tapt-get install -y curl\n\trm -rf /var/lib/apt/lists/*\nEOF\n',
    },
    {
      name: 'fix: escape=` file',
      code: '# escape=`\nFROM debian:12\nRUN apt-get update `\n    # tools\n    && apt-get install -y curl\n',
      errors: [{ line: 3 }],
      output: '# escape=`\nFROM debian:12\nRUN apt-get update `\n    # tools\n    && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\n',
    },
    {
      name: 'fix: dnf clean all before a later `;` command',
      code: 'FROM fedora:41\nRUN dnf install -y httpd && dnf module enable -y nodejs:20 ; echo ok\n',
      errors: [{ line: 2 }],
      output: 'FROM fedora:41\nRUN dnf install -y httpd && dnf module enable -y nodejs:20; dnf clean all ; echo ok\n',
    },
    {
      name: 'fix: apk --update is left alone while a later RUN reads its index, then fixed once that one has its own',
      code: 'FROM alpine:3.20\nRUN apk add --update curl\nRUN apk add git\n',
      errors: [{ line: 2 }, { line: 3 }],
      output: 'FROM alpine:3.20\nRUN apk add --no-cache --update curl\nRUN apk add --no-cache git\n',
    },
    { name: 'no fix: pipeline', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl | tee /log\n', errors: [{ line: 2 }], output: null },
    { name: 'no fix: a later RUN installs without apt-get update', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN apt-get install -y git\n', errors: [{ line: 2 }], output: null },
    { name: 'no fix: `||` after the install', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl || true\n', errors: [{ line: 2 }], output: null },
    { name: 'no fix: install inside if', code: 'FROM debian:12\nRUN apt-get update && if true; then apt-get install -y curl; fi\n', errors: [{ line: 2 }], output: null },
    { name: 'no fix: behind sudo as a non-root user', code: 'FROM debian:12\nUSER app\nRUN sudo apt-get update && sudo apt-get install -y curl\n', errors: [{ line: 3 }], output: null },
    { name: 'no fix: apt-get again inside sh -c', code: "FROM debian:12\nRUN apt-get update && apt-get install -y curl && sh -c 'apt-get install -y git'\n", errors: [{ line: 2 }], output: null },
    { name: 'no fix: yarn (Yarn 2+ keeps PnP packages in the cache)', code: 'FROM node:22\nRUN yarn install --frozen-lockfile\n', errors: [{ line: 2 }], output: null },
    { name: 'no fix: pip too old for --no-cache-dir', code: 'FROM ubuntu:14.04\nRUN pip install requests\n', errors: [{ line: 2 }], output: null },
    { name: 'no fix: apk --no-network has only the cached index', code: 'FROM alpine:3.20\nRUN apk update && apk add --no-network curl\n', errors: [{ line: 2 }], output: null },
  ],
});

// Why a finding has no fix, named for the case at hand: it used to be one list of possible causes for all of them.
describe('clean-package-cache says why the cleanup has no place', () => {
  it.each([
    ['inside an if', 'RUN if [ -n "$X" ]; then apt-get update && apt-get install -y curl; fi', 'sits inside an `if`, loop, group, subshell or function'],
    ['in a pipeline', 'RUN apt-get update && apt-get install -y curl | tee /log', 'is part of a pipeline'],
    ['negated', 'RUN apt-get update && ! apt-get install -y curl', 'is negated with `!`'],
    ['in the background', 'RUN apt-get update && apt-get install -y curl & wait', 'runs in the background (`&`)'],
    ['before ||', 'RUN apt-get update && apt-get install -y curl || true', 'a `||` follows the last package command'],
    ['reading a heredoc', 'RUN apt-get update && apt-get install -y curl <<EOF\ny\nEOF', 'reads a heredoc'],
  ])('%s', (_name, run, reason) => {
    const findings = lintText(`FROM debian:12\n${run}\n`).findings.filter((f) => f.ruleId === 'clean-package-cache');
    expect(findings.map((f) => [f.fix, f.fixDeclined])).toEqual([[null, expect.stringContaining(reason)]]);
  });
});

describe('dnfCacheDir', () => {
  it.each([
    ['amazonlinux:2023', '/var/cache/dnf'], ['amazonlinux', '/var/cache/dnf'], ['amazonlinux:2', null],
    ['fedora:21', null], ['fedora:40', '/var/cache/dnf'], ['fedora:41', '/var/cache/libdnf5'], ['fedora', '/var/cache/libdnf5'],
    ['centos:7', null], ['centos:centos7', null], ['centos:8', '/var/cache/dnf'], ['quay.io/centos/centos:stream8', '/var/cache/dnf'],
    ['rockylinux:9', '/var/cache/dnf'], ['almalinux:8', '/var/cache/dnf'], ['oraclelinux:7-slim', null], ['oraclelinux:9', '/var/cache/dnf'],
    ['redhat/ubi9', '/var/cache/dnf'], ['registry.access.redhat.com/ubi8:latest', '/var/cache/dnf'], ['registry.access.redhat.com/ubi7/ubi', null],
    ['debian:12', null], [null, null],
  ])('%s -> %s', (image, dir) => expect(dnfCacheDir(image)).toBe(dir));
});

describe('clean-package-cache docs', () => {
  it('bad fires and good does not', () => {
    expect(findingsFor(rule, rule.meta.docs.bad).length).toBeGreaterThan(0);
    expect(findingsFor(rule, rule.meta.docs.good)).toEqual([]);
  });
});

describe('clean-package-cache fixture', () => {
  it('fixes fixtures/clean-package-cache/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/clean-package-cache');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(fixedBy(rule, fixed, { code: fixed })).toBe(fixed);
    expect(findingsFor(rule, fixed).length).toBeLessThan(findingsFor(rule, bad).length);
  });
});
