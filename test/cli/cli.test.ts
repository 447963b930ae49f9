import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(__dirname, '..', '..', 'bin', 'dfopt.js');

function dfopt(args: string[], options: { cwd?: string; input?: string | Buffer; env?: Record<string, string> } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (!options.env?.FORCE_COLOR) delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd, input: options.input, env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'dfopt-cli-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const UNTAGGED = 'FROM ubuntu\nRUN echo hi\n';
const CLEAN = 'FROM alpine:3.20\nCMD ["sh"]\n';

describe('--build-arg BUILDKIT_DOCKERFILE_CHECK', () => {
  it("replaces the file's # check= directive, as BuildKit does", () => {
    const dir = project({ Dockerfile: '# check=skip=all\nFROM scratch as base\nCOPY a /a\n' });
    expect(dfopt(['-f', 'json', 'Dockerfile'], { cwd: dir }).stdout).not.toContain('from-as-casing');
    const r = dfopt(['-f', 'json', '--build-arg', 'BUILDKIT_DOCKERFILE_CHECK=skip=ConsistentInstructionCasing;error=true', 'Dockerfile'], { cwd: dir });
    expect(r.code).toBe(1);
    const findings = (JSON.parse(r.stdout) as Array<{ findings: Array<{ rule: string; severity: string }> }>).flatMap((f) => f.findings);
    expect(findings.filter((m) => m.rule === 'from-as-casing').map((m) => m.severity)).toEqual(['error']);
  });

  // docker build --build-arg NAME: the value of the environment variable NAME, and no build argument when it is unset.
  it.each([
    ['set in the environment', { BUILDKIT_DOCKERFILE_CHECK: 'skip=ConsistentInstructionCasing;error=true' }, 1, ['error']],
    ['not in the environment', {}, 0, []],
  ])('a NAME alone takes its value from the environment: %s', (_, env: Record<string, string>, code, severities) => {
    const dir = project({ Dockerfile: '# check=skip=all\nFROM scratch as base\nCOPY a /a\n' });
    const r = dfopt(['-f', 'json', '--build-arg', 'BUILDKIT_DOCKERFILE_CHECK', 'Dockerfile'], { cwd: dir, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(code);
    const findings = (JSON.parse(r.stdout) as Array<{ findings: Array<{ rule: string; severity: string }> }>).flatMap((f) => f.findings);
    expect(findings.filter((m) => m.rule === 'from-as-casing').map((m) => m.severity)).toEqual(severities);
  });
});

describe('dfopt lint', () => {
  it('prints file:line:col, severity, message and rule id, then a summary; exit 0 for warnings only', () => {
    const dir = project({ Dockerfile: UNTAGGED });
    const r = dfopt(['lint', 'Dockerfile', '--no-color'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Dockerfile$/m);
    expect(r.stdout).toMatch(/ {2}1:6 {2}warning {2}Base image 'ubuntu' has no tag.* {2}pin-base-image$/m);
    expect(r.stdout).toContain('1 problem (0 errors, 1 warning, 0 info)');
  });

  it('lint is the default command and the current directory the default path', () => {
    const dir = project({ Dockerfile: UNTAGGED });
    expect(dfopt(['--no-color'], { cwd: dir }).stdout).toContain('pin-base-image');
  });

  it('--format json prints exactly the documented shape', () => {
    const dir = project({ Dockerfile: UNTAGGED });
    const r = dfopt(['--format', 'json', 'Dockerfile'], { cwd: dir });
    expect(JSON.parse(r.stdout)).toEqual([
      {
        file: 'Dockerfile',
        findings: [
          {
            rule: 'pin-base-image',
            aliases: ['DL3006', 'DL3007'],
            code: 'DL3006',
            codes: ['DL3006'],
            severity: 'warning',
            line: 1,
            column: 6,
            endLine: 1,
            endColumn: 12,
            message: expect.stringContaining("'ubuntu' has no tag"),
            fix: null,
            edits: null,
            docsUrl: 'https://github.com/dfopt/dfopt/blob/main/docs/rules/pin-base-image.md',
            fixDeclined: expect.stringContaining("dfopt fix --pin ubuntu=<tag>"),
          },
        ],
      },
    ]);
  });

  it.each([
    ['clean file', CLEAN, [], 0],
    ['error-level finding', UNTAGGED, ['--rule', 'pin-base-image=error'], 1],
    ['alias in --rule', UNTAGGED, ['--rule', 'DL3006=error'], 1],
    ['--rule before the path, repeated', UNTAGGED, ['--rule', 'chain-run=off', '--rule', 'DL3006=error', 'Dockerfile'], 1],
    ['more warnings than --max-warnings', UNTAGGED, ['--max-warnings', '0'], 1],
    ['warnings within --max-warnings', UNTAGGED, ['--max-warnings', '1'], 0],
    ['--failure-threshold warning', UNTAGGED, ['--failure-threshold', 'warning'], 1],
    ['--failure-threshold none never fails', UNTAGGED, ['--rule', 'pin-base-image=error', '--failure-threshold', 'none'], 0],
    ['rule turned off', UNTAGGED, ['--rule', 'pin-base-image=off', '--max-warnings', '0'], 0],
    ['syntax error is an error finding', 'FROM a:1\nRUNN x\n', [], 1],
  ])('exit code: %s', (_name, text, args, code) => {
    const dir = project({ Dockerfile: text });
    expect(dfopt(['Dockerfile', ...args], { cwd: dir }).code).toBe(code);
  });

  it('--quiet reports errors only', () => {
    const dir = project({ Dockerfile: UNTAGGED });
    expect(dfopt(['--quiet', '--no-color'], { cwd: dir }).stdout).toBe('');
  });

  it('--stdin with --stdin-filename', () => {
    const r = dfopt(['--stdin', '--stdin-filename', 'api/Dockerfile', '-f', 'json'], { input: UNTAGGED, cwd: tmpdir() });
    expect(JSON.parse(r.stdout)[0].file).toBe('api/Dockerfile');
    expect(r.code).toBe(0);
  });

  it('--output-file writes the report (without colour) instead of printing it', () => {
    const dir = project({ Dockerfile: UNTAGGED });
    const r = dfopt(['-o', 'report.txt', '--color'], { cwd: dir });
    expect(r.stdout).toBe('');
    const written = readFileSync(join(dir, 'report.txt'), 'utf8');
    expect(written).toContain('pin-base-image');
    expect(written).not.toContain('\u001b[');
  });

  it('colour: FORCE_COLOR turns it on, --no-color and NO_COLOR turn it off', () => {
    const dir = project({ Dockerfile: UNTAGGED });
    expect(dfopt([], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
    expect(dfopt(['--no-color'], { cwd: dir, env: { FORCE_COLOR: '1' } }).stdout).not.toContain('\u001b[');
    expect(dfopt([], { cwd: dir, env: { NO_COLOR: '1' } }).stdout).not.toContain('\u001b[');
  });

  it('finds Dockerfile, Containerfile, *.Dockerfile and Dockerfile.* in directories, skipping node_modules', () => {
    const dir = project({
      'Dockerfile': UNTAGGED,
      'api/Containerfile': UNTAGGED,
      'web/web.Dockerfile': UNTAGGED,
      'web/Dockerfile.dev': UNTAGGED,
      'web/README.md': '# not a Dockerfile',
      'node_modules/x/Dockerfile': UNTAGGED,
    });
    const files = JSON.parse(dfopt(['.', '-f', 'json'], { cwd: dir }).stdout).map((r: { file: string }) => r.file);
    expect(files).toEqual(['Dockerfile', 'api/Containerfile', 'web/Dockerfile.dev', 'web/web.Dockerfile']);
  });

  it('expands globs', () => {
    const dir = project({ 'a/Dockerfile': UNTAGGED, 'b/Dockerfile.prod': UNTAGGED, 'b/other.txt': 'x' });
    const files = JSON.parse(dfopt(['**/Dockerfile*', '-f', 'json'], { cwd: dir }).stdout).map((r: { file: string }) => r.file);
    expect(files).toEqual(['a/Dockerfile', 'b/Dockerfile.prod']);
  });

  it('applies the config found next to the file, its ignore globs, and --config over discovery', () => {
    const dir = project({
      '.dfopt.yaml': 'rules:\n  pin-base-image: error\nignore:\n  - vendor/**\n',
      'Dockerfile': UNTAGGED,
      'vendor/Dockerfile': UNTAGGED,
      'other.yaml': 'rules:\n  DL3006: "off"\n',
    });
    const r = dfopt(['.', '-f', 'json'], { cwd: dir });
    expect(JSON.parse(r.stdout).map((x: { file: string }) => x.file)).toEqual(['Dockerfile']);
    expect(r.code).toBe(1);
    expect(dfopt(['.', '--config', 'other.yaml'], { cwd: dir }).code).toBe(0);
  });
});

describe('bad input: one line naming the file, exit 2, no stack trace, other files still linted', () => {
  const big = Buffer.alloc(5 * 1024 * 1024, 'RUN echo hi\n');
  it.each([
    ['a missing file', {}, 'missing/Dockerfile', /^dfopt: missing\/Dockerfile: no such file or directory$/],
    ['a directory with no Dockerfiles', { 'empty/readme.txt': 'x' }, 'empty', /^dfopt: empty: no Dockerfiles found in this directory$/],
    ['an empty file', { 'e/Dockerfile': '' }, 'e/Dockerfile', /^dfopt: e\/Dockerfile: file is empty$/],
    ['a whitespace-only file', { 'w/Dockerfile': '\n  \n' }, 'w/Dockerfile', /^dfopt: w\/Dockerfile: file is empty \(only whitespace\)$/],
    ['a binary file', { 'b/Dockerfile': Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x0a, 0x00, 0x01]) }, 'b/Dockerfile', /^dfopt: b\/Dockerfile:2: binary file/],
    ['invalid UTF-8', { 'u/Dockerfile': Buffer.concat([Buffer.from('FROM a:1\nRUN echo '), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]) }, 'u/Dockerfile', /^dfopt: u\/Dockerfile:2: invalid UTF-8/],
    ['a 5 MB file', { 'h/Dockerfile': big }, 'h/Dockerfile', /^dfopt: h\/Dockerfile: file is too large \(5\.0 MiB; the limit is 1\.0 MiB\)$/],
    // In bytes where 1.0 MiB against 1.0 MiB would say nothing.
    ['a file one byte over 1 MiB', { 'j/Dockerfile': `FROM a:1\n# ${'x'.repeat(1048565)}\n` }, 'j/Dockerfile', /^dfopt: j\/Dockerfile: file is too large \(1048577 bytes; the limit is 1048576 bytes\)$/],
  ])('%s', (_name, files, path, message) => {
    const dir = project({ ...files, 'ok/Dockerfile': UNTAGGED });
    const r = dfopt([path, 'ok/Dockerfile', '-f', 'json'], { cwd: dir });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(JSON.parse(r.stdout).map((x: { file: string }) => x.file)).toEqual(['ok/Dockerfile']);
  });

  it.each([
    ['malformed YAML', 'rules: [oops\n', /^dfopt: .*\.dfopt\.yaml:\d+: invalid YAML/],
    ['an unknown rule id', 'rules:\n  pin-base-imag: error\n', /^dfopt: .*\.dfopt\.yaml:2: rules\.pin-base-imag: unknown rule 'pin-base-imag' \(did you mean 'pin-base-image'\?\)$/],
    ['a bad level', 'rules:\n  pin-base-image: fatal\n', /^dfopt: .*\.dfopt\.yaml:2: rules\.pin-base-image: invalid level "fatal"/],
  ])('a config with %s', (_name, config, message) => {
    const dir = project({ '.dfopt.yaml': config, Dockerfile: UNTAGGED });
    const r = dfopt(['Dockerfile'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(message);
  });

  it('an unknown rule id on the command line', () => {
    const dir = project({ Dockerfile: UNTAGGED });
    const r = dfopt(['--rule', 'nope=error'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("dfopt: --rule nope=error: unknown rule 'nope'");
  });

  it('a --build-arg without a NAME', () => {
    const dir = project({ Dockerfile: UNTAGGED });
    const r = dfopt(['--build-arg', '=skip=all', 'Dockerfile'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('dfopt: --build-arg =skip=all: expected NAME=VALUE or NAME, e.g. --build-arg BUILDKIT_DOCKERFILE_CHECK=skip=all');
  });

  it('an unknown option', () => {
    const r = dfopt(['--bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown argument: --bogus');
  });
});

// A device or a pipe has no size to check before reading: reading one that never ends ran until memory did.
describe('input that does not end', () => {
  it.each([
    ['a device', `"$NODE" "$BIN" lint /dev/zero`, '/dev/zero'],
    ['standard input', `yes | "$NODE" "$BIN" lint --stdin`, '<stdin>'],
  ])('%s: one line, exit 2, read only up to the limit', (_, script, name) => {
    const r = spawnSync('sh', ['-c', `${script}; echo "exit $?"`], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, NODE: process.execPath, BIN } });
    expect(r.stderr).toBe(`dfopt: ${name}: input is too large (more than the limit, 1.0 MiB)\n`);
    expect(r.stdout).toBe('exit 2\n');
  });

  it.each([
    ['a device as --config', ['--config', '/dev/zero'], {}, 'dfopt: /dev/zero: cannot read config file: not a regular file'],
    ['a config of 2 MiB', ['--config', 'big.yaml'], { 'big.yaml': `# ${'x'.repeat(2 * 1024 * 1024)}\n` }, 'dfopt: big.yaml: config file is too large (2.0 MiB; the limit is 1.0 MiB)'],
  ])('%s: one line, exit 2', (_, args, files: Record<string, string>, message) => {
    const dir = project({ Dockerfile: UNTAGGED, ...files });
    const r = spawnSync(process.execPath, [BIN, 'lint', ...args, 'Dockerfile'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toBe(`${message}\n`);
    expect(r.status).toBe(2);
  });

  it('a .dockerignore that is a device is not read (as if there were none)', () => {
    const dir = project({ Dockerfile: 'FROM alpine:3.20\nCOPY . /app\n' });
    symlinkSync('/dev/zero', join(dir, '.dockerignore'));
    const r = spawnSync(process.execPath, [BIN, 'lint', '-f', 'json', 'Dockerfile'], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toBe('');
    expect([0, 1]).toContain(r.status);
  });
});

describe('dfopt rules / explain', () => {
  it('lists every rule with aliases, category, severity and fix', () => {
    const r = dfopt(['rules']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^pin-base-image\s+DL3006,DL3007\s+correctness\s+warning\s+safe\s+yes$/m);
    const json = JSON.parse(dfopt(['rules', '--format', 'json']).stdout);
    expect(json.find((r: { id: string }) => r.id === 'syntax-error').aliases).toEqual(['DL1000']);
  });

  it('explains a rule by id or alias, and refuses an unknown one', () => {
    expect(dfopt(['explain', 'DL3007']).stdout).toMatch(/^pin-base-image \(DL3006, DL3007\)\n/);
    // The docs link, and the same page as shipped beside the CLI for readers without a network.
    const page = resolve(__dirname, '..', '..', 'docs', 'rules', 'pin-base-image.md');
    expect(dfopt(['explain', 'DL3007']).stdout).toMatch(new RegExp(`\nDocs: https://\\S+/pin-base-image\\.md\n +${page.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(offline\\)\n$`));
    const r = dfopt(['explain', 'pin-base-img']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("did you mean 'pin-base-image'");
  });
});

describe('an internal error', () => {
  // Fault injection from outside the bundle: a preloaded module makes JSON.stringify throw, as a bug would.
  const preload = join(mkdtempSync(join(tmpdir(), 'dfopt-fault-')), 'fault.js');
  writeFileSync(preload, "JSON.stringify = () => { throw new TypeError('injected fault\\nsecond line'); };\n");

  it('is one line that says it is a bug, exit 2, and no stack trace unless asked for', () => {
    const dir = project({ Dockerfile: UNTAGGED });
    const r = dfopt(['lint', '-f', 'json', 'Dockerfile'], { cwd: dir, env: { NODE_OPTIONS: `--require ${preload}` } });
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', 'dfopt: internal error: injected fault (a bug in dfopt; DFOPT_DEBUG=1 shows where)\n']);
    const debug = dfopt(['lint', '-f', 'json', 'Dockerfile'], { cwd: dir, env: { NODE_OPTIONS: `--require ${preload}`, DFOPT_DEBUG: '1' } });
    expect(debug.stderr).toMatch(/^dfopt: internal error: injected fault .*\nTypeError: injected fault\n[\s\S]*\n {4}at /);
  });
});
