import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/size/cache-order';
import { RuleRegistry } from '../../src/engine';
import { fixText } from '../../src/fix';
import { lintText } from '../../src/index';
import { memoryBuildContext } from '../support/memoryBuildContext';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

const NODE = 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n';

// Without a build context (as on --stdin): manifests are copied in the glob form that tolerates a missing lock file.
runRuleTests(rule, {
  valid: [
    { name: 'manifests copied and installed before the sources', code: 'FROM node:22\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n' },
    { name: 'an earlier COPY of the manifests (ordered on purpose)', code: 'FROM node:22\nWORKDIR /app\nCOPY package.json yarn.lock ./\nCOPY . .\nRUN yarn install --frozen-lockfile\n' },
    { name: 'requirements copied first (exec form)', code: 'FROM python:3.12\nWORKDIR /app\nCOPY ["requirements.txt", "./"]\nCOPY . .\nRUN pip install -r requirements.txt\n' },
    { name: 'a cache mount keeps the downloads across rebuilds', code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN --mount=type=cache,target=/root/.npm npm ci\n' },
    { name: 'named packages and global tools need no manifest', code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm install -g serve && npm install express\nRUN pip install flask\n' },
    { name: 'build steps only', code: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /app . && go vet ./...\nRUN npm run build\n' },
    { name: 'the install reads a directory outside the copied tree', code: 'FROM node:22\nCOPY . /app\nRUN cd /opt/tool && npm ci\n' },
    { name: 'cargo-chef cooked the dependencies before the sources', code: 'FROM rust:1 AS build\nWORKDIR /app\nCOPY --from=planner /app/recipe.json recipe.json\nRUN cargo chef cook --release --recipe-path recipe.json\nCOPY . .\nRUN cargo build --release\n' },
    { name: 'node_modules come from a deps stage', code: 'FROM node:22 AS build\nWORKDIR /app\nCOPY --from=deps /app/node_modules ./node_modules\nCOPY . .\nRUN yarn install --immutable && yarn build\n' },
    { name: 'a COPY --from of a whole stage is not the build context', code: 'FROM node:22\nWORKDIR /app\nCOPY --from=src . .\nRUN npm ci\n' },
    { name: 'a yarn script, not an install', code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN yarn build\n' },
  ],
  invalid: [
    {
      name: 'npm ci after COPY . . (fix: manifests first, glob lock file)',
      code: NODE,
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 22, message: '`npm ci` at line 4 runs after `COPY . .` at line 3, so every source change reinstalls every dependency' }],
      output: 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json* ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["node", "server.js"]\n',
    },
    {
      name: 'only in a builder stage: cache order matters there too',
      code: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go mod download\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\n',
      errors: [{ line: 4, message: 'copy go.mod and go.sum first' }],
      output: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY go.mod go.sum* ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\n',
    },
    {
      name: 'install in a subdirectory after a WORKDIR: the moved COPY keeps its directory',
      code: 'FROM python:3.12-slim\nWORKDIR /srv\nCOPY . .\nWORKDIR /srv/api\nENV PIP_NO_CACHE_DIR=1\nRUN pip install -r requirements.txt\n',
      errors: [{ line: 6, message: '`pip install -r requirements.txt` at line 6 runs after `COPY . .` at line 3' }],
      output: 'FROM python:3.12-slim\nWORKDIR /srv\nCOPY api/requirements*.txt ./api/\nWORKDIR /srv/api\nENV PIP_NO_CACHE_DIR=1\nRUN pip install -r requirements.txt\nCOPY . /srv\n',
    },
    {
      name: 'flags, lower-case ADD, comments and continuations kept; setup and cache cleanup move with the install',
      code: 'FROM ruby:3.3\nWORKDIR /app\nadd --chown=app:app . /app\n# gems\nRUN bundle config set without development \\\n && bundle install \\\n && rm -rf /usr/local/bundle/cache\nCMD ["rails", "s"]\n',
      errors: [{ line: 6, message: 'copy Gemfile and Gemfile.lock first' }],
      output: 'FROM ruby:3.3\nWORKDIR /app\ncopy --chown=app:app Gemfile Gemfile.lock* /app/\n# gems\nRUN bundle config set without development \\\n && bundle install \\\n && rm -rf /usr/local/bundle/cache\nadd --chown=app:app . /app\nCMD ["rails", "s"]\n',
    },
    {
      name: 'the conditional install of the Next.js example moves whole, with every lock file it may read',
      code: 'FROM node:20-alpine\nWORKDIR /app\nCOPY . .\nRUN if [ -f yarn.lock ]; then yarn --frozen-lockfile; \\\n  elif [ -f package-lock.json ]; then npm ci; \\\n  else echo "no lock file" && exit 1; fi\n',
      errors: [{ line: 4, message: '`yarn` at line 4' }],
      output: 'FROM node:20-alpine\nWORKDIR /app\nCOPY package.json yarn.lock* package-lock.json* ./\nRUN if [ -f yarn.lock ]; then yarn --frozen-lockfile; \\\n  elif [ -f package-lock.json ]; then npm ci; \\\n  else echo "no lock file" && exit 1; fi\nCOPY . .\n',
    },
    {
      name: 'a source-independent RUN between the COPY and the install moves before the sources too',
      code: 'FROM node:16\nWORKDIR /web\nCOPY . .\nRUN npm config set registry https://registry.example.com\nRUN npm install\nRUN npm run build\n',
      errors: [{ line: 5 }],
      output: 'FROM node:16\nWORKDIR /web\nCOPY package.json package-lock.json* ./\nRUN npm config set registry https://registry.example.com\nRUN npm install\nCOPY . .\nRUN npm run build\n',
    },
    {
      name: 'cargo build: reported, no fix (cargo needs src/ even to fetch)',
      code: 'FROM rust:1\nWORKDIR /src\nCOPY . .\nRUN cargo build --release\n',
      errors: [{ line: 4, message: /downloads and rebuilds every dependency.*no automatic fix: cargo build compiles the sources.*cargo-chef/ }],
      output: null,
    },
    {
      name: 'mvn package: reported, no fix (only dependency:go-offline could move)',
      code: 'FROM maven:3-eclipse-temurin-21 AS build\nWORKDIR /app\nCOPY . .\nRUN mvn -B clean package -DskipTests\nFROM eclipse-temurin:21-jre\nCOPY --from=build /app/target/app.jar /app.jar\n',
      errors: [{ line: 4, message: 'only `mvn dependency:go-offline` can run before them' }],
      output: null,
    },
    {
      name: 'pip also installing the project itself: no fix',
      code: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt .\n',
      errors: [{ line: 4, message: 'no automatic fix: it also installs the project or a local path' }],
      output: null,
    },
    {
      name: 'install chained with a build: split only with the build context',
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\n',
      errors: [{ line: 4, message: 'offered only with the build context' }],
      output: null,
    },
    {
      name: 'a RUN that may read the sources stands between: no fix',
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN cp .env.example .env\nRUN npm ci\n',
      errors: [{ line: 5, message: 'no automatic fix: RUN at line 4 stands between the COPY and the install' }],
      output: null,
    },
    {
      name: 'commands before the install that may read or write the sources stay: no fix',
      code: 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN git submodule update --init && npm ci\n\nFROM node:22\nWORKDIR /app\nCOPY . .\nRUN echo "registry=x" > .npmrc && yarn\n',
      errors: [
        { line: 4, message: 'no automatic fix: `git submodule update --init` runs before the install in the same RUN and may need the sources' },
        { line: 9, message: 'no automatic fix: `echo registry=x` runs before the install' },
      ],
      output: null,
    },
    {
      name: '--install-links: package.json has file: dependencies (the lab case node-hello, without its context)',
      code: 'FROM debian:bookworm\nWORKDIR /app\nCOPY . .\nRUN npm install --omit=dev --install-links --no-audit --no-fund --offline\n',
      errors: [{ line: 4, message: 'no automatic fix: `--install-links` means package.json has `file:` dependencies' }],
      output: null,
    },
    {
      name: 'two ecosystems in one stage: one finding each',
      code: 'FROM python:3.12\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nRUN cd frontend && npm ci\n',
      errors: [{ line: 4 }, { line: 5, message: '`npm ci` at line 5' }],
    },
  ],
});

describe('cache-order with a build context', () => {
  const registry = new RuleRegistry([rule]);
  const config = { extends: 'all' as const };
  const run = (text: string, files: Record<string, string>) => {
    const buildContext = memoryBuildContext(files);
    const found = lintText(text, config, buildContext).findings.filter((f) => f.ruleId === rule.meta.id);
    const fixed = fixText(text, { registry, config, buildContext, unsafe: true, only: new Set([rule.meta.id]) });
    return { found, output: fixed.output };
  };

  it('the lab case node-hello: fires, but offers no fix, because the install needs the vendored file: dependency', () => {
    // ../shared/lab/cases/node-hello/before/Dockerfile
    const text =
      'FROM debian:bookworm\nRUN apt-get update\nRUN apt-get install -y nodejs npm\nWORKDIR /app\nCOPY . .\n' +
      'RUN npm install --omit=dev --install-links --no-audit --no-fund --offline\nCMD ["node", "server.js"]\n';
    const files = {
      'package.json': JSON.stringify({ name: 'node-hello', version: '1.0.0', private: true, main: 'server.js', dependencies: { greet: 'file:vendor/greet' } }, null, 2),
      'server.js': 'console.log(require("greet")("world"));\n',
      'vendor/greet/package.json': '{ "name": "greet", "version": "1.0.0", "main": "index.js" }\n',
      'vendor/greet/index.js': 'module.exports = (n) => `hello ${n}`;\n',
    };
    const { found, output } = run(text, files);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('no automatic fix: package.json has a local dependency (greet: file:vendor/greet) that the install reads from the sources');
    expect(found[0]!.fix).toBeNull();
    expect(output).toBe(text);
  });

  it('copies exactly the manifests present and splits the install from the build', () => {
    const text = 'FROM node:22 AS build\nWORKDIR /app\nCOPY --chown=node:node . .\n# deps, then the bundle\nRUN npm ci \\\n    && npm run build \\\n    && npm prune --omit=dev\n';
    const { found, output } = run(text, { 'package.json': '{"dependencies":{"express":"^4"}}', 'package-lock.json': '{}', '.npmrc': 'fund=false\n', 'src/main.ts': '' });
    expect(found).toHaveLength(1);
    expect(output).toBe(
      'FROM node:22 AS build\nWORKDIR /app\nCOPY --chown=node:node package.json package-lock.json .npmrc ./\n# deps, then the bundle\nRUN npm ci\nCOPY --chown=node:node . .\nRUN npm run build \\\n    && npm prune --omit=dev\n',
    );
    expect(run(output, { 'package.json': '{}' }).found).toEqual([]);
  });

  it.each([
    ['a postinstall script', { 'package.json': '{"scripts":{"postinstall":"node build.js"}}' }, 'has a `postinstall` script'],
    ['workspaces', { 'package.json': '{"workspaces":["packages/*"]}' }, 'declares workspaces'],
    ['a link: dependency', { 'package.json': '{"dependencies":{"ui":"link:../ui"}}' }, 'local dependency (ui: link:../ui)'],
    ['node_modules in the context, not ignored', { 'package.json': '{}', 'node_modules/x/index.js': '' }, 'the build context has node_modules'],
    ['no package.json where the install runs', { 'web/package.json': '{}' }, 'package.json is not in the build context'],
  ])('declines the fix for %s', (_name, files, reason) => {
    const { found, output } = run(NODE, files);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain(`(no automatic fix: `);
    expect(found[0]!.message).toContain(reason);
    expect(output).toBe(NODE);
  });

  it('offers the fix when --ignore-scripts skips the lifecycle scripts, and when .dockerignore keeps node_modules out', () => {
    const withScripts = run(NODE.replace('npm ci --omit=dev', 'npm ci --ignore-scripts'), { 'package.json': '{"scripts":{"prepare":"husky"}}', 'yarn.lock': '' });
    expect(withScripts.output).toContain('COPY package.json yarn.lock ./\nRUN npm ci --ignore-scripts\nCOPY . .\n');
    const ignored = run(NODE, { 'package.json': '{}', 'node_modules/x/index.js': '', '.dockerignore': 'node_modules\n' });
    expect(ignored.output).toContain('COPY package.json ./\nRUN npm ci --omit=dev\nCOPY . .\n');
  });

  it('pip: follows -r includes; declines on -e . inside a requirement file', () => {
    const text = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements/prod.txt\n';
    const included = run(text, { 'requirements/prod.txt': '-r base.txt\ngunicorn==22.0\n', 'requirements/base.txt': 'flask==3.0\n' });
    expect(included.output).toBe('FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements/prod.txt requirements/base.txt ./requirements/\nRUN pip install --no-cache-dir -r requirements/prod.txt\nCOPY . .\n');
    const editable = run(text, { 'requirements/prod.txt': 'flask\n-e .\n' });
    expect(editable.found[0]!.message).toContain('requirements/prod.txt installs from the sources (`-e .`)');
    expect(editable.output).toBe(text);
  });

  it('go: declines a replace to a directory; dotnet: copies the single project file; composer: declines its scripts', () => {
    const go = 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go mod download\n';
    expect(run(go, { 'go.mod': 'module x\nreplace example.com/lib => ./lib\n' }).found[0]!.message).toContain('go.mod replaces a module with a directory');
    expect(run(go, { 'go.mod': 'module x\n' }).output).toContain('COPY go.mod ./\nRUN go mod download\nCOPY . .\n');
    const dotnet = 'FROM mcr.microsoft.com/dotnet/sdk:8.0\nWORKDIR /src\nCOPY . .\nRUN dotnet restore\n';
    expect(run(dotnet, { 'App.csproj': '<Project Sdk="Microsoft.NET.Sdk"></Project>', 'nuget.config': '<configuration/>' }).output).toContain('COPY App.csproj nuget.config ./\nRUN dotnet restore\nCOPY . .\n');
    const composer = 'FROM composer:2\nWORKDIR /app\nCOPY . .\nRUN composer install --no-dev\n';
    expect(run(composer, { 'composer.json': '{"scripts":{"post-autoload-dump":["@php artisan package:discover"]}}', 'composer.lock': '{}' }).found[0]!.message).toContain('has a `post-autoload-dump` script');
  });
});

describe('cache-order fixture', () => {
  it('fixes fixtures/cache-order/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/cache-order');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(fixedBy(rule, fixed, { code: fixed })).toBe(fixed);
    expect(findingsFor(rule, fixed).length).toBeLessThan(findingsFor(rule, bad).length);
  });
});
