import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/size/archive-left-in-layer';
import { lintText } from '../../src/index';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

/** Dockerfile text from lines (LF; the tester also runs every case with CRLF). */
const df = (...lines: string[]): string => `${lines.join('\n')}\n`;

runRuleTests(rule, {
  valid: [
    { name: 'deleted in the same RUN', code: df('FROM debian:12', 'RUN curl -fsSLo /tmp/t.tgz https://e.com/t.tgz && tar -xzf /tmp/t.tgz -C /opt && rm -f /tmp/t.tgz') },
    { name: 'piped straight into tar', code: df('FROM debian:12', 'RUN curl -fsSL https://e.com/t.tgz | tar -xz -C /opt') },
    { name: 'downloaded but never unpacked (a jar that is run)', code: df('FROM eclipse-temurin:21', 'RUN curl -fsSLo /app.jar https://e.com/app.jar', 'CMD ["java", "-jar", "/app.jar"]') },
    {
      name: 'builder stage only: its archive never ships',
      code: df(
        'FROM debian:12 AS build',
        'RUN curl -fsSLo /tmp/t.tgz https://e.com/t.tgz && tar -xzf /tmp/t.tgz -C /opt',
        'COPY bundle.zip /tmp/',
        'RUN unzip /tmp/bundle.zip -d /srv',
        'FROM debian:12-slim',
        'COPY --from=build /opt /opt',
      ),
    },
    {
      name: 'deleted by a later RUN: remove-in-same-layer reports that delete',
      code: df('FROM debian:12', 'RUN curl -fsSLo /tmp/t.tgz https://e.com/t.tgz', 'RUN tar -xzf /tmp/t.tgz -C /opt', 'RUN rm /tmp/t.tgz'),
    },
    {
      name: 'COPYed archive deleted by the RUN that unpacks it: remove-in-same-layer reports it',
      code: df('FROM debian:12', 'COPY bundle.zip /tmp/', 'RUN unzip /tmp/bundle.zip -d /srv && rm /tmp/bundle.zip'),
    },
    { name: 'local tar COPYed then extracted: add-extracts-archives (DL3010) reports it', code: df('FROM debian:12', 'COPY app.tar.gz /tmp/', 'RUN tar xzf /tmp/app.tar.gz -C /app') },
    { name: 'ADD of a local tar is unpacked by ADD', code: df('FROM debian:12', 'ADD app.tar.gz /app/') },
    { name: 'tar creates an archive, not unpacking it', code: df('FROM debian:12', 'COPY bundle.zip /tmp/', 'RUN tar -czf /tmp/b.tgz /etc') },
    { name: 'another archive', code: df('FROM debian:12', 'RUN wget -O /tmp/a.zip https://e.com/a.zip', 'RUN unzip /tmp/b.zip') },
    { name: 'cache and bind mounts keep archives out of layers', code: df('FROM debian:12', 'RUN --mount=type=bind,source=b.zip,target=/tmp/b.zip unzip /tmp/b.zip -d /srv') },
    { name: 'PowerShell stage is not read', code: df('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'SHELL ["pwsh", "-Command"]', 'RUN curl -o C:/t.zip https://e.com/t.zip; Expand-Archive C:/t.zip') },
    {
      name: 'deleted by its name after a cd (the base image WORKDIR is unknown)',
      code: df('FROM openresty/openresty:1.27', 'RUN curl -fSL https://e.com/lr.tar.gz -o lr.tar.gz && tar xzf lr.tar.gz && cd lr && make install && cd /tmp && rm -rf lr lr.tar.gz'),
    },
    { name: 'the glob delete of a later RUN covers it', code: df('FROM debian:12', 'RUN wget -P /tmp https://e.com/pkg.deb && dpkg -i /tmp/pkg.deb', 'RUN rm -rf /tmp/*') },
  ],
  invalid: [
    {
      name: 'download and unpack in one RUN, never deleted: rm appended',
      code: df('FROM debian:12', 'RUN curl -fsSL -o /tmp/tool.tgz https://e.com/tool.tgz && tar -xzf /tmp/tool.tgz -C /opt'),
      errors: [{
        line: 2, column: 59, endLine: 2, endColumn: 89,
        message: '/tmp/tool.tgz downloaded by curl at line 2 is unpacked by tar at line 2 but never deleted, so the layer keeps the archive as well as what came out of it; add `&& rm -f /tmp/tool.tgz` to the end of this RUN.',
      }],
      output: df('FROM debian:12', 'RUN curl -fsSL -o /tmp/tool.tgz https://e.com/tool.tgz && tar -xzf /tmp/tool.tgz -C /opt && rm -f /tmp/tool.tgz'),
    },
    {
      name: 'wget into WORKDIR then dpkg -i, over continuation lines (the file style is kept)',
      code: df('FROM debian:12', 'WORKDIR /tmp', 'RUN wget https://e.com/x/pkg.deb \\', '    && dpkg -i pkg.deb'),
      errors: [{ line: 4, column: 8, message: 'pkg.deb downloaded by wget at line 3 is installed by dpkg -i at line 4 but never deleted' }],
      output: df('FROM debian:12', 'WORKDIR /tmp', 'RUN wget https://e.com/x/pkg.deb \\', '    && dpkg -i pkg.deb \\', '    && rm -f pkg.deb'),
    },
    {
      name: 'operator-last continuation style, ARG in the name',
      code: df('FROM debian:12', 'ARG V=1.2', 'RUN curl -fsSL -o tool-${V}.zip https://e.com/tool-${V}.zip && \\', '    unzip tool-${V}.zip -d /opt'),
      errors: [{ line: 4, message: 'add `&& rm -f tool-${V}.zip`' }],
      output: df('FROM debian:12', 'ARG V=1.2', 'RUN curl -fsSL -o tool-${V}.zip https://e.com/tool-${V}.zip && \\', '    unzip tool-${V}.zip -d /opt && \\', '    rm -f tool-${V}.zip'),
    },
    {
      name: 'relative archive and a cd afterwards: no fix (the rm would run elsewhere)',
      code: df('FROM debian:12', 'RUN curl -fLO https://e.com/cmake.tar.gz && tar -xzf cmake.tar.gz && cd cmake && make install'),
      errors: [{ line: 2, message: 'delete it in this RUN once it is no longer needed' }],
      output: null,
    },
    {
      name: 'commands joined by `;`: no fix',
      code: df('FROM debian:12', 'RUN set -eux; wget -O /tmp/a.deb https://e.com/a.deb; apt-get install -y /tmp/a.deb'),
      errors: [{ line: 2, message: '/tmp/a.deb downloaded by wget at line 2 is installed by apt-get install at line 2' }],
      output: null,
    },
    {
      name: 'a delete of another directory by a bare glob does not count',
      code: df('FROM debian:12', 'RUN set -eux; wget -O php.tar.xz https://e.com/php.tar.xz; tar -Jxf php.tar.xz -C /usr/src; rm -rf /var/lib/apt/lists/*'),
      errors: [{ line: 2, message: 'php.tar.xz downloaded by wget at line 2 is unpacked by tar at line 2 but never deleted' }],
      output: null,
    },
    {
      name: 'downloaded in one RUN, unpacked in the next',
      code: df('FROM debian:12', 'RUN wget "https://e.com/ff?os=linux" -O /tmp/ff.tar.bz2', 'RUN tar -xjf /tmp/ff.tar.bz2 -C /usr/local/lib'),
      errors: [{
        line: 3, column: 5,
        message: '/tmp/ff.tar.bz2 downloaded by wget at line 2 is unpacked by tar at line 3 in a later layer, so the image keeps the archive as well as what came out of it; get, unpack and delete it in one RUN.',
      }],
      output: null,
    },
    {
      name: 'ADD of a URL is not unpacked',
      code: df('FROM debian:12', 'ADD https://e.com/n-1.5.tar.gz /tmp/', 'RUN cd /tmp && tar -zxvf n-1.5.tar.gz'),
      errors: [{ line: 3, message: '/tmp/n-1.5.tar.gz downloaded by ADD at line 2 is unpacked by tar at line 3 in a later layer' }],
      output: null,
    },
    {
      name: 'a zip COPYed and unpacked: bind-mount it',
      code: df('FROM debian:12', 'COPY bundle.zip /tmp/', 'RUN unzip /tmp/bundle.zip -d /srv'),
      errors: [{ line: 3, message: 'bind-mount it for this RUN instead (`RUN --mount=type=bind,source=…,target=/tmp/bundle.zip`)' }],
      output: df('FROM debian:12', 'RUN --mount=type=bind,source=bundle.zip,target=/tmp/bundle.zip unzip /tmp/bundle.zip -d /srv'),
    },
    {
      name: 'relative COPY destination under an absolute WORKDIR: the mount target is absolute',
      code: df('FROM debian:12', 'WORKDIR /home/app', 'COPY --from=build /out/f-1.0.zip ./f-1.0.zip', 'RUN unzip ./f-1.0.zip'),
      errors: [{ line: 4, message: './f-1.0.zip copied from stage build by COPY at line 3' }],
      output: df('FROM debian:12', 'WORKDIR /home/app', 'RUN --mount=type=bind,from=build,source=/out/f-1.0.zip,target=/home/app/f-1.0.zip unzip ./f-1.0.zip'),
    },
    {
      name: 'no bind mount when a later instruction still reads the archive',
      code: df('FROM debian:12', 'COPY bundle.zip /tmp/', 'RUN unzip /tmp/bundle.zip -d /srv', 'RUN sha256sum /tmp/bundle.zip'),
      errors: [{ line: 3 }],
      output: null,
    },
    {
      name: 'no bind mount when another instruction stands between the COPY and the RUN',
      code: df('FROM debian:12', 'COPY pkg.deb /tmp/', 'ENV DEBIAN_FRONTEND=noninteractive', 'RUN apt-get install -y /tmp/pkg.deb'),
      errors: [{ line: 4, message: 'installed by apt-get install at line 4' }],
      output: null,
    },
    {
      name: 'a wheel installed by a glob',
      code: df('FROM python:3.12', 'COPY dist/app-1.0-py3-none-any.whl /tmp/', 'RUN pip install /tmp/*.whl'),
      errors: [{ line: 3, message: 'installed by pip install at line 3' }],
      output: null,
    },
    {
      name: 'tarball from a builder stage, extracted in the final stage',
      code: df('FROM debian:12 AS builder', 'RUN tar cvf /x.tar /opt', 'FROM debian:12-slim', 'COPY --from=builder /x.tar /', 'RUN tar xvf /x.tar'),
      errors: [{ line: 5, message: '/x.tar copied from stage builder by COPY at line 4 is unpacked by tar at line 5 in a later layer, so the image keeps the archive as well as what came out of it; copy the unpacked files from stage builder instead of the archive' }],
      output: df('FROM debian:12 AS builder', 'RUN tar cvf /x.tar /opt', 'FROM debian:12-slim', 'RUN --mount=type=bind,from=builder,source=/x.tar,target=/x.tar tar xvf /x.tar'),
    },
    {
      name: 'archive from a stage the final stage is built FROM',
      code: df('FROM debian:12 AS base', 'RUN wget -O /opt/app.zip https://e.com/app.zip', 'FROM base', 'RUN unzip /opt/app.zip -d /opt/app'),
      errors: [{ line: 4, message: 'downloaded by wget at line 2 is unpacked by unzip at line 4 in a later layer' }],
      output: null,
    },
    {
      name: 'rpm and jar',
      code: df('FROM rockylinux:9', 'RUN wget https://e.com/m.rpm', 'RUN rpm -Uvh m.rpm', 'COPY lib.jar /opt/', 'RUN cd /opt && jar xf lib.jar'),
      errors: [{ line: 3, message: 'installed by rpm -Uvh' }, { line: 5, message: 'unpacked by jar at line 5' }],
      output: df('FROM rockylinux:9', 'RUN wget https://e.com/m.rpm', 'RUN rpm -Uvh m.rpm', 'RUN --mount=type=bind,source=lib.jar,target=/opt/lib.jar cd /opt && jar xf lib.jar'),
    },
    {
      name: 'heredoc: no fix',
      code: df('FROM debian:12', 'RUN <<EOF', 'wget -O /tmp/a.zip https://e.com/a.zip', 'unzip /tmp/a.zip -d /opt', 'EOF'),
      errors: [{ line: 4, message: 'delete it in this RUN once it is no longer needed' }],
      output: null,
    },
  ],
});

// Why a finding whose archive path is known has no fix, named for the case at hand (it was one list of causes).
describe('archive-left-in-layer says why the delete has no place', () => {
  const get = 'wget -O /tmp/a.deb https://e.com/a.deb';
  it.each([
    ['commands joined by ;', `RUN ${get}; dpkg -i /tmp/a.deb`, 'not one `&&` chain'],
    ['a background job', `RUN ${get} && (sleep 1 &) && dpkg -i /tmp/a.deb`, 'could still be reading the archive'],
    ['exec', `RUN ${get} && dpkg -i /tmp/a.deb && exec true`, 'runs `exec`'],
    ['set -f', `RUN set -f && ${get} && dpkg -i /tmp/a.deb`, 'changes globbing with `set`'],
    ['a trailing comment', `RUN ${get} && dpkg -i /tmp/a.deb # done`, 'text after the last command'],
  ])('%s', (_name, run, reason) => {
    const findings = lintText(`FROM debian:12\n${run}\n`).findings.filter((f) => f.ruleId === 'archive-left-in-layer');
    expect(findings.map((f) => [f.fix, f.fixDeclined])).toEqual([[null, expect.stringContaining(reason)]]);
  });
});

describe('archive-left-in-layer fixture', () => {
  it('fixes fixtures/archive-left-in-layer/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/archive-left-in-layer');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(fixedBy(rule, fixed, { code: fixed })).toBe(fixed);
    expect(findingsFor(rule, fixed).length).toBeLessThan(findingsFor(rule, bad).length);
  });
});
