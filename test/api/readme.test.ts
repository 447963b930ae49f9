import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');

/** The README's `### Library API` code blocks, exactly as printed. */
function apiExamples(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = readme.indexOf('\n### Library API\n');
  expect(start).toBeGreaterThan(-1);
  const section = readme.slice(start + 1, readme.indexOf('\n#', start + 2));
  return [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

/** Runs code in an empty project where `dfopt` is installed (a link to this package, built by the test setup). */
function runAsUser(code: string) {
  const dir = mkdtempSync(join(tmpdir(), 'dfopt-readme-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'dfopt'), 'dir');
  const file = join(dir, /^import /m.test(code) ? 'example.mjs' : 'example.cjs');
  writeFileSync(file, code);
  const r = spawnSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('README: Library API', () => {
  const [commonJs, esm] = apiExamples();

  it('the CommonJS example runs as printed', () => {
    const r = runAsUser(commonJs!);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain('1:6 warning pin-base-image DL3006\n');
    expect(r.stdout).toContain('2:5 warning clean-package-cache DL3009\n');
    expect(r.stdout).toContain('Dockerfile:1:6: warning pin-base-image ');
  });

  it('the ESM example runs as printed', () => {
    const r = runAsUser(esm!);
    expect([r.code, r.stderr, r.stdout]).toEqual([0, '', 'error\npin-apt-versions\n']);
  });
});
