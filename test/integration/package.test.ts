// The npm package as a user gets it: `npm pack` (which runs the `prepare` build), then the tarball installed into an
// empty directory from the registry like any dependency, and `npx dfopt` run there. Slow (registry), so it is in
// test/integration (`npm run test:integration`), not in `npm test`.
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

function run(command: string, args: string[], options: SpawnSyncOptions) {
  const r = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (r.error) throw r.error;
  return { code: r.status, stdout: String(r.stdout), stderr: String(r.stderr) };
}

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

describe('the npm package', () => {
  const work = mkdtempSync(join(tmpdir(), 'dfopt-package-'));
  let pack: PackResult;

  beforeAll(() => {
    const r = run('npm', ['pack', '--json', '--pack-destination', work], { cwd: ROOT });
    expect(r.code).toBe(0);
    // npm prints the lifecycle scripts' banners before the JSON on some versions: parse from the JSON array on.
    pack = (JSON.parse(r.stdout.slice(r.stdout.search(/^\[/m))) as [PackResult])[0];
  });

  it('holds what a user runs and nothing of the development tree', () => {
    const paths = pack.files.map((f) => f.path).sort();
    for (const needed of ['LICENSE', 'README.md', 'CHANGELOG.md', 'package.json', 'bin/dfopt.js', 'dist/cli.js', 'dist/lsp.js', 'dist/index.js', 'dist/index.mjs', 'dist/index.d.ts', 'docs/rules/pin-base-image.md']) {
      expect(paths).toContain(needed);
    }
    // Only the runtime tree (bin/, dist/) and the rule pages `dfopt explain` points at offline, besides the top-level
    // files: no sources, tests, fixtures or lab cases, and not the GitHub Action's bundle (the action runs from a checkout).
    expect(paths.filter((p) => p.includes('/') && !/^(bin|dist|docs\/rules)\//.test(p))).toEqual([]);
    expect(paths).not.toContain('dist/action.js');
    // No source map (2.2 MB, for stack traces only) and no V8 code cache (fits only the Node that built it).
    expect(paths.filter((p) => /\.(map|cache)$/.test(p))).toEqual([]);
    // 707 kB packed at ebf7e15 (682 kB at aa805a7, 641 kB when this bound was set; the growth is rule code in both
    // bundles and rule pages): the CLI's minified bundle (self-contained, for its code cache) and the library's readable
    // one each hold the engine and the 82 kB Debian size table; the language server's bundle holds only src/lsp and
    // takes the engine from the library's (scripts/build.js). It was 870 kB when dist/lsp.js had an engine of its own.
    // No room for a map or node_modules.
    expect(pack.size).toBeLessThan(760_000);
    console.log(`${pack.filename}: ${pack.size} bytes packed, ${pack.unpackedSize} unpacked\n${pack.files.map((f) => `  ${f.size}\t${f.path}`).join('\n')}`);
  });

  it('installs into an empty directory with its runtime dependencies only, and `npx dfopt` runs there', () => {
    const app = join(work, 'app');
    mkdirSync(app);
    const install = run('npm', ['install', '--no-audit', '--no-fund', join(work, pack.filename)], { cwd: app });
    expect(install.stderr).not.toMatch(/ERR!/);
    expect(install.code).toBe(0);
    const installed = join(app, 'node_modules', 'dfopt');
    expect(JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')).version).toBe(version);
    // The build tools stay behind: a user's install fetches yargs, yaml, … but not esbuild, jest or typescript.
    expect(existsSync(join(app, 'node_modules', 'yargs'))).toBe(true);
    for (const dev of ['esbuild', 'jest', 'typescript']) expect(existsSync(join(app, 'node_modules', dev))).toBe(false);

    // --no: use the installed bin, never fetch a package of that name from the registry; -- keeps --version ours.
    const npx = (...args: string[]) => run('npx', ['--no', '--', 'dfopt', ...args], { cwd: app, env: { ...process.env, NO_COLOR: '1' } });
    expect(npx('--version').stdout.trim()).toBe(version);

    writeFileSync(join(app, 'Dockerfile'), 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\nCMD ["sh"]\n');
    const lint = npx('lint', 'Dockerfile');
    expect(lint.code).toBe(1);
    expect(lint.stdout).toMatch(/2:1 +error +MAINTAINER at line 2 is deprecated.* +no-maintainer$/m);
    // yaml is required lazily (config files): a config in the directory proves the external dependency resolves.
    writeFileSync(join(app, '.dfopt.yaml'), 'rules:\n  no-maintainer: off\n');
    expect(npx('lint', 'Dockerfile')).toMatchObject({ code: 0, stderr: '' });

    // The package ships no code cache; the first run wrote one for this Node beside the bundle, later runs use it.
    const cache = join(installed, 'dist', 'cli.js.cache');
    expect(readdirSync(join(installed, 'dist')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const written = statSync(cache).mtimeMs;
    expect(npx('lint', 'Dockerfile').code).toBe(0);
    expect(statSync(cache).mtimeMs).toBe(written); // accepted by V8, so not rewritten
  });

  it('is a library too: require and import without side effects, and types a TypeScript consumer compiles against', () => {
    const app = join(work, 'app');
    const node = (...args: string[]) => run(process.execPath, args, { cwd: app });
    expect(node('-e', "require('dfopt')")).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(node('--input-type=module', '-e', "import { lint } from 'dfopt'; console.log(lint('FROM ubuntu\\n').findings[0].code)")).toEqual({
      code: 0,
      stdout: 'DL3006\n',
      stderr: '',
    });
    writeFileSync(
      join(app, 'consumer.ts'),
      [
        "import { fix, lint, loadConfig, rules, type Finding } from 'dfopt';",
        "const findings: readonly Finding[] = lint('FROM ubuntu\\n', { config: loadConfig('.') }).findings;",
        "const output: string = fix('from alpine:3.20\\n').output;",
        'const ids: string[] = rules.map((r) => r.id);',
        'console.log(findings.length, output, ids.length);',
        '',
      ].join('\n'),
    );
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const compiled = node(tsc, '--noEmit', '--strict', '--module', 'node16', '--moduleResolution', 'node16', '--types', 'node', '--typeRoots', join(ROOT, 'node_modules', '@types'), 'consumer.ts');
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(compiled.code).toBe(0);
  });
});
