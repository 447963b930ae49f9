import { lintText } from '../../src';

// Issue 19, false-positive patterns found by hand-checking a sample of corpus findings.
const rulesAt = (text: string, ruleId: string) =>
  lintText(text, { rules: { [ruleId]: 'warning' } }).findings
    .filter((f) => f.ruleId === ruleId)
    .map((f) => f.range.start.line + 1);

describe('no-secrets-in-arg-env: public values are not secrets (pattern 1)', () => {
  const rule = 'no-secrets-in-arg-env';
  it('a GPG fingerprint or key id under a gpg-named key is not reported (corpus 01134.Dockerfile:39)', () => {
    expect(rulesAt('FROM alpine:3.20\nENV JENKINS_GPG_KEY 5E38B1C1A6E2C9D4A5AE8B9C3F7C5B6D9A4E2F10\n', rule)).toEqual([]);
    expect(rulesAt('FROM alpine:3.20\nARG GPG_KEYS="B42F6819007F00F88E364FD4036A9C25BF357DD4 0x9F3A"\n', rule)).toEqual([]);
  });
  it('a key server, URL or file path is not reported', () => {
    expect(rulesAt('FROM alpine:3.20\nENV GPG_KEY_SERVER=hkps://keys.openpgp.org\n', rule)).toEqual([]);
    expect(rulesAt('FROM alpine:3.20\nARG AUTH_URL=https://auth.example.com/oauth\n', rule)).toEqual([]);
    expect(rulesAt('FROM alpine:3.20\nENV SSL_KEY=/etc/ssl/private/server.key\n', rule)).toEqual([]);
    expect(rulesAt('FROM alpine:3.20\nENV sa_password_path="C:\\ProgramData\\Docker\\secrets\\sa-password"\n', rule)).toEqual([]);
  });
  it('still reports real secrets, hex tokens, URLs with credentials and unset names', () => {
    expect(rulesAt('FROM alpine:3.20\nENV API_TOKEN=5e38b1c1a6e2c9d4a5ae8b9c3f7c5b6d\n', rule)).toEqual([2]);
    expect(rulesAt('FROM alpine:3.20\nENV AUTH_URL=https://user:hunter2@example.com/\n', rule)).toEqual([2]);
    expect(rulesAt('FROM alpine:3.20\nARG DB_PASSWORD\nENV SECRET_KEY=${SECRET}\n', rule)).toEqual([2, 3]);
  });
});

describe('layer-count: builder stages ship no layers (pattern 2)', () => {
  const many = Array.from({ length: 41 }, (_, i) => `RUN echo ${i} >> /s`).join('\n');
  it('a builder stage over maxLayers is not reported (corpus 01742.Dockerfile:7)', () => {
    expect(rulesAt(`FROM debian:12.5 AS build\n${many}\nFROM debian:12.5\nCOPY --from=build /s /s\n`, 'layer-count')).toEqual([]);
  });
  it('the final stage and the stages it is built FROM are still reported', () => {
    expect(rulesAt(`FROM debian:12.5\n${many}\n`, 'layer-count')).toEqual([1]);
    expect(rulesAt(`FROM debian:12.5 AS base\n${many}\nFROM base\nRUN true\n`, 'layer-count')).toEqual([1]);
  });
});

describe('pin-base-image: an image the build must supply (pattern 9)', () => {
  it('FROM ${base} whose ARG has no default is not reported (corpus 02128.Dockerfile:2)', () => {
    expect(rulesAt('ARG base\nFROM ${base}\nRUN true\n', 'pin-base-image')).toEqual([]);
  });
  it('an untagged image, or an ARG default without a tag, is still reported', () => {
    expect(rulesAt('FROM debian\n', 'pin-base-image')).toEqual([1]);
    expect(rulesAt('ARG base=debian\nFROM ${base}\n', 'pin-base-image')).toEqual([2]);
  });
});

