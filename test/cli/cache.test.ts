import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineRule, RuleRegistry } from '../../src/engine';
import { createDefaultRegistry } from '../../src/index';
import { type CommandIO, runLint } from '../../src/cli/lintCommand';
import { LintCache } from '../../src/cli/lintCache';
import { directoryBuildContext } from '../../src/cli/buildContext';
import { runDfopt, tempProject } from '../support/cli';

// The signal that a file was linted (not answered from the cache): this rule's create() runs once per lint.
let lints = 0;
const counter = defineRule({
  meta: {
    id: 'lint-counter',
    aliases: [],
    category: 'style',
    severity: 'info',
    fix: 'none',
    docs: { summary: 'Counts lints (test only).', rationale: '', bad: '', good: '' },
  },
  create() {
    lints++;
    return {};
  },
});
const registry = new RuleRegistry([...createDefaultRegistry().rules, counter], { withBuiltins: false });

/** One `dfopt lint --cache` run over `paths` (absolute); returns what it printed and how many files it linted. */
function lintCached(dir: string, paths: string[], extra: { cacheLocation?: string; format?: 'stylish' | 'json' } = {}) {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readStdin: () => Buffer.alloc(0) };
  const before = lints;
  const code = runLint(
    {
      paths,
      stdin: false,
      rule: ['lint-counter=info'],
      format: extra.format ?? 'json',
      maxWarnings: -1,
      quiet: false,
      color: false,
      cache: true,
      cacheLocation: extra.cacheLocation ?? join(dir, '.dfoptcache'),
    },
    registry,
    io,
  );
  return { code, stdout, stderr, linted: lints - before };
}

const APP = 'FROM node:22\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n';
const TOOL = 'FROM alpine:3.20\nRUN apk add curl\n';

function project() {
  const dir = tempProject({
    'app/Dockerfile': APP,
    'app/server.js': '',
    'tool/Dockerfile': TOOL,
  });
  return { dir, app: join(dir, 'app', 'Dockerfile'), tool: join(dir, 'tool', 'Dockerfile') };
}

