import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, tempProject } from '../support/cli';

// --version and --help alone are answered without loading yargs; what they print must stay what yargs prints.
const run = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { cwd: tempProject(), encoding: 'utf8' });

describe('answers without yargs', () => {
  it('--version and -v print what yargs prints (version and newline), exit 0', () => {
    // `rules --version` is not the fast path: yargs answers it.
    const byYargs = run(['rules', '--version']);
    const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
    expect(byYargs.stdout).toBe(`${pkg.version}\n`);
    for (const flag of ['--version', '-v']) {
      const r = run([flag]);
      expect([r.stdout, r.stderr, r.status]).toEqual([byYargs.stdout, '', 0]);
    }
  });

  it('--help and -h into a pipe print what yargs prints, exit 0', () => {
    // Two flags are not the fast path: yargs renders it.
    const byYargs = run(['--help', '--help']);
    expect(byYargs.status).toBe(0);
    expect(byYargs.stdout).toMatch(/^dfopt \[lint\] \[paths\.\.\]\n[\s\S]*Commands:[\s\S]*--version/);
    for (const flag of ['--help', '-h']) {
      const r = run([flag]);
      expect([r.stdout, r.stderr, r.status]).toEqual([byYargs.stdout, '', 0]);
    }
  });
});
