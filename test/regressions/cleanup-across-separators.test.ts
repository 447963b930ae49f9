import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fix, lint } from '../../src';

// Issue 21 item 1: the cleanup RUNs of a Dockerfile split by comments and a `WORKDIR /` were chained only up to the
// comment, so `fix --unsafe` left the apt lists in the layer that filled them and its own lint still flagged them.
// Issue 19 pattern 5: chain-run fired on (and merged) RUNs split on purpose with a comment saying why, and merged a
// dependency install with the build step that cache-order wants kept apart.
const rules = (text: string, ids: readonly string[]): string[] =>
  lint(text).findings.filter((f) => ids.includes(f.ruleId)).map((f) => `${f.ruleId}:${f.range.start.line + 1}`);

describe('cleanup across harmless separators', () => {
  const redis = [
    'FROM debian:12.5',
    '# build tools',
    'RUN apt-get update',
    'RUN apt-get install -y --no-install-recommends make gcc libc6-dev',
    'WORKDIR /',
    'RUN make -C /src && cp /src/src/redis-server /usr/local/bin/',
    '# clean up',
    'LABEL stage=cleanup',
    'RUN apt-get remove -y make gcc',
    'RUN rm -rf /var/lib/apt/lists/*',
    // By PATH lookup of a program no `make install` put there: the multi-stage rewrite declines, so the cleanup is
    // what shrinks the image.
    'CMD ["redis-server"]',
    '',
  ].join('\n');

  it('fix --unsafe puts the lists cleanup in the RUN that ran apt-get update, and the output lints clean of it', () => {
    const out = fix(redis, { unsafe: true }).output;
    expect(out).toContain('apt-get install -y --no-install-recommends make gcc libc6-dev && rm -rf /var/lib/apt/lists/*');
    expect(rules(out, ['clean-package-cache'])).toEqual([]);
    // The separate `RUN rm -rf /var/lib/apt/lists/*` would delete nothing any more: it goes.
    expect(out).not.toContain('RUN rm -rf /var/lib/apt/lists/*');
    expect(out.match(/rm -rf \/var\/lib\/apt\/lists/g)).toHaveLength(1);
  });

  it('the lab case: the cleanup lands only in the RUN that ran apt-get update, with no empty delete left, byte for byte', () => {
    const before = readFileSync(join(__dirname, '../../lab/cases/cleanup-across-separators/before/Dockerfile'), 'utf8');
    const out = fix(before, { unsafe: true }).output;
    expect(out).toBe(
      [
        'FROM debian:bookworm-slim',
        '',
        'WORKDIR /',
        'LABEL org.opencontainers.image.title=cleanup-across-separators',
        'EXPOSE 8080',
        '# as the seed articles write it: update, install, build and cleanup each in a RUN, with comments and metadata between',
        'RUN apt-get update \\',
        '# build tools, only needed for the build step',
        ' && apt-get install --no-install-recommends -y make && rm -rf /var/lib/apt/lists/* \\',
        " && printf 'all:\\n\\techo built with make > /built.txt\\n' > /tmp/Makefile && make -f /tmp/Makefile && rm /tmp/Makefile \\",
        '# cleanup',
        ' && apt-get purge -y make && apt-get autoremove -y',
        '',
        'CMD ["cat", "/built.txt"]',
        '',
      ].join('\n'),
    );
    expect(lint(out).findings.map((f) => f.ruleId)).toEqual([]);
  });

  it('a later apt-get remove does not stop the lists cleanup (it reads dpkg status, not the lists)', () => {
    const text = 'FROM debian:12.5\nRUN apt-get update && apt-get install -y curl\nRUN apt-get remove -y curl && apt-get install -y wget\n';
    // The install after the remove does need the lists: no fix.
    expect(fix(text, { unsafe: true, only: ['clean-package-cache'] }).output).toBe(text);
    const removeOnly = 'FROM debian:12.5\nRUN apt-get update && apt-get install -y curl\nRUN apt-get remove -y curl\n';
    expect(fix(removeOnly, { unsafe: true, only: ['clean-package-cache'] }).output).toBe(
      'FROM debian:12.5\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN apt-get remove -y curl\n',
    );
  });
});

describe('chain-run and RUNs split on purpose', () => {
  it('stays silent on RUNs a comment says are split for caching (01742.Dockerfile:113)', () => {
    const text = [
      'FROM debian:12.5',
      'RUN ./build_source.sh',
      '',
      '# additional batch of libraries ( split into docker layers, to allow for caching )',
      'RUN ./generate.py --library-list fontconfig',
      'RUN ./download_tarballs.sh',
      'RUN ./build_source.sh',
      '',
    ].join('\n');
    expect(rules(text, ['chain-run'])).toEqual([]);
  });

  it('still fires across a comment that only says what the next command does, and keeps it', () => {
    const text = 'FROM debian:12.5\nRUN ./fetch.sh\n# warm the yarn cache\nRUN yarn cache dir\n';
    expect(rules(text, ['chain-run'])).toEqual(['chain-run:4']);
    expect(fix(text, { only: ['chain-run'] }).output).toBe('FROM debian:12.5\nRUN ./fetch.sh \\\n# warm the yarn cache\n && yarn cache dir\n');
  });

  it('does not chain npm install with npm run build', () => {
    const text = 'FROM node:20.11.1\nWORKDIR /app\nCOPY . .\nRUN npm install\nRUN npm run build\n';
    expect(rules(text, ['chain-run'])).toEqual([]);
  });
});

describe('fixes that touch', () => {
  it('an insertion at the end of text another fix replaces waits for the next pass', () => {
    // cache-order replaced `COPY . .` + the npm install RUN, and clean-package-cache's ` && npm cache clean --force`
    // at the end of that RUN landed after the moved `COPY . .`.
    const text = 'FROM node:20.11.1\nWORKDIR /app\nCOPY . .\nRUN npm install --omit=dev\nCMD ["node", "server.js"]\n';
    const out = fix(text, { unsafe: true, only: ['cache-order', 'clean-package-cache'] }).output;
    expect(out).toBe('FROM node:20.11.1\nWORKDIR /app\nCOPY package.json package-lock.json* ./\nRUN npm install --omit=dev && npm cache clean --force\nCOPY . .\nCMD ["node", "server.js"]\n');
  });
});
