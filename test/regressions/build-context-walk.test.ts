import fs, { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BuildContextCache } from '../../src/cli/buildContext';
import { runLint } from '../../src/cli/lintCommand';
import type { BuildContext } from '../../src/engine';
import { createDefaultRegistry, lintText } from '../../src';
import { memoryBuildContext } from '../support/memoryBuildContext';

// Issue 18, defect 5: missing-dockerignore listed the context and stat'ed each entry once per pattern (five
// top-level checks, four depth-4 walks), and every Dockerfile made its own context, so N Dockerfiles in one
// directory cost O(N²) stat calls: 64 % of a 1,000-file lint was in stat.
const NODE = 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n';
const missingDockerignore = (text: string, context: BuildContext) =>
  lintText(text, { extends: 'all' }, context).findings.filter((f) => f.ruleId === 'missing-dockerignore');

/** Counts what a lint asks of the context, per path. */
function counting(context: BuildContext) {
  const lists = new Map<string, number>();
  const stats = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const counted: BuildContext = {
    ...context,
    list: (dir) => (bump(lists, dir), context.list(dir)),
    stat: (path) => (bump(stats, path), context.stat(path)),
    read: (path) => context.read(path),
  };
  return { counted, lists, stats };
}

describe('the build context is walked once', () => {
  it('one lint lists each directory and stats each path at most once', () => {
    const files: Record<string, string> = { '.git/HEAD': 'x', 'server.js': '', 'certs/server.pem': 'k' };
    for (let d = 0; d < 5; d++) for (let f = 0; f < 5; f++) files[`pkg${d}/sub/file${f}.js`] = '';
    const { counted, lists, stats } = counting(memoryBuildContext(files));
    expect(missingDockerignore(NODE, counted)).toHaveLength(1);
    expect([...lists].filter(([, n]) => n > 1)).toEqual([]);
    expect([...stats].filter(([, n]) => n > 1)).toEqual([]);
  });

  it('a CLI run over many Dockerfiles in one directory reads that directory once for all of them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dfopt-walk-'));
    for (let i = 0; i < 30; i++) writeFileSync(join(dir, `app${i}.Dockerfile`), NODE);
    for (let d = 0; d < 10; d++) {
      mkdirSync(join(dir, `pkg${d}`));
      for (let f = 0; f < 10; f++) writeFileSync(join(dir, `pkg${d}`, `file${f}.js`), '');
    }
    writeFileSync(join(dir, '.env'), 'TOKEN=x\n');
    const readdir = jest.spyOn(fs, 'readdirSync');
    const stat = jest.spyOn(fs, 'statSync');
    const out: string[] = [];
    try {
      const code = runLint(
        { paths: [dir], stdin: false, rule: [], format: 'json', maxWarnings: -1, quiet: false, color: false },
        createDefaultRegistry(),
        { stdout: (t) => void out.push(t), stderr: (t) => void out.push(t), readStdin: () => Buffer.alloc(0) },
      );
      expect(code).toBe(0);
      const reportsOf = JSON.parse(out.join('')) as Array<{ findings: Array<{ rule: string }> }>;
      expect(reportsOf.filter((r) => r.findings.some((f) => f.rule === 'missing-dockerignore'))).toHaveLength(30);
      const rootListings = readdir.mock.calls.filter(([p]) => String(p) === dir).length;
      // Once to find the Dockerfiles, once as their build context.
      expect(rootListings).toBeLessThanOrEqual(2);
      const entryStats = stat.mock.calls.filter(([p]) => String(p).startsWith(`${dir}/pkg`)).length;
      expect(entryStats).toBeLessThanOrEqual(110);
    } finally {
      readdir.mockRestore();
      stat.mockRestore();
    }
  });
});

describe('the walk is bounded', () => {
  it('stops at 10,000 entries and says so when it reports', () => {
    const files: Record<string, string> = { '.env': 'A=1' };
    for (let i = 0; i < 10_050; i++) files[`src/f${String(i).padStart(5, '0')}.js`] = '';
    files['zz/id_rsa'] = 'k'; // past the bound in name order
    const [finding] = missingDockerignore(NODE, memoryBuildContext(files));
    expect(finding?.message).toContain('.env (secrets)');
    expect(finding?.message).not.toContain('id_rsa');
    expect(finding?.message).toContain('looked at the first 10,000 entries of the context only');
  });

  it('the CLI notes once when a context is too large to list whole', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dfopt-walk-'));
    for (let d = 0; d < 3; d++) {
      mkdirSync(join(dir, `pkg${d}`));
      for (let f = 0; f < 10; f++) writeFileSync(join(dir, `pkg${d}`, `file${f}.js`), '');
    }
    const notes: string[] = [];
    const cache = new BuildContextCache({ maxEntries: 12, onLimit: (m) => notes.push(m) });
    for (let i = 0; i < 3; i++) lintText(NODE, { extends: 'all' }, cache.get(dir, join(dir, `app${i}.Dockerfile`)));
    expect(notes).toEqual([`build context ${dir} has more than 12 entries; checks that read it (.dockerignore, missing-dockerignore) saw only part of it`]);
  });
});

describe('reading a file that is not there', () => {
  // Profiled over the corpus: 3.7 % of the CLI was readFileSync throwing ENOENT for `<Dockerfile>.dockerignore`,
  // once per Dockerfile. A directory the run has listed in full answers without a read.
  it('asks the file system nothing once the directory is listed, and still reads what is there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dfopt-read-'));
    writeFileSync(join(dir, '.dockerignore'), 'node_modules\n');
    const context = new BuildContextCache().get(dir, join(dir, 'app.Dockerfile'));
    const read = jest.spyOn(fs, 'readFileSync');
    const exists = jest.spyOn(fs, 'existsSync');
    try {
      // Not listed yet: the file system is asked, with existsSync, which does not throw.
      expect(context.read('app.Dockerfile.dockerignore')).toBeNull();
      expect([exists.mock.calls.length, read.mock.calls.length]).toEqual([1, 0]);
      context.list('.');
      expect(context.read('other.Dockerfile.dockerignore')).toBeNull();
      expect([exists.mock.calls.length, read.mock.calls.length]).toEqual([1, 0]);
      expect(context.read('.dockerignore')).toBe('node_modules\n');
      expect([exists.mock.calls.length, read.mock.calls.length]).toEqual([1, 1]);
    } finally {
      read.mockRestore();
      exists.mockRestore();
    }
  });

  it('reads from the file system in a directory the limits cut short', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dfopt-read-'));
    for (let f = 0; f < 5; f++) writeFileSync(join(dir, `file${f}`), `${f}`);
    const context = new BuildContextCache({ maxEntries: 0, onLimit: () => {} }).get(dir);
    expect(context.list('.')).toEqual([]);
    expect(context.read('file3')).toBe('3');
  });
});