describe('dfopt lint --cache', () => {
  it('lints every file once, then nothing while nothing changed, with the same report', () => {
    const { dir, app, tool } = project();
    const first = lintCached(dir, [app, tool]);
    expect(first.linted).toBe(2);
    const second = lintCached(dir, [app, tool]);
    expect(second.linted).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(second.code).toBe(first.code);
    // No temp file left behind by the atomic write.
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('re-lints a file whose content changed, and only that one', () => {
    const { dir, app, tool } = project();
    lintCached(dir, [app, tool]);
    writeFileSync(tool, 'FROM alpine:latest\n');
    const r = lintCached(dir, [app, tool]);
    expect(r.linted).toBe(1);
    expect(r.stdout).toContain('pin-base-image');
    expect(lintCached(dir, [app, tool]).linted).toBe(0);
  });

  it('re-lints when the config changes', () => {
    const { dir, app, tool } = project();
    lintCached(dir, [app, tool]);
    writeFileSync(join(dir, '.dfopt.yaml'), 'rules:\n  clean-package-cache: off\n');
    const r = lintCached(dir, [app, tool]);
    expect(r.linted).toBe(2);
    expect(r.stdout).not.toContain('clean-package-cache');
  });

  it('re-lints a file whose build context answers differently, not the others', () => {
    const { dir, app, tool } = project();
    const before = lintCached(dir, [app, tool]);
    expect(before.stdout).not.toContain('.env');
    // A secret appears in app's context: `COPY . .` now copies it.
    writeFileSync(join(dir, 'app', '.env'), 'TOKEN=x\n');
    const r = lintCached(dir, [app, tool]);
    expect(r.linted).toBe(1);
    expect(r.stdout).toContain('.env');
    // A .dockerignore that keeps it out: re-linted again, and the finding goes.
    writeFileSync(join(dir, 'app', '.dockerignore'), '.env\n');
    const after = lintCached(dir, [app, tool]);
    expect(after.linted).toBe(1);
    expect(after.stdout).not.toContain('.env (');
  });

  it('two Dockerfiles sharing a context both notice a change found by the walk one of them made', () => {
    const dir = tempProject({ 'a.Dockerfile': APP, 'b.Dockerfile': APP, 'server.js': '' });
    const files = [join(dir, 'a.Dockerfile'), join(dir, 'b.Dockerfile')];
    expect(lintCached(dir, files).linted).toBe(2);
    expect(lintCached(dir, files).linted).toBe(0);
    writeFileSync(join(dir, 'id_rsa'), 'key\n');
    const r = lintCached(dir, files);
    expect(r.linted).toBe(2);
    expect(r.stdout.match(/id_rsa/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('a different dfopt version (or rule set) discards every entry', () => {
    const { dir, app } = project();
    const location = join(dir, 'cache');
    const text = readFileSync(app, 'utf8');
    const context = directoryBuildContext(join(dir, 'app'), app);
    let linted = 0;
    const lint = () => {
      linted++;
      return [];
    };
    const use = (version: string, reg = registry) => {
      const cache = LintCache.open(location, { version, registry: reg });
      cache.findings(app, text, {}, context, lint);
      expect(cache.save()).toBeNull();
    };
    use('1.0.0');
    use('1.0.0');
    expect(linted).toBe(1);
    use('1.0.1');
    expect(linted).toBe(2);
    use('1.0.1', createDefaultRegistry());
    expect(linted).toBe(3);
  });

  it.each([
    ['garbage bytes', Buffer.from([0xff, 0x00, 0x7b, 0x22])],
    ['truncated JSON', '{"format":"dfopt-lint-cache/1","header":"x","entries":[["/a",{'],
    ['JSON of another shape', '[1,2,3]'],
    ['an empty file', ''],
  ])('ignores a cache file of %s, lints everything and replaces it', (_label, content) => {
    const { dir, app, tool } = project();
    const clean = lintCached(dir, [app, tool], { cacheLocation: join(dir, 'fresh') });
    writeFileSync(join(dir, '.dfoptcache'), content);
    const r = lintCached(dir, [app, tool]);
    expect([r.linted, r.stderr, r.stdout]).toEqual([2, '', clean.stdout]);
    expect(lintCached(dir, [app, tool]).linted).toBe(0);
  });

  it('drops hostile entries that carry the right keys but findings of the wrong shape', () => {
    const { dir, app, tool } = project();
    const clean = lintCached(dir, [app, tool]);
    const file = join(dir, '.dfoptcache');
    const cache = JSON.parse(readFileSync(file, 'utf8')) as { entries: Array<[string, { findings: unknown[] }]> };
    const [first, second] = cache.entries;
    first![1].findings = [{ ruleId: 'x', severity: 'fatal', message: 7, range: null, __proto__: { polluted: true } }];
    second![1].findings = [{ ...(second![1].findings[0] as object), range: { start: { line: 0, column: 0, offset: 0 }, end: { line: 9, column: 0, offset: 1e9 } } }];
    writeFileSync(file, JSON.stringify(cache));
    const r = lintCached(dir, [app, tool]);
    expect([r.linted, r.stderr, r.stdout]).toEqual([2, '', clean.stdout]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a cache that cannot be written is a note, not a failure', () => {
    const { dir, app, tool } = project();
    const clean = lintCached(dir, [app, tool], { cacheLocation: join(dir, 'fresh') });
    const r = lintCached(dir, [app, tool], { cacheLocation: join(dir, 'missing-dir', 'cache') });
    expect(r.code).toBe(clean.code);
    expect(r.stdout).toBe(clean.stdout);
    expect(r.stderr).toMatch(/^dfopt: note: .*missing-dir.cache: cannot write the cache \(no such file or directory\); the next run lints every file again\n$/);
  });

  // `--cache-location Dockerfile` replaced the Dockerfile with the cache. Only a missing or empty file, or a cache file
  // (of any format version), is replaced; anything else is left as it was, with a note, and the run lints as usual.
  it.each([
    ['a Dockerfile: left as it was', TOOL, false],
    ['a JSON file of something else: left as it was', '{"format":"other"}\n', false],
    ['an empty file: replaced', '', true],
    ['a cache of another format version: replaced', '{"format":"dfopt-lint-cache/0","entries":[]}', true],
  ])('--cache-location naming %s', (_label, content, replaced) => {
    const { dir, app, tool } = project();
    const location = join(dir, 'tool', 'other.Dockerfile');
    writeFileSync(location, content);
    const run = lintCached(dir, [app, tool], { cacheLocation: location });
    expect(run.linted).toBe(2);
    if (replaced) {
      expect(run.stderr).toBe('');
      expect(readFileSync(location, 'utf8')).toMatch(/^\{"format":"dfopt-lint-cache\/1",/);
    } else {
      expect(run.stderr).toBe(`dfopt: note: ${location}: not replaced by the cache: it is not a dfopt cache file (give --cache-location a file of its own or a directory); every file was linted\n`);
      expect(readFileSync(location, 'utf8')).toBe(content);
    }
  });

  it('--cache-location naming a directory keeps .dfoptcache in it', () => {
    const { dir, app } = project();
    lintCached(dir, [app], { cacheLocation: `${join(dir, 'app')}/` });
    expect(existsSync(join(dir, 'app', '.dfoptcache'))).toBe(true);
  });
});

describe('dfopt lint --cache (the CLI)', () => {
  it('writes .dfoptcache in the current directory and prints the same report from it', () => {
    const { dir } = project();
    const first = runDfopt(['lint', '--cache', '--no-color', 'app', 'tool'], { cwd: dir });
    expect(existsSync(join(dir, '.dfoptcache'))).toBe(true);
    const second = runDfopt(['lint', '--cache', '--no-color', 'app', 'tool'], { cwd: dir });
    expect([second.code, second.stdout, second.stderr]).toEqual([first.code, first.stdout, first.stderr]);
    expect(first.stdout).toContain('clean-package-cache');
    rmSync(dir, { recursive: true, force: true });
  });
});