describe('invalid-default-arg-in-from: shell quotes are removed as BuildKit does (pattern 7)', () => {
  const rule = 'invalid-default-arg-in-from';
  it('`debian:"${V}"` with a default is a valid reference (corpus 00459.Dockerfile:6)', () => {
    expect(rulesAt('ARG V=12\nFROM debian:"${V}"\n', rule)).toEqual([]);
    expect(rulesAt('ARG IMAGE="debian:12"\nFROM "$IMAGE"\n', rule)).toEqual([]);
  });
  it('an invalid reference is still reported when quoted', () => {
    expect(rulesAt('ARG V=""\nFROM debian:"${V}"\n', rule)).toEqual([2]);
    expect(rulesAt('ARG V="a b"\nFROM "debian:${V}"\n', rule)).toEqual([2]);
  });
});

describe('fixes that change the build are unsafe (issue 19, "Fixes that must change")', () => {
  const safety = (text: string, ruleId: string) =>
    lintText(text, { extends: 'all' }).findings.filter((f) => f.ruleId === ruleId).map((f) => f.fix?.safety ?? null);
  it('modify-in-later-layer: a fix that adds `# syntax=` is unsafe', () => {
    expect(safety('FROM alpine:3.20\nCOPY app.bin /app.bin\nRUN chmod 755 /app.bin\n', 'modify-in-later-layer')).toEqual(['unsafe']);
  });
  it('redundant-target-platform: removing ${TARGETPLATFORM:-linux/amd64} is unsafe; plain $TARGETPLATFORM stays safe', () => {
    expect(safety('FROM --platform=${TARGETPLATFORM:-linux/amd64} alpine:3.20\n', 'redundant-target-platform')).toEqual(['unsafe']);
    expect(safety('FROM --platform=$TARGETPLATFORM alpine:3.20\n', 'redundant-target-platform')).toEqual(['safe']);
  });
});

describe('pipefail: echo and printf hide no failure (pattern 11)', () => {
  it('`echo … | sha256sum -c -` is not reported (corpus 01329.Dockerfile:72)', () => {
    expect(rulesAt('FROM debian:12\nRUN echo "$SUM  /tmp/x.tgz" | sha256sum -c -\n', 'pipefail')).toEqual([]);
    expect(rulesAt("FROM debian:12\nRUN printf '%s\\n' a b | sort\n", 'pipefail')).toEqual([]);
  });
  it('a pipe whose hidden command can fail is still reported, also after an echo', () => {
    expect(rulesAt('FROM debian:12\nRUN curl -fsSL https://x/y.tgz | tar -xz\n', 'pipefail')).toEqual([2]);
    expect(rulesAt('FROM debian:12\nRUN echo x | gpg --import | tee /log\n', 'pipefail')).toEqual([2]);
  });
});

describe('use-workdir: a build directory removed in the same RUN (pattern 10)', () => {
  it('`cd /usr/src/ruby` … `rm -r /usr/src/ruby` is not reported (corpus 00216.Dockerfile:86)', () => {
    expect(rulesAt('FROM debian:12\nRUN mkdir -p /usr/src/ruby; cd /usr/src/ruby; make install; cd /; rm -r /usr/src/ruby\n', 'use-workdir')).toEqual([]);
    expect(rulesAt('FROM debian:12\nRUN cd /tmp/build/src && make && rm -rf /tmp/build\n', 'use-workdir')).toEqual([]);
  });
  it('a cd into a directory that stays is still reported', () => {
    expect(rulesAt('FROM debian:12\nRUN cd /app && make && rm -rf /app/build\n', 'use-workdir')).toEqual([2]);
    expect(rulesAt('FROM debian:12\nRUN cd /app && rm /app\n', 'use-workdir')).toEqual([2]);
  });
});

describe('pin-apt-versions: a simulated install installs nothing (precision sample, 00156.Dockerfile:161)', () => {
  it('`apt-get install -s` in a test is not reported; a real install still is', () => {
    expect(rulesAt('FROM debian:12\nRUN if apt-get install -s "pg-jit" > /dev/null 2>&1; then echo ok; fi\n', 'pin-apt-versions')).toEqual([]);
    expect(rulesAt('FROM debian:12\nRUN apt-get install -y curl\n', 'pin-apt-versions')).toEqual([2]);
  });
});

