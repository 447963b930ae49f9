import { lintText } from '../../src';

// Issue 21 item 2: use-multi-stage on a program installed from distro packages (`apt-get install redis-server`,
// CMD ["redis-server"]), and where it stays quiet.
const multiStage = (text: string) =>
  lintText(text, { rules: { 'use-multi-stage': 'warning' } }).findings.filter((f) => f.ruleId === 'use-multi-stage');

const APT = (pkg: string, cmd: string, base = 'debian:bookworm') =>
  `FROM ${base}\nRUN apt-get update && apt-get install -y --no-install-recommends ${pkg} && rm -rf /var/lib/apt/lists/*\nCMD ${cmd}\n`;

describe('use-multi-stage: programs from distro packages', () => {
  it('fires, with a fix, when CMD runs the program of a package the image installs (redis shape)', () => {
    const [finding] = multiStage(APT('redis-server', '["redis-server"]'));
    expect(finding?.message).toContain('Final image keeps the whole debian:bookworm distribution (~117 MB) to run `redis-server` (package redis-server, installed at line 2)');
    expect(finding?.fix).not.toBeNull();
  });
  it('names the reason when the package has state its maintainer scripts make', () => {
    const [finding] = multiStage(APT('nginx', '["nginx", "-g", "daemon off;"]', 'ubuntu:22.04'));
    expect(finding?.fix).toBeNull();
    expect(finding?.message).toContain('(no automatic fix: nginx: its maintainer scripts enable modules and sites with symlinks');
  });
  it('declines when the stage installs other packages the program may use at run time', () => {
    const [finding] = multiStage(APT('redis-server imagemagick', '["redis-server"]'));
    expect(finding?.message).toContain('(no automatic fix: the stage installs imagemagick, which the program may need at run time and scratch would not have).');
  });
  it('is quiet on interpreters, pip/npm programs and non-Debian bases', () => {
    expect(multiStage(APT('python3', '["python3", "app.py"]'))).toEqual([]);
    expect(multiStage('FROM python:3.12-slim\nRUN pip install ansible\nCMD ["ansible"]\n')).toEqual([]);
    expect(multiStage('FROM alpine:3.20\nRUN apk add --no-cache redis\nCMD ["redis-server"]\n')).toEqual([]);
    expect(multiStage('FROM debian:bookworm\nCOPY app /usr/local/bin/app\nCMD ["/usr/local/bin/app"]\n')).toEqual([]);
  });
});
