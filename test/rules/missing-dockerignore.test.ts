import rule from '../../rules/size/missing-dockerignore';
import type { LintConfig } from '../../src/engine';
import { fixText } from '../../src/fix';
import { createDefaultRegistry, lintText } from '../../src/index';
import { memoryBuildContext } from '../support/memoryBuildContext';

const registry = createDefaultRegistry();
const config: LintConfig = { extends: 'all' };
const NODE = 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n';
const GO = 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nCMD ["/app"]\n';

const findings = (text: string, files: Record<string, string> | null) =>
  lintText(text, config, files ? memoryBuildContext(files) : undefined).findings.filter((f) => f.ruleId === rule.meta.id);

describe('missing-dockerignore', () => {
  it.each([
    ['no .dockerignore, .git and .env in the context', NODE, { '.git/HEAD': 'x', '.env': 'A=1', 'server.js': '' }, 'which has no .dockerignore, so .git (the repository history), .env (secrets) go into the image'],
    ['a .dockerignore that misses node_modules the image installs itself', NODE, { '.dockerignore': '.git\n', '.git/HEAD': 'x', 'node_modules/a/i.js': '', 'server.js': '' }, '.dockerignore does not exclude node_modules'],
    ['keys and caches anywhere below', 'FROM python:3.12-slim\nCOPY . /srv\nCMD ["python", "/srv/app.py"]\n', { 'certs/server.pem': 'k', 'pkg/__pycache__/m.pyc': '', 'app.py': '' }, '*.pem (keys), **/__pycache__ (bytecode caches)'],
    ['ADD of the whole context, logs at the top', 'FROM alpine:3.20\nADD . /opt/app\n', { 'debug.log': '', 'run.sh': '' }, 'ADD at line 2 copies the whole build context'],
    ['dist built in the image', 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci && npm run build\nCMD ["node", "dist/main.js"]\n', { 'dist/main.js': '', 'package.json': '{}' }, 'dist (host build output the image builds itself)'],
  ])('fires: %s', (_name, text, files, message) => {
    const found = findings(text, files);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain(message);
  });

  it.each([
    ['no build context (--stdin)', NODE, null],
    ['everything unwanted is ignored', NODE, { '.dockerignore': '.git\nnode_modules\n.env\n', '.git/HEAD': 'x', '.env': '', 'node_modules/a/i.js': '' }],
    ['only specific files are copied', 'FROM node:22-slim\nCOPY package.json server.js ./\n', { '.git/HEAD': 'x', '.env': '' }],
    ['only a builder stage copies the context', GO, { '.git/HEAD': 'x', '.env': '' }],
    ['node_modules the image does not install (vendored on purpose)', 'FROM node:22-slim\nCOPY . .\nCMD ["node", "s.js"]\n', { 'node_modules/a/i.js': '', 's.js': '' }],
    ['a COPY names .env explicitly, so it is wanted', 'FROM alpine:3.20\nCOPY .env /etc/app.env\nCOPY . /app\n', { '.env': 'A=1', 'x': '' }],
    ['the Dockerfile-specific ignore file is the one in use', NODE, { 'Dockerfile.dockerignore': '.git\n.env\n', '.git/HEAD': 'x', '.env': '' }],
  ])('stays silent: %s', (_name, text, files) => {
    const context = files ? memoryBuildContext(files, 'Dockerfile') : undefined;
    expect(lintText(text, config, context).findings.filter((f) => f.ruleId === rule.meta.id)).toEqual([]);
  });

  it('fix (unsafe): appends exactly the missing entries, keeping what is there, and is then quiet', () => {
    const files = { '.dockerignore': '# mine\n*.tmp', '.git/HEAD': 'x', '.env': 'A=1', 'id_rsa': 'k', 'server.js': '' };
    const result = fixText(NODE, { registry, config, buildContext: memoryBuildContext(files), unsafe: true, only: new Set([rule.meta.id]) });
    expect(result.output).toBe(NODE); // the Dockerfile itself is untouched
    expect([...result.files]).toEqual([['.dockerignore', { before: '# mine\n*.tmp', after: '# mine\n*.tmp\n.git\n.env\nid_rsa*\n' }]]);
    expect(result.applied.get(rule.meta.id)).toBe(1);
    expect(result.findings.filter((f) => f.ruleId === rule.meta.id)).toEqual([]);
  });

  // A .dockerignore keeps its line endings: CRLF lines are appended to a CRLF file, and lone carriage returns that end
  // a file stay last (a line break written after one would make a CRLF of it).
  it.each([
    ['# mine\r\n*.tmp\r\n', '# mine\r\n*.tmp\r\n.git\r\n'],
    ['# mine\r\n*.tmp', '# mine\r\n*.tmp\r\n.git\r\n'],
    ['# mine\n*.tmp\n\r', '# mine\n*.tmp\n.git\n\r'],
    ['*.tmp\r', '*.tmp\n.git\n\r'],
  ])('fix (unsafe) appends to %j as %j', (before, after) => {
    const context = memoryBuildContext({ '.dockerignore': before, '.git/HEAD': 'x', 'server.js': '' });
    const result = fixText(NODE, { registry, config, buildContext: context, unsafe: true, only: new Set([rule.meta.id]) });
    expect(result.files.get('.dockerignore')).toEqual({ before, after });
  });

  it('fix creates .dockerignore when there is none; not offered without --unsafe', () => {
    const context = memoryBuildContext({ '.git/HEAD': 'x', 'server.js': '' });
    const unsafe = fixText(NODE, { registry, config, buildContext: context, unsafe: true });
    expect(unsafe.files.get('.dockerignore')).toEqual({ before: null, after: '.git\n' });
    expect(fixText(NODE, { registry, config, buildContext: context }).files.size).toBe(0);
  });
});