describe('invalid-definition-description: ordinary comments and multi-line descriptions (pattern 6)', () => {
  const rule = 'invalid-definition-description';
  it('a multi-line description whose first line starts with the name is not reported (corpus 03241.Dockerfile:10)', () => {
    const text = '# BUILDER_TARGET selects which builder stage the final scratch image copies\n' +
      '# package output from. Default keeps local\n# `make backends/ik-llama-cpp` on the from-source path.\n' +
      'ARG BUILDER_TARGET=builder-fromsource\n';
    expect(rulesAt(text, rule)).toEqual([]);
  });
  it('an ordinary comment above an ARG or FROM is not reported', () => {
    expect(rulesAt('# Install Powershell Core\n# See https://learn.microsoft.com/powershell\nARG POWERSHELL_VERSION=7.5.4\n', rule)).toEqual([]);
    expect(rulesAt('#############\n#  Stage 1  #\n#############\nFROM alpine:3.20 AS build\n', rule)).toEqual([]);
  });
  it('a comment that describes the ARG or stage in other words is still reported, on the instruction', () => {
    expect(rulesAt('# Installer image\nFROM alpine:3.20 AS installer\n', rule)).toEqual([2]);
  });
});

describe('from-platform-const: a file platform-specific by design (pattern 8)', () => {
  const rule = 'from-platform-const';
  it('stages pinned to arm64 in a file that installs linux-arm64 builds are not reported (corpus 00491.Dockerfile:41)', () => {
    const text = 'FROM --platform=linux/arm64 mcr.microsoft.com/cbl-mariner/base/core:2.0 AS installer-env\n' +
      'ARG PS_PACKAGE=powershell-7.3.0-linux-arm64.tar.gz\nRUN curl -sSL -o /tmp/ps.tgz https://x/${PS_PACKAGE}\n' +
      'FROM --platform=linux/arm64 mcr.microsoft.com/cbl-mariner/base/core:2.0 AS final-image\n' +
      'COPY --from=installer-env /opt/microsoft/powershell /opt/microsoft/powershell\n';
    expect(rulesAt(text, rule)).toEqual([]);
  });
  it('a constant platform with nothing else tying the file to it is still reported (BuildKit\'s own case)', () => {
    expect(rulesAt('FROM --platform=linux/amd64 scratch\n', rule)).toEqual([1]);
  });
});

describe('json-cmd-entrypoint: malformed JSON is named as such (issue 19, "Fixes that must change")', () => {
  it('CMD ["bash", "-c" "echo hi"] says the JSON is malformed and where', () => {
    const [finding] = lintText('FROM alpine:3.20\nCMD ["bash", "-c" "echo hi"]\n').findings.filter((f) => f.ruleId === 'json-cmd-entrypoint');
    expect(finding!.message).toContain('not valid JSON at 2:19');
    expect(finding!.message).not.toContain('write it as a JSON array');
    expect(finding!.fixDeclined).toContain('malformed');
  });
});

describe('use-workdir: a cd scoped to a subshell (sample row 31)', () => {
  it('(cd x && make) and $(cd x && pwd) are not reported', () => {
    expect(rulesAt('FROM debian:12\nRUN (cd /src/lib && make) && make -C /src install\n', 'use-workdir')).toEqual([]);
    expect(rulesAt('FROM debian:12\nRUN DIR="$(cd /opt/x && pwd -P)" && echo "$DIR"\n', 'use-workdir')).toEqual([]);
  });
  it('a cd at the top level of the RUN, or in a { group; }, is still reported', () => {
    expect(rulesAt('FROM debian:12\nRUN cd /src && make\n', 'use-workdir')).toEqual([2]);
    expect(rulesAt('FROM debian:12\nRUN { cd /src && make; }\n', 'use-workdir')).toEqual([2]);
  });
});
