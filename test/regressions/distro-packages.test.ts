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
  it('declines GUI programs statically, with the reason (was: a fix whose build stops with a message)', () => {
    // audacity, gimp and openscad are corpus shapes (00028, 00042, 00059); imagemagick's dependencies (size data)
    // include libx11-6; the DISPLAY one is a program the name list does not know.
    const reason = (pkg: string, extra = '') => {
      const [finding] = multiStage(`FROM debian:bookworm\n${extra}RUN apt-get update && apt-get install -y --no-install-recommends ${pkg} && rm -rf /var/lib/apt/lists/*\nENTRYPOINT ["${pkg}"]\n`);
      expect(finding?.fix).toBeNull();
      return finding?.message;
    };
    for (const app of ['audacity', 'gimp', 'openscad']) {
      expect(reason(app)).toContain(`(no automatic fix: ${app} is a GUI program (a desktop application), whose toolkit loads plugins, themes and fonts that ldd and dpkg -L do not list).`);
    }
    expect(reason('imagemagick')).toContain('(no automatic fix: imagemagick is a GUI program (it depends on libx11-6)');
    expect(reason('xeyes', 'ENV DISPLAY=:0\n')).toContain('(no automatic fix: xeyes is a GUI program (the image sets DISPLAY)');
    expect(multiStage(APT('curl', '["curl", "-sS", "https://example.org/"]'))[0]?.fix).not.toBeNull();
  });
  it('is quiet on interpreters, pip/npm programs and non-Debian bases', () => {
    expect(multiStage(APT('python3', '["python3", "app.py"]'))).toEqual([]);
    expect(multiStage('FROM python:3.12-slim\nRUN pip install ansible\nCMD ["ansible"]\n')).toEqual([]);
    expect(multiStage('FROM alpine:3.20\nRUN apk add --no-cache redis\nCMD ["redis-server"]\n')).toEqual([]);
    expect(multiStage('FROM debian:bookworm\nCOPY app /usr/local/bin/app\nCMD ["/usr/local/bin/app"]\n')).toEqual([]);
  });
});
