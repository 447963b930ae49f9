import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/size/prefer-smaller-base';
import { smallerVariant } from '../../src/optimize/baseVariants';
import { parseImageRef } from '../../src/model';
import { fixedBy, runRuleTests } from '../support/ruleTester';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;

runRuleTests(rule, {
  valid: [
    { name: 'already slim', code: df('FROM python:3.12-slim', 'COPY app.py /app.py', 'CMD ["python", "/app.py"]') },
    { name: 'alpine is left alone', code: df('FROM node:22-alpine', 'COPY . /app', 'CMD ["node", "/app/server.js"]') },
    {
      name: 'multi-stage: the full image only in a builder stage',
      code: df('FROM python:3.12 AS build', 'RUN pip wheel -w /wheels requests==2.32.3', 'FROM python:3.12-slim', 'COPY --from=build /wheels /wheels', 'CMD ["python"]'),
    },
    { name: 'no CMD of its own: a dev or CI image', code: df('FROM debian:12', 'RUN apt-get update && apt-get install -y make') },
    { name: 'dev container kept alive', code: df('FROM node:22', 'WORKDIR /app', 'CMD ["sleep", "infinity"]') },
    { name: 'CMD starts a bare shell', code: df('FROM debian:bookworm', 'CMD ["bash"]') },
    { name: 'ONBUILD base image', code: df('FROM python:3.12', 'ONBUILD COPY . /app', 'CMD ["python", "/app/main.py"]') },
    { name: 'base from an ARG without default', code: df('ARG IMAGE', 'FROM ${IMAGE}', 'CMD ["app"]') },
    { name: 'ubuntu: debian-slim would save only ~3 MB', code: df('FROM ubuntu:24.04', 'RUN apt-get update && apt-get install -y nginx', 'CMD ["nginx", "-g", "daemon off;"]') },
    { name: 'ubuntu starting a copied program in shell form: needs /bin/sh', code: df('FROM ubuntu:24.04', 'COPY app /usr/local/bin/app', 'CMD app --serve') },
    { name: 'ubuntu starting a copied script: needs its interpreter', code: df('FROM ubuntu:24.04', 'COPY run.sh /run.sh', 'ENTRYPOINT ["/run.sh"]') },
    { name: 'ubuntu with a RUN that may give the program something', code: df('FROM ubuntu:24.04', 'RUN useradd app', 'COPY app /usr/local/bin/app', 'CMD ["app"]') },
    { name: 'debian-slim starting a program it did not copy', code: df('FROM debian:12-slim', 'COPY app.conf /etc/app.conf', 'CMD ["/usr/sbin/app"]') },
    {
      name: 'golang that builds: use-multi-stage reports it, not this rule',
      code: df('FROM golang:1.23', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /usr/local/bin/app .', 'CMD ["app"]'),
    },
    { name: 'JDK that compiles', code: df('FROM eclipse-temurin:21', 'COPY Main.java .', 'RUN javac Main.java', 'CMD ["java", "Main"]') },
    { name: 'JDK image not starting java', code: df('FROM eclipse-temurin:21', 'COPY run.sh /run.sh', 'CMD ["/run.sh"]') },
    { name: 'final stage named as a dev environment', code: df('FROM node:22 AS development', 'COPY . /app', 'CMD ["npm", "start"]') },
    { name: 'init ENTRYPOINT with a keep-alive CMD', code: df('FROM debian:12', 'ENTRYPOINT ["/init.sh"]', 'CMD ["sleep", "infinity"]') },
    { name: 'whole image name from an ARG with a default', code: df('ARG IMAGE=debian:12', 'FROM ${IMAGE}', 'CMD ["/app"]') },
    {
      name: 'official-images idiom: a published base image',
      code: df(
        'FROM python:3.12-bookworm',
        `RUN savedAptMark="$(apt-mark showmanual)" && apt-get update && apt-get install -y gcc && make && apt-mark auto '.*' && apt-get purge -y --auto-remove`,
        'CMD ["unitd", "--no-daemon"]',
      ),
    },
    {
      name: 'toolchain image that installs its own build tools: a build environment',
      code: df('FROM golang:1.24', 'RUN apt-get update && apt-get install -y build-essential devscripts', 'CMD ["/src/build.sh"]'),
    },
    { name: 'digest-pinned base', code: df('FROM debian:12@sha256:' + 'a'.repeat(64), 'CMD ["/app"]') },
  ],
  invalid: [
    {
      name: 'python: the fix switches to the slim tag',
      code: df('FROM python:3.12', 'WORKDIR /app', 'COPY app.py .', 'CMD ["python", "app.py"]'),
      errors: [{ line: 1, column: 6, endColumn: 17, message: 'python:3.12-slim runs the same thing in less space (~896 MB less: python:3.12 ~1.02 GB, python:3.12-slim ~124 MB); switch to it.' }],
      output: df('FROM python:3.12-slim', 'WORKDIR /app', 'COPY app.py .', 'CMD ["python", "app.py"]'),
    },
    {
      name: 'python with a Debian release: slim goes before the release',
      code: df('FROM python:3.11-bookworm', 'COPY app.py /', 'CMD ["python", "/app.py"]'),
      errors: [{ line: 1, message: 'python:3.11-slim-bookworm' }],
      output: df('FROM python:3.11-slim-bookworm', 'COPY app.py /', 'CMD ["python", "/app.py"]'),
    },
    {
      name: 'node with a release: slim goes after it',
      code: df('FROM node:22-bookworm AS app', 'COPY dist /app', 'CMD ["node", "/app/index.js"]'),
      errors: [{ line: 1, message: 'node:22-bookworm-slim' }],
      output: df('FROM node:22-bookworm-slim AS app', 'COPY dist /app', 'CMD ["node", "/app/index.js"]'),
    },
    {
      name: 'debian without a tag: stable-slim',
      code: df('FROM debian', 'RUN apt-get update && apt-get install -y --no-install-recommends traceroute', 'COPY probe.sh /probe.sh', 'ENTRYPOINT ["/probe.sh"]'),
      errors: [{ line: 1, message: 'debian:stable-slim' }],
      output: df('FROM debian:stable-slim', 'RUN apt-get update && apt-get install -y --no-install-recommends traceroute', 'COPY probe.sh /probe.sh', 'ENTRYPOINT ["/probe.sh"]'),
    },
    {
      name: 'ubuntu that only starts a copied program: distroless named, no fix',
      code: df('FROM ubuntu:22.04', 'RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*', 'COPY app /usr/local/bin/app', 'CMD ["app"]'),
      errors: [
        {
          line: 1,
          column: 6,
          message:
            'Final image is based on ubuntu:22.04 but only starts `app`, which the COPY at line 3 puts there; gcr.io/distroless/cc-debian12 (glibc, libstdc++, CA certificates, time zone data; no shell) runs it in less space (~57 MB less: ubuntu:24.04 ~78 MB, gcr.io/distroless/cc-debian12 ~22 MB), or gcr.io/distroless/static-debian12 or scratch when it is statically linked',
        },
      ],
      output: null,
    },
    {
      name: 'debian-slim runtime stage of a multi-stage build: distroless named',
      code: df('FROM rust:1.80 AS build', 'RUN cargo build --release', 'FROM debian:bookworm-slim', 'WORKDIR /app', 'COPY --from=build /target/release/server ./', 'ENTRYPOINT ["./server"]'),
      errors: [{ line: 3, message: 'only starts `./server`, which the COPY at line 5 puts there; gcr.io/distroless/cc-debian12' }],
      output: null,
    },
    {
      name: 'full debian that only starts a copied program: slim fixed, distroless named too',
      code: df('FROM debian:12', 'COPY server /srv/server', 'ENTRYPOINT ["/srv/server"]'),
      errors: [{ line: 1, message: 'debian:12-slim runs the same thing in less space (~42 MB less: debian:bookworm ~117 MB, debian:bookworm-slim ~75 MB), or gcr.io/distroless/cc-debian12 (no shell; the image only starts `/srv/server`, which the COPY at line 2 puts there); switch to it.' }],
      output: df('FROM debian:12-slim', 'COPY server /srv/server', 'ENTRYPOINT ["/srv/server"]'),
    },
    {
      name: 'final stage built FROM another stage: the root base is judged',
      code: df('FROM debian:12 AS base', 'RUN useradd app', 'FROM base', 'COPY app /app', 'CMD ["/app"]'),
      errors: [{ line: 1, column: 6, message: 'debian:12-slim' }],
      output: df('FROM debian:12-slim AS base', 'RUN useradd app', 'FROM base', 'COPY app /app', 'CMD ["/app"]'),
    },
    {
      name: 'JDK used only to run: same vendor JRE, distroless named',
      code: df('FROM eclipse-temurin:21-jdk-jammy', 'COPY app.jar /app.jar', 'CMD ["java", "-jar", "/app.jar"]'),
      errors: [{ line: 1, message: 'eclipse-temurin:21-jre-jammy runs the same thing in less space' }],
      output: df('FROM eclipse-temurin:21-jre-jammy', 'COPY app.jar /app.jar', 'CMD ["java", "-jar", "/app.jar"]'),
    },
    {
      name: 'no fix: HEALTHCHECK uses curl, which python slim lacks',
      code: df('FROM python:3.12', 'COPY app.py /', 'HEALTHCHECK CMD curl -f http://localhost:8000/ || exit 1', 'CMD ["python", "/app.py"]'),
      errors: [{ line: 1, message: 'but no fix: `curl` at line 3 needs a program python:3.12-slim lacks' }],
      output: null,
    },
    {
      name: 'curl installed by the image itself: the fix stays',
      code: df('FROM node:22', 'RUN apt-get update && apt-get install -y --no-install-recommends curl', 'COPY dist /app', 'HEALTHCHECK CMD curl -f http://localhost/', 'CMD ["node", "/app/index.js"]'),
      errors: [{ line: 1, message: 'node:22-slim' }],
      output: df('FROM node:22-slim', 'RUN apt-get update && apt-get install -y --no-install-recommends curl', 'COPY dist /app', 'HEALTHCHECK CMD curl -f http://localhost/', 'CMD ["node", "/app/index.js"]'),
    },
    {
      name: 'no fix: pip install may need the full image compilers',
      code: df('FROM python:3.12', 'COPY requirements.txt .', 'RUN pip install -r requirements.txt', 'CMD ["python", "app.py"]'),
      errors: [{ line: 1, message: 'but no fix: `pip install` at line 3 may compile packages' }],
      output: null,
    },
    {
      name: 'no fix on Debian: man pages needed by a JRE package',
      code: df('FROM debian:bullseye', 'RUN apt-get update && apt-get install -y openjdk-11-jre-headless', 'CMD ["java", "-jar", "/app.jar"]'),
      errors: [{ line: 1, message: '`openjdk-11-jre-headless` at line 2 runs a postinst that writes into /usr/share/man' }],
      output: null,
    },
    {
      name: 'another vendor: suggestion only',
      code: df('FROM openjdk:17', 'COPY app.jar /app.jar', 'ENTRYPOINT ["java", "-jar", "/app.jar"]'),
      errors: [{ line: 1, message: 'a suggestion only: eclipse-temurin:17-jre is another vendor' }],
      output: null,
    },
    {
      name: 'toolchain image as the runtime of a copied binary',
      code: df('FROM rust:1.80 AS build', 'COPY . .', 'RUN cargo build --release', 'FROM rust:1.80', 'COPY --from=build /target/release/app /app', 'CMD ["/app"]'),
      errors: [{ line: 4, message: 'ships a whole toolchain' }],
      output: null,
    },
    {
      name: 'tag from an ARG with a default: reported without a fix',
      code: df('ARG PY=3.12', 'FROM python:${PY}', 'CMD ["python", "-m", "http.server"]'),
      errors: [{ line: 2, message: 'no automatic fix: the image name comes from an ARG' }],
      output: null,
    },
  ],
});

describe('smallerVariant', () => {
  const variant = (text: string): string | null => smallerVariant(parseImageRef(text))?.image ?? null;
  it.each([
    ['debian:12', 'debian:12-slim'],
    ['debian:bookworm-20240110', 'debian:bookworm-20240110-slim'],
    ['debian:bookworm-backports', null],
    ['python:3', 'python:3-slim'],
    ['python:3.12.4-bullseye', 'python:3.12.4-slim-bullseye'],
    ['python:3.12-windowsservercore', null],
    ['node:lts', 'node:lts-slim'],
    ['node', 'node:slim'],
    ['docker.io/library/node:20', 'docker.io/library/node:20-slim'],
    ['eclipse-temurin:17', 'eclipse-temurin:17-jre'],
    ['eclipse-temurin:17-jre', null],
    ['ghcr.io/acme/python:3.12', null],
  ])('%s → %s', (from, to) => expect(variant(from)).toBe(to));
});

describe('fixtures', () => {
  it('fixes fixtures/prefer-smaller-base/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/prefer-smaller-base');
    const fixed = fixedBy(rule, readFileSync(join(dir, 'bad.Dockerfile'), 'utf8'));
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
  });
});
