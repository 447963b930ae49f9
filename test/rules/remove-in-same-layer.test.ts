import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule, { ddBytes } from '../../rules/remove-in-same-layer';
import { flatten, parseShell } from '../../src/shell/parser';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

/** Dockerfile text from lines (LF; the tester also runs every case with CRLF). */
const df = (...lines: string[]): string => `${lines.join('\n')}\n`;

runRuleTests(rule, {
  valid: [
    // Issue 19 pattern 3 (hand check 2026-12-06, 02039.Dockerfile:11): without the build context the size is unknown, but
    // scripts, manifests and config files copied in to be read once weigh a few kB.
    { name: 'COPY of scripts and manifests only, deleted later', code: 'FROM debian:12\nCOPY --chown=1000:1000 install.sh requirements.txt /tmp/\nRUN sh /tmp/install.sh && rm /tmp/install.sh /tmp/requirements.txt\n' },
    { name: 'COPY of a glob of environment files into a directory, deleted later', code: 'FROM debian:12\nCOPY environment.yml* .devcontainer/noop.txt /tmp/conda-tmp/\nRUN ls /tmp/conda-tmp && rm -rf /tmp/conda-tmp\n' },
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
    { name: 'an exec-form RUN runs no shell, so what it creates is not tracked', code: 'FROM debian:12\nRUN ["dd", "if=/dev/zero", "of=/tmp/a"]\nRUN rm /tmp/a\n' },
    { name: 'package removed in the same RUN', code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc && make && apk del .build-deps\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN dd if=/dev/zero of=/tmp/foo/bar bs=1M count=10\nRUN rm /tmp/foo/bar\n',
      errors: [{
        line: 3, column: 5, endLine: 3, endColumn: 20,
        message: 'rm at line 3 deletes /tmp/foo/bar (~10 MB), which RUN at line 2 created in an earlier layer, so the image does not shrink; delete it in the RUN at line 2 that creates it (or use a multi-stage build).',
      }],
      output: df('FROM debian:12', 'RUN dd if=/dev/zero of=/tmp/foo/bar bs=1M count=10 && rm /tmp/foo/bar'),
    },
    { name: 'curl -o, deleted by a glob', code: 'FROM debian:12\nRUN curl -fsSLo /tmp/x.tgz https://e.com/x.tgz\nRUN rm -rf /tmp/*\n', errors: [{ line: 3, message: 'deletes /tmp/x.tgz' }], output: df('FROM debian:12', 'RUN curl -fsSLo /tmp/x.tgz https://e.com/x.tgz && rm -rf /tmp/*') },
    {
      name: 'COPY into a directory',
      code: 'FROM debian:12\nCOPY big.tar /tmp/\nRUN tar -xf /tmp/big.tar -C /srv && rm /tmp/big.tar\n',
      errors: [{ line: 3, column: 37, endColumn: 52, message: 'which COPY at line 2 created' }],
      output: null,
    },
    {
      name: 'apt-get clean in a later RUN',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN apt-get clean\n',
      errors: [{ line: 3, message: 'apt-get clean at line 3 deletes /var/cache/apt, which apt-get install at line 2 filled' }],
      output: df('FROM debian:12', 'RUN apt-get update && apt-get install -y curl && apt-get clean'),
    },
    {
      name: 'apt lists removed in a later RUN',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN rm -rf /var/lib/apt/lists/*\n',
      errors: [{ line: 3, message: 'deletes /var/lib/apt/lists (~20 MB), which apt-get update at line 2 filled' }],
      output: df('FROM debian:12', 'RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'),
    },
    { name: 'yum clean all', code: 'FROM rockylinux:9\nRUN yum install -y httpd\nRUN yum clean all\n', errors: [{ line: 3, message: 'yum clean at line 3' }], output: df('FROM rockylinux:9', 'RUN yum install -y httpd && yum clean all') },
    {
      name: 'apk del of a virtual package from an earlier layer',
      code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc make\nRUN make && apk del .build-deps\n',
      errors: [{ line: 3, column: 13, message: 'apk del at line 3 removes .build-deps, which apk add at line 2 installed' }],
      // The package cannot move up (make may need it): the RUNs merge instead.
      output: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc make \\\n && make && apk del .build-deps\n',
    },
    {
      name: 'archive downloaded, then unpacked and deleted in the next RUN',
      code: 'FROM debian:12\nRUN wget -q https://e.com/tool-1.0.tar.gz\nRUN tar -xzf tool-1.0.tar.gz -C /opt && rm tool-1.0.tar.gz\n',
      errors: [{ line: 3, message: 'rm at line 3 deletes /tool-1.0.tar.gz, which RUN at line 2 created in an earlier layer' }],
      // tar reads the archive before the delete, so the delete cannot move up: the RUNs merge instead.
      output: 'FROM debian:12\nRUN wget -q https://e.com/tool-1.0.tar.gz \\\n && tar -xzf tool-1.0.tar.gz -C /opt && rm tool-1.0.tar.gz\n',
    },
    {
      name: 'files from COPY . removed relative to WORKDIR',
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN rm -rf tests docs\n',
      errors: [{ line: 4, message: 'deletes /app/tests (and 1 more), inside /app, which COPY at line 3 filled' }],
      output: null,
    },
    {
      name: 'npm cache cleaned in a stage built FROM the installing one',
      code: 'FROM node:22 AS deps\nRUN npm ci\nFROM deps\nRUN npm cache clean --force\n',
      errors: [{ line: 4, message: 'npm cache clean at line 4 deletes /root/.npm, which npm ci at line 2 filled' }],
      output: null,
    },
    {
      name: 'heredoc creation, continuation with comment lines on the delete',
      code: 'FROM debian:12\nRUN <<EOF\nset -e\nwget https://e.com/pkg.deb\ndpkg -i pkg.deb\nEOF\n\nRUN echo cleanup \\\n# the package file\n    && rm pkg.deb\n',
      errors: [{ line: 10, column: 8, endLine: 10, endColumn: 18, message: 'deletes /pkg.deb, which RUN at line 2 created' }],
      output: null,
    },
    {
      name: 'git clone then removing .git',
      code: 'FROM debian:12\nRUN git clone --depth 1 https://github.com/x/y.git /src/y\nRUN rm -rf /src/y/.git\n',
      errors: [{ line: 3, message: 'deletes /src/y/.git, inside /src/y, which RUN at line 2 filled' }],
      output: df('FROM debian:12', 'RUN git clone --depth 1 https://github.com/x/y.git /src/y && rm -rf /src/y/.git'),
    },
    {
      name: 'cd and redirect',
      code: 'FROM debian:12\nRUN cd /opt && echo big > data.bin\nRUN rm /opt/data.bin\n',
      errors: [{ line: 3, message: 'deletes /opt/data.bin' }],
      output: df('FROM debian:12', 'RUN cd /opt && echo big > data.bin && rm /opt/data.bin'),
    },
    {
      name: 'package purged in a later RUN',
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y build-essential=12.9 && rm -rf /var/lib/apt/lists/*\nRUN apt-get purge -y build-essential\n',
      errors: [{ line: 3, message: 'removes build-essential' }],
      output:
        'FROM debian:12\nRUN apt-get update && apt-get install -y build-essential=12.9 && rm -rf /var/lib/apt/lists/* \\\n' +
        ' && apt-get purge -y build-essential\n',
    },

    // --- issue 21: a package removal merges its RUN into the installing one, across harmless instructions ---
    {
      name: 'merge: over a RUN using the package, a comment, LABEL, EXPOSE, WORKDIR / and an ENV nothing reads',
      code: df(
        'FROM debian:12',
        'RUN apt-get update && apt-get install -y make',
        'WORKDIR /',
        'ENV APP_MODE=prod',
        'RUN make --version',
        'LABEL a=b',
        'EXPOSE 80',
        '# cleanup',
        'RUN apt-get remove -y make && apt-get autoremove -y',
      ),
      errors: [{ line: 9, message: 'removes make' }],
      output: df(
        'FROM debian:12',
        'WORKDIR /',
        'ENV APP_MODE=prod',
        'LABEL a=b',
        'EXPOSE 80',
        'RUN apt-get update && apt-get install -y make \\',
        ' && make --version \\',
        '# cleanup',
        ' && apt-get remove -y make && apt-get autoremove -y',
      ),
    },
    {
      name: 'merge: moved instructions go above the comment lines over the installing RUN',
      code: df('FROM debian:12', '# tools', 'RUN apt-get install -y curl', 'LABEL a=b', 'RUN apt-get purge -y curl'),
      errors: [{ line: 5, message: 'removes curl' }],
      output: df('FROM debian:12', 'LABEL a=b', '# tools', 'RUN apt-get install -y curl \\', ' && apt-get purge -y curl'),
    },
    {
      name: 'merge: the comment over a moved LABEL moves with it; the comment over the removal stays with the removal',
      code: df('FROM debian:12', 'RUN apt-get install -y curl', '# who built it', 'LABEL a=b', '# cleanup', 'RUN apt-get purge -y curl'),
      errors: [{ line: 6, message: 'removes curl' }],
      output: df('FROM debian:12', '# who built it', 'LABEL a=b', 'RUN apt-get install -y curl \\', '# cleanup', ' && apt-get purge -y curl'),
    },
    {
      name: 'no merge: an ENV that a RUN reads',
      code: df('FROM debian:12', 'RUN apt-get install -y curl', 'ENV URL=http://x', 'RUN curl "$URL"', 'RUN apt-get purge -y curl'),
      errors: [{ line: 5, message: 'removes curl' }],
      output: null,
    },
    {
      name: 'no merge: an ENV that programs read on their own',
      code: df('FROM debian:12', 'RUN apt-get install -y curl', 'ENV DEBIAN_FRONTEND=noninteractive', 'RUN apt-get purge -y curl'),
      errors: [{ line: 4, message: 'removes curl' }],
      output: null,
    },
    {
      name: 'no merge: a WORKDIR that changes the directory',
      code: df('FROM debian:12', 'RUN apt-get install -y make', 'WORKDIR /src', 'RUN make', 'RUN apt-get purge -y make'),
      errors: [{ line: 5, message: 'removes make' }],
      output: null,
    },
    {
      name: 'no merge: a COPY between',
      code: df('FROM debian:12', 'RUN apt-get install -y make', 'COPY . /src', 'RUN apt-get purge -y make'),
      errors: [{ line: 4, message: 'removes make' }],
      output: null,
    },
    {
      name: 'no merge: more than five RUNs from the install to the removal',
      code: df('FROM debian:12', 'RUN apt-get install -y make', 'RUN make a', 'RUN make b', 'RUN make c', 'RUN make d', 'RUN apt-get purge -y make'),
      errors: [{ line: 7, message: 'removes make' }],
      output: null,
    },

    // --- the fix: the delete moves into the RUN that created what it deletes ---
    {
      name: 'fix: the RUN right before, a directory made further up stays',
      code: df('FROM debian:12', 'RUN mkdir /tmp/foo', 'RUN dd if=/dev/zero of=/tmp/foo/bar bs=1M count=100', 'RUN rm /tmp/foo/bar'),
      errors: [{ line: 4, message: 'which RUN at line 3 created' }],
      output: df('FROM debian:12', 'RUN mkdir /tmp/foo', 'RUN dd if=/dev/zero of=/tmp/foo/bar bs=1M count=100 && rm /tmp/foo/bar'),
    },
    {
      name: 'fix: over RUNs that do not name the path, out of a chain with its &&',
      code: df('FROM debian:12', 'RUN wget -O /tmp/a.deb https://e.com/a.deb', 'RUN ls /var', 'RUN echo two && rm /tmp/a.deb && echo three'),
      errors: [{ line: 4, column: 17 }],
      output: df('FROM debian:12', 'RUN wget -O /tmp/a.deb https://e.com/a.deb && rm /tmp/a.deb', 'RUN ls /var', 'RUN echo two && echo three'),
    },
    {
      name: 'fix: multi-line RUNs, operator-first continuation style, delete first in its chain',
      code: df(
        'FROM debian:12',
        'RUN set -eux; \\',
        '    wget -O /tmp/a.deb https://e.com/a.deb; \\',
        '    dpkg -i /tmp/a.deb',
        'RUN rm -f /tmp/a.deb \\',
        '    && echo done',
      ),
      errors: [{ line: 5 }],
      output: df(
        'FROM debian:12',
        'RUN set -eux; \\',
        '    wget -O /tmp/a.deb https://e.com/a.deb; \\',
        '    dpkg -i /tmp/a.deb \\',
        '    && rm -f /tmp/a.deb',
        'RUN echo done',
      ),
    },
    {
      name: 'fix: trailing-operator continuation style',
      code: df('FROM debian:12', 'RUN apt-get update && \\', '    apt-get install -y curl', 'RUN rm -rf /var/lib/apt/lists/*'),
      errors: [{ line: 4 }],
      output: df('FROM debian:12', 'RUN apt-get update && \\', '    apt-get install -y curl && \\', '    rm -rf /var/lib/apt/lists/*'),
    },
    {
      name: 'fix: last command of its RUN, the && and continuation go with it',
      code: df('FROM debian:12', 'RUN touch /tmp/a', 'RUN echo x \\', '    && rm /tmp/a'),
      errors: [{ line: 4 }],
      output: df('FROM debian:12', 'RUN touch /tmp/a && rm /tmp/a', 'RUN echo x'),
    },
    {
      name: 'fix: a delete written over several lines is joined',
      code: df('FROM debian:12', 'RUN touch /tmp/a', 'RUN rm \\', '    -f \\', '    /tmp/a'),
      errors: [{ line: 3 }],
      output: df('FROM debian:12', 'RUN touch /tmp/a && rm -f /tmp/a'),
    },
    {
      name: 'fix: comment line and blank line before the removed RUN stay',
      code: df('FROM debian:12', 'RUN wget -O /tmp/a.deb https://e.com/a.deb', '# clean up', 'RUN rm /tmp/a.deb', '', 'RUN echo done'),
      errors: [{ line: 4 }],
      output: df('FROM debian:12', 'RUN wget -O /tmp/a.deb https://e.com/a.deb && rm /tmp/a.deb', '# clean up', '', 'RUN echo done'),
    },
    {
      name: 'fix: last line of a file without a final line break',
      code: 'FROM debian:12\nRUN wget -O /tmp/a.deb https://e.com/a.deb\nRUN rm /tmp/a.deb',
      errors: [{ line: 3 }],
      output: 'FROM debian:12\nRUN wget -O /tmp/a.deb https://e.com/a.deb && rm /tmp/a.deb',
    },
    {
      name: 'fix: relative path, same WORKDIR, no cd',
      code: df('FROM debian:12', 'WORKDIR /src', 'RUN wget https://e.com/a.deb', 'RUN rm a.deb'),
      errors: [{ line: 4 }],
      output: df('FROM debian:12', 'WORKDIR /src', 'RUN wget https://e.com/a.deb && rm a.deb'),
    },
    {
      name: 'fix: absolute path after a cd in the creating RUN, behind sudo, with a redirect',
      code: df('FROM debian:12', 'RUN cd /tmp && wget https://e.com/a.deb', 'RUN sudo rm /tmp/a.deb 2>/dev/null'),
      errors: [{ line: 3 }],
      output: df('FROM debian:12', 'RUN cd /tmp && wget https://e.com/a.deb && sudo rm /tmp/a.deb 2>/dev/null'),
    },
    {
      name: 'fix: the backtick escape directive',
      code: df('# escape=`', 'FROM debian:12', 'RUN touch /tmp/a `', '    && touch /tmp/b', 'RUN rm /tmp/a'),
      errors: [{ line: 5 }],
      output: df('# escape=`', 'FROM debian:12', 'RUN touch /tmp/a `', '    && touch /tmp/b `', '    && rm /tmp/a'),
    },
    {
      name: 'fix: several paths from one RUN',
      code: df('FROM debian:12', 'RUN touch /tmp/a /tmp/b', 'RUN rm /tmp/a /tmp/b'),
      errors: [{ line: 3 }],
      output: df('FROM debian:12', 'RUN touch /tmp/a /tmp/b && rm /tmp/a /tmp/b'),
    },
    // --- the delete cannot move: merged instead, or no fix ---
    { name: 'merged, not moved: a RUN in between names the file', code: df('FROM debian:12', 'RUN wget -O /tmp/a.deb https://e.com/a.deb', 'RUN dpkg -i /tmp/a.deb', 'RUN rm /tmp/a.deb'), errors: [{ line: 4 }], output: df('FROM debian:12', 'RUN wget -O /tmp/a.deb https://e.com/a.deb \\', ' && dpkg -i /tmp/a.deb \\', ' && rm /tmp/a.deb') },
    { name: 'merged, not moved: a RUN in between names a directory above it', code: df('FROM debian:12', 'RUN touch /tmp/a', 'RUN ls /tmp', 'RUN rm /tmp/a'), errors: [{ line: 4 }], output: df('FROM debian:12', 'RUN touch /tmp/a \\', ' && ls /tmp \\', ' && rm /tmp/a') },
    { name: 'merged, not moved: a command before it in its RUN names it', code: df('FROM debian:12', 'RUN curl -o /tmp/x.tgz https://e.com/x.tgz', 'RUN tar -xzf /tmp/x.tgz -C /opt && rm /tmp/x.tgz'), errors: [{ line: 3 }], output: df('FROM debian:12', 'RUN curl -o /tmp/x.tgz https://e.com/x.tgz \\', ' && tar -xzf /tmp/x.tgz -C /opt && rm /tmp/x.tgz') },
    { name: 'an ENV that leaves PATH alone, before a plain rm', code: df('FROM debian:12', 'RUN touch /tmp/a', 'ENV X=1', 'RUN rm /tmp/a'), errors: [{ line: 4 }], output: df('FROM debian:12', 'RUN touch /tmp/a && rm /tmp/a', 'ENV X=1') },
    {
      // Issue 21: the cleanup lands in the RUN that created the files across a comment, `WORKDIR /` at / and LABEL.
      name: 'across a comment, WORKDIR / when already at / and LABEL',
      code: df('FROM debian:12', 'RUN apt-get update', '# clean up', 'WORKDIR /', 'LABEL a=b', 'RUN rm -rf /var/lib/apt/lists/*'),
      errors: [{ line: 6 }],
      output: df('FROM debian:12', 'RUN apt-get update && rm -rf /var/lib/apt/lists/*', '# clean up', 'WORKDIR /', 'LABEL a=b'),
    },
    { name: 'no fix: a WORKDIR that changes the directory in between', code: df('FROM debian:12', 'RUN touch /tmp/a', 'WORKDIR /srv', 'RUN rm /tmp/a'), errors: [{ line: 4 }], output: null },
    { name: 'no fix: a USER in between', code: df('FROM debian:12', 'RUN touch /tmp/a', 'USER nobody', 'RUN rm /tmp/a'), errors: [{ line: 4 }], output: null },
    { name: 'no fix: an ENV that sets PATH in between', code: df('FROM debian:12', 'RUN touch /tmp/a', 'ENV PATH=/opt/bin:$PATH', 'RUN rm /tmp/a'), errors: [{ line: 4 }], output: null },
    { name: 'no fix: a VOLUME in between', code: df('FROM debian:12', 'RUN touch /tmp/a', 'VOLUME /data', 'RUN rm /tmp/a'), errors: [{ line: 4 }], output: null },
    {
      name: 'no fix: an ENV before a delete that is not a plain rm',
      code: df('FROM debian:12', 'RUN apt-get install -y curl', 'ENV APT_CONFIG=/etc/x', 'RUN apt-get clean'),
      errors: [{ line: 4 }],
      output: null,
    },
    { name: 'merged, not moved: a glob over a RUN in between', code: df('FROM debian:12', 'RUN curl -o /tmp/x.tgz https://e.com/x.tgz', 'RUN echo a', 'RUN rm -rf /tmp/*'), errors: [{ line: 4 }], output: df('FROM debian:12', 'RUN curl -o /tmp/x.tgz https://e.com/x.tgz \\', ' && echo a \\', ' && rm -rf /tmp/*') },
    {
      name: 'merged, not moved: a package command before the delete of a cache',
      code: df('FROM debian:12', 'RUN apt-get update', 'RUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*'),
      errors: [{ line: 3 }],
      output: df('FROM debian:12', 'RUN apt-get update \\', ' && apt-get install -y curl && rm -rf /var/lib/apt/lists/*'),
    },
    { name: 'no fix: paths from two RUNs', code: df('FROM debian:12', 'RUN touch /tmp/a', 'RUN touch /tmp/b', 'RUN rm /tmp/a /tmp/b'), errors: [{ line: 4 }], output: null },
    { name: 'merged, not moved: joined by ||', code: df('FROM debian:12', 'RUN touch /tmp/a', 'RUN rm /tmp/a || true'), errors: [{ line: 3 }], output: df('FROM debian:12', 'RUN touch /tmp/a \\', ' && { rm /tmp/a || true; }') },
    { name: 'merged, not moved: joined by ;', code: df('FROM debian:12', 'RUN touch /tmp/a', 'RUN echo x; rm /tmp/a'), errors: [{ line: 3 }], output: df('FROM debian:12', 'RUN touch /tmp/a \\', ' && { echo x; rm /tmp/a; }') },
    { name: 'merged, not moved: in a pipe', code: df('FROM debian:12', 'RUN touch /tmp/a', 'RUN yes | rm -i /tmp/a'), errors: [{ line: 3 }], output: df('FROM debian:12', 'RUN touch /tmp/a \\', ' && yes | rm -i /tmp/a') },
    { name: 'merged, not moved: in a subshell', code: df('FROM debian:12', 'RUN touch /tmp/a', 'RUN (rm /tmp/a)'), errors: [{ line: 3 }], output: df('FROM debian:12', 'RUN touch /tmp/a \\', ' && (rm /tmp/a)') },
    { name: 'merged, not moved: in an if', code: df('FROM debian:12', 'RUN touch /tmp/a', 'RUN if true; then rm /tmp/a; fi'), errors: [{ line: 3 }], output: df('FROM debian:12', 'RUN touch /tmp/a \\', ' && if true; then rm /tmp/a; fi') },
    { name: 'no fix: a variable in the delete', code: df('FROM debian:12', 'RUN touch /tmp/a', 'ENV T=/tmp', 'RUN rm $T/a'), errors: [{ line: 4 }], output: null },
    {
      name: 'no fix: creating RUN is a heredoc',
      code: df('FROM debian:12', 'RUN <<EOF', 'wget -O /tmp/a.deb https://e.com/a.deb', 'EOF', 'RUN rm /tmp/a.deb'),
      errors: [{ line: 5 }],
      output: null,
    },
    { name: 'no fix: creating RUN ends with &', code: df('FROM debian:12', 'RUN touch /tmp/a &', 'RUN rm /tmp/a'), errors: [{ line: 3 }], output: null },
    { name: 'merged, not moved: creating RUN ends with ;', code: df('FROM debian:12', 'RUN touch /tmp/a;', 'RUN rm /tmp/a'), errors: [{ line: 3 }], output: df('FROM debian:12', 'RUN touch /tmp/a \\', ' && rm /tmp/a') },
    { name: 'no fix: creating RUN ends with a shell comment', code: df('FROM debian:12', 'RUN touch /tmp/a # make it', 'RUN rm /tmp/a'), errors: [{ line: 3 }], output: null },
    { name: 'merged, not moved: creating RUN exits', code: df('FROM debian:12', 'RUN touch /tmp/a && exit 0', 'RUN rm /tmp/a'), errors: [{ line: 3 }], output: df('FROM debian:12', 'RUN (touch /tmp/a && exit 0) \\', ' && rm /tmp/a') },
    { name: 'merged, not moved: creating RUN turns globbing off', code: df('FROM debian:12', 'RUN set -f && touch /tmp/a', 'RUN rm /tmp/a'), errors: [{ line: 3 }], output: df('FROM debian:12', 'RUN (set -f && touch /tmp/a) \\', ' && rm /tmp/a') },
    { name: 'merged, not moved: relative path after a cd', code: df('FROM debian:12', 'WORKDIR /src', 'RUN cd /x && wget -O /src/a.deb https://e.com/a.deb', 'RUN rm a.deb'), errors: [{ line: 4 }], output: df('FROM debian:12', 'WORKDIR /src', 'RUN (cd /x && wget -O /src/a.deb https://e.com/a.deb) \\', ' && rm a.deb') },
    {
      name: 'merged, not moved: a RUN in between works in the directory holding it',
      code: df('FROM debian:12', 'WORKDIR /src', 'RUN wget https://e.com/a.deb', 'RUN tar -czf /out.tgz .', 'RUN rm a.deb'),
      errors: [{ line: 5 }],
      output: df('FROM debian:12', 'WORKDIR /src', 'RUN wget https://e.com/a.deb \\', ' && tar -czf /out.tgz . \\', ' && rm a.deb'),
    },
    { name: 'no fix: a mount over the path', code: df('FROM debian:12', 'RUN --mount=type=tmpfs,target=/tmp touch /tmp/a', 'RUN rm /tmp/a'), errors: [{ line: 3 }], output: null },
    { name: 'merged, not moved: a shell comment after the delete', code: df('FROM debian:12', 'RUN touch /tmp/a', 'RUN rm /tmp/a # remove it'), errors: [{ line: 3 }], output: df('FROM debian:12', 'RUN touch /tmp/a \\', ' && rm /tmp/a # remove it') },
    {
      name: 'merged, not moved: comment line in the removed text',
      code: df('FROM debian:12', 'RUN touch /tmp/a', 'RUN echo x \\', '# the file', '    && rm /tmp/a'),
      errors: [{ line: 5 }],
      output: df('FROM debian:12', 'RUN touch /tmp/a \\', '    && echo x \\', '# the file', '    && rm /tmp/a'),
    },
    { name: 'no fix: a suppression comment above the creating RUN', code: df('FROM debian:12', '# hadolint ignore=DL3008', 'RUN touch /tmp/a', 'RUN rm /tmp/a'), errors: [{ line: 4 }], output: null },
    { name: 'no fix: a suppression comment above the removed RUN', code: df('FROM debian:12', 'RUN touch /tmp/a', '# hadolint ignore=DL3008', 'RUN rm /tmp/a'), errors: [{ line: 4 }], output: null },
    { name: 'no fix: created in the stage it is built FROM', code: df('FROM debian:12 AS base', 'RUN touch /tmp/a', 'FROM base', 'RUN rm /tmp/a'), errors: [{ line: 4 }], output: null },
  ],
});

describe('remove-in-same-layer docs', () => {
  it('bad fires and good does not', () => {
    expect(findingsFor(rule, rule.meta.docs.bad).length).toBeGreaterThan(0);
    expect(findingsFor(rule, rule.meta.docs.good)).toEqual([]);
  });
});

describe('remove-in-same-layer fixture', () => {
  it('fixes fixtures/remove-in-same-layer/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/remove-in-same-layer');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(fixedBy(rule, fixed, { code: fixed })).toBe(fixed);
    expect(findingsFor(rule, fixed).length).toBeLessThan(findingsFor(rule, bad).length);
  });
});

describe('ddBytes', () => {
  const bytes = (script: string) => ddBytes(flatten(parseShell(script))[0]!.node.argv);
  it('reads bs and count with the suffixes dd knows', () => {
    expect(bytes('dd if=/dev/zero of=/f bs=1M count=10')).toBe(10 * 1024 ** 2);
    expect(bytes('dd if=/dev/zero of=/f bs=2kB count=3')).toBe(6000);
  });
  // The suffixes were once looked up in a plain object, where `constructor` found Object's and gave NaN bytes.
  it.each(['bs=1X', 'bs=1constructor', 'bs=1toString'])('answers null for a suffix dd does not know: %s', (bs) => {
    expect(bytes(`dd if=/dev/zero of=/f ${bs} count=1`)).toBeNull();
  });
});
