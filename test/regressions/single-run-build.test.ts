import { lintText } from '../../src';

// Issue 19 recall: a single RUN that installs a compiler, builds and removes the compiler again still ships a
// distribution plus the build's leftovers; use-multi-stage fires there when the rewrite can be made (scratch with the
// program and its ldd libraries), and stays quiet when it cannot (the RUN already cleans up after itself).
const multiStage = (text: string) =>
  lintText(text, { rules: { 'use-multi-stage': 'warning' } }).findings.filter((f) => f.ruleId === 'use-multi-stage');

const RUN =
  'RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev make \\\n' +
  ' && make -C /usr/src/redis install PREFIX=/usr/local/redis \\\n' +
  ' && apt-get purge -y --auto-remove gcc libc6-dev make && rm -rf /var/lib/apt/lists/*\n';

describe('use-multi-stage: install, build and purge in one RUN', () => {
  it('fires with a fix when make install put the program CMD runs', () => {
    const [finding] = multiStage(`FROM debian:bookworm-slim\nCOPY redis /usr/src/redis\n${RUN}ENV PATH=/usr/local/redis/bin:$PATH\nCMD ["redis-server"]\n`);
    expect(finding?.message).toContain('although the RUN at line 3 removes the C/C++ compiler toolchain');
    expect(finding?.fix).not.toBeNull();
  });
  it('stays quiet when the rewrite cannot be made (an entrypoint script, as in the official image)', () => {
    const text = `FROM debian:bookworm-slim\nCOPY redis /usr/src/redis\n${RUN}COPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["redis-server"]\n`;
    expect(multiStage(text)).toEqual([]);
  });
});
