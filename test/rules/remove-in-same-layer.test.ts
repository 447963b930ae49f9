import rule from '../../rules/remove-in-same-layer';
import { findingsFor, runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    {
      name: 'PowerShell stage: RUN bodies are not POSIX shell, so they are not read',
      code: 'FROM debian:12\nSHELL ["pwsh", "-Command"]\nRUN echo x > /tmp/big.bin\nRUN rm /tmp/big.bin\n',
    },
    { name: 'delete in the same RUN', code: 'FROM debian:12\nRUN curl -o /tmp/x.tgz https://e.com/x.tgz && tar -xzf /tmp/x.tgz -C /opt && rm /tmp/x.tgz\n' },
    { name: 'path from the base image', code: 'FROM debian:12\nRUN rm -rf /usr/share/doc\n' },
    { name: 'apt lists cleaned in the same RUN', code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN echo ok\n' },
    {
      name: 'a later RUN cleans only its own fresh cache',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*\n',
    },
    { name: 'apk --no-cache leaves nothing to clean', code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN rm -rf /var/cache/apk/*\n' },
    { name: 'cache mount leaves nothing in the layer', code: 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install requests\nRUN pip cache purge\n' },
    { name: 'unknown variable', code: 'FROM debian:12\nRUN curl -o /tmp/x.tgz https://e.com/x.tgz\nRUN rm -f $DOWNLOAD\n' },
    { name: 'different stage', code: 'FROM debian:12 AS a\nRUN touch /tmp/marker\nFROM debian:12\nRUN rm /tmp/marker\n' },
    {
      name: 'builder stage: the delete matters for COPY --from=build /',
      code: 'FROM debian:12 AS build\nRUN curl -o /tmp/x.tgz https://e.com/x.tgz\nRUN rm /tmp/x.tgz\nFROM scratch\nCOPY --from=build / /\n',
    },
    { name: 'build output deleted after a build in the same RUN', code: 'FROM debian:12\nWORKDIR /app\nCOPY . .\nRUN make && rm -rf build\n' },
    { name: 'mkdir does not claim what is later put inside', code: 'FROM debian:12\nRUN mkdir -p /data\nRUN rm -rf /data/cache\n' },
    { name: 'COPY into a directory the base image fills', code: 'FROM nginx:1.27\nCOPY conf/ /etc/nginx/conf.d/\nRUN rm /etc/nginx/conf.d/default.conf\n' },
    {
      name: 'a RUN in between may have written there',
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nRUN rm -rf node_modules/.cache\n',
    },
    {
      name: 'heredoc creating and deleting in one layer',
      code: 'FROM debian:12\nRUN <<EOF\nset -e\nwget -O /tmp/a.deb https://e.com/a.deb\ndpkg -i /tmp/a.deb\nrm /tmp/a.deb\nEOF\n',
    },
    { name: 'package removed in the same RUN', code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc && make && apk del .build-deps\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN dd if=/dev/zero of=/tmp/foo/bar bs=1M count=10\nRUN rm /tmp/foo/bar\n',
      errors: [{
        line: 3, column: 5, endLine: 3, endColumn: 20,
        message: 'rm at line 3 deletes /tmp/foo/bar, which RUN at line 2 created in an earlier layer, so the image does not shrink; delete it in the RUN at line 2 that creates it (or use a multi-stage build).',
      }],
    },
    { name: 'curl -o, deleted by a glob', code: 'FROM debian:12\nRUN curl -fsSLo /tmp/x.tgz https://e.com/x.tgz\nRUN rm -rf /tmp/*\n', errors: [{ line: 3, message: 'deletes /tmp/x.tgz' }] },
    {
      name: 'COPY into a directory',
      code: 'FROM debian:12\nCOPY big.tar /tmp/\nRUN tar -xf /tmp/big.tar -C /srv && rm /tmp/big.tar\n',
      errors: [{ line: 3, column: 37, endColumn: 52, message: 'which COPY at line 2 created' }],
    },
    {
      name: 'apt-get clean in a later RUN',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN apt-get clean\n',
      errors: [{ line: 3, message: 'apt-get clean at line 3 deletes /var/cache/apt, which apt-get install at line 2 filled' }],
    },
    {
      name: 'apt lists removed in a later RUN',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 3, message: 'deletes /var/lib/apt/lists, which apt-get update at line 2 filled' }],
    },
    { name: 'yum clean all', code: 'FROM rockylinux:9\nRUN yum install -y httpd\nRUN yum clean all\n', errors: [{ line: 3, message: 'yum clean at line 3' }] },
    {
      name: 'apk del of a virtual package from an earlier layer',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc make\nRUN make && apk del .build-deps\n',
      errors: [{ line: 3, column: 13, message: 'apk del at line 3 removes .build-deps, which apk add at line 2 installed' }],
    },
    {
      name: 'files from COPY . removed relative to WORKDIR',
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN rm -rf tests docs\n',
      errors: [{ line: 4, message: 'deletes /app/tests (and 1 more), inside /app, which COPY at line 3 filled' }],
    },
    {
      name: 'npm cache cleaned in a stage built FROM the installing one',
      code: 'FROM node:22 AS deps\nRUN npm ci\nFROM deps\nRUN npm cache clean --force\n',
      errors: [{ line: 4, message: 'npm cache clean at line 4 deletes /root/.npm, which npm ci at line 2 filled' }],
    },
    {
      name: 'heredoc creation, continuation with comment lines on the delete',
      code: 'FROM debian:12\nRUN <<EOF\nset -e\nwget https://e.com/pkg.deb\ndpkg -i pkg.deb\nEOF\n\nRUN echo cleanup \\\n# the package file\n    && rm pkg.deb\n',
      errors: [{ line: 10, column: 8, endLine: 10, endColumn: 18, message: 'deletes /pkg.deb, which RUN at line 2 created' }],
    },
    {
      name: 'git clone then removing .git',
      code: 'FROM debian:12\nRUN git clone --depth 1 https://github.com/x/y.git /src/y\nRUN rm -rf /src/y/.git\n',
      errors: [{ line: 3, message: 'deletes /src/y/.git, inside /src/y, which RUN at line 2 filled' }],
    },
    {
      name: 'cd and redirect',
      code: 'FROM debian:12\nRUN cd /opt && echo big > data.bin\nRUN rm /opt/data.bin\n',
      errors: [{ line: 3, message: 'deletes /opt/data.bin' }],
    },
    {
      name: 'package purged in a later RUN',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y build-essential=12.9 && rm -rf /var/lib/apt/lists/*\nRUN apt-get purge -y build-essential\n',
      errors: [{ line: 3, message: 'removes build-essential' }],
    },
  ],
});

describe('remove-in-same-layer docs', () => {
  it('bad fires and good does not', () => {
    expect(findingsFor(rule, rule.meta.docs.bad).length).toBeGreaterThan(0);
    expect(findingsFor(rule, rule.meta.docs.good)).toEqual([]);
  });
});
