import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FixCommandOptions, runFix } from '../../src/cli/fixCommand';
import { createDefaultRegistry } from '../../src';
import type { ImageBuilder } from '../../src/verify';
import { runDfopt, tempProject } from '../support/cli';

// `fix --verify` builds the image twice, minutes in which the user may well go on editing the Dockerfile (or the
// .dockerignore a fix appends to). The fixed text, made from what dfopt read, then replaced the file: the edits were
// lost. Every file a fix writes is now checked against what dfopt read just before anything is written.
const CHAINABLE = 'FROM alpine:3.19\nWORKDIR /app\nCOPY . .\nRUN apk add --no-cache curl\nRUN apk add --no-cache git\n';
const EDITED = 'FROM alpine:3.19\n# the user was here\n';
const SECRETS = 'FROM alpine:3.19\nWORKDIR /app\nCOPY . .\n';

const options = (file: string, builder: ImageBuilder): FixCommandOptions => ({
  paths: [file],
  stdin: false,
  rule: [],
  dryRun: false,
  check: false,
  unsafe: true,
  only: [],
  color: false,
  verify: true,
  findBuilder: () => ({ builder }),
});

/** A builder whose second build (the fixed image) happens while someone writes `path`. */
const editingBuilder = (path: string, text: string): ImageBuilder => {
  let builds = 0;
  return {
    name: 'fake',
    build: () => {
      if (++builds === 2) writeFileSync(path, text);
      return { ok: true, log: '' };
    },
    run: () => ({ code: 0, output: 'same\n' }),
    measure: () => ({ bytes: null, layers: null }),
    remove: () => undefined,
  };
};

const capture = () => {
  const err: string[] = [];
  return { err, io: { stdout: () => undefined, stderr: (t: string) => void err.push(t), readStdin: () => Buffer.alloc(0) } };
};

describe('a file edited while fix --verify built the images', () => {
  it('the Dockerfile: the edit is kept, nothing is written', () => {
    const dir = tempProject({ Dockerfile: CHAINABLE, '.dockerignore': 'node_modules\n', id_rsa: 'key\n' });
    const file = join(dir, 'Dockerfile');
    const { err, io } = capture();
    expect(runFix(options(file, editingBuilder(file, EDITED)), createDefaultRegistry(), io)).toBe(2);
    expect(err).toEqual([`dfopt: ${file}: not fixed: it changed since dfopt read it; nothing was written\n`]);
    expect(readFileSync(file, 'utf8')).toBe(EDITED);
    expect(readFileSync(join(dir, '.dockerignore'), 'utf8')).toBe('node_modules\n');
  });

  it('the .dockerignore a fix appends to: neither file is written', () => {
    const dir = tempProject({ Dockerfile: CHAINABLE, '.dockerignore': 'node_modules\n', id_rsa: 'key\n' });
    const file = join(dir, 'Dockerfile');
    const { err, io } = capture();
    expect(runFix(options(file, editingBuilder(join(dir, '.dockerignore'), 'node_modules\n.git\n')), createDefaultRegistry(), io)).toBe(2);
    expect(err).toEqual([`dfopt: ${file}: not fixed: ${join(dir, '.dockerignore')} changed since dfopt read it; nothing was written\n`]);
    expect(readFileSync(file, 'utf8')).toBe(CHAINABLE);
    expect(readFileSync(join(dir, '.dockerignore'), 'utf8')).toBe('node_modules\n.git\n');
  });

  it('neither edited: both written', () => {
    const dir = tempProject({ Dockerfile: CHAINABLE, '.dockerignore': 'node_modules\n', id_rsa: 'key\n' });
    const file = join(dir, 'Dockerfile');
    const { err, io } = capture();
    expect(runFix(options(file, editingBuilder(join(dir, 'unrelated'), 'x\n')), createDefaultRegistry(), io)).toBe(0);
    expect(err).toEqual([]);
    expect(readFileSync(file, 'utf8')).toContain('curl \\\n && apk add --no-cache git');
    expect(readFileSync(join(dir, '.dockerignore'), 'utf8')).toBe('node_modules\nid_rsa*\n');
  });
});

// The check above, at its first landing, took dfopt's own earlier write for someone else's edit: one run fixing two
// names of one file (a Dockerfile and a symbolic link to it), or two Dockerfiles whose fixes both add to one
// .dockerignore, ended in "changed since dfopt read it" and exit 2. A file that already holds what the fix would
// write is not a lost change; and a context dfopt wrote into is read afresh for the next Dockerfile, which before
// this was linted against the old .dockerignore and appended the same lines a second time.
describe("one run's own writes", () => {
  it('two names of one Dockerfile: both fixed, exit 0', () => {
    const dir = tempProject({ Dockerfile: CHAINABLE });
    symlinkSync('Dockerfile', join(dir, 'link.Dockerfile'));
    const r = runDfopt(['fix', 'Dockerfile', 'link.Dockerfile'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toContain('curl \\\n && apk add --no-cache git');
  });

  it('two Dockerfiles needing the same .dockerignore lines: added once, by the first', () => {
    const dir = tempProject({ Dockerfile: SECRETS, 'app.Dockerfile': SECRETS, '.dockerignore': 'node_modules\n', id_rsa: 'key\n' });
    const r = runDfopt(['fix', '--unsafe', 'Dockerfile', 'app.Dockerfile'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 files, changed 1 (1 fix)');
    expect(readFileSync(join(dir, '.dockerignore'), 'utf8')).toBe('node_modules\nid_rsa*\n');
  });
});
