import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

// perf5 ran `npm run fuzz -- --help` to read the options: the script ignored the flag and started the full
// 100,000-input campaign (20 minutes on two cores). It now answers --help, and an unknown flag or a bad value is
// one line and exit 2, before any input runs (and before scratch/fuzz is written).
const root = join(__dirname, '..', '..');
const fuzz = (...args: string[]) => {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'run-ts.js'), join(root, 'scripts', 'fuzz.ts'), ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, DFOPT_CORPUS: join(root, 'no-such-corpus') },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('npm run fuzz command line', () => {
  it.each([['--help'], ['-h']])('%s prints the usage and runs nothing', (flag) => {
    const r = fuzz(flag);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: npm run fuzz -- \[options\]\n/);
    for (const option of ['--inputs', '--seed', '--workers', '--from', '--shard', '--summary', '--replay', '--merge']) expect(r.stdout).toContain(option);
    expect(r.stderr).toBe('');
  });

  it.each([
    [['--bogus'], "fuzz: Unknown option '--bogus' (see npm run fuzz -- --help)\n"],
    [['--inputs', '10', '--hepl'], "fuzz: Unknown option '--hepl' (see npm run fuzz -- --help)\n"],
    [['--seed', 'x'], 'fuzz: --seed x: expected a whole number (see npm run fuzz -- --help)\n'],
    [['--seed'], "fuzz: Option '--seed <value>' argument missing (see npm run fuzz -- --help)\n"],
    [['--shard', '3/2'], 'fuzz: --shard 3/2: expected K/M with 0 <= K < M (see npm run fuzz -- --help)\n'],
    [['stray.json'], "fuzz: unexpected argument 'stray.json' (see npm run fuzz -- --help)\n"],
  ])('%j is one line, exit 2, nothing run', (args, stderr) => {
    const r = fuzz(...args);
    expect([r.code, r.stderr, r.stdout]).toEqual([2, stderr, '']);
  });

  it('a valid command line gets past the check (to the corpus, missing here)', () => {
    const r = fuzz('--inputs', '1', '--workers', '1');
    expect(r.code).not.toBe(2);
    expect(r.stderr).toContain('no-such-corpus');
    expect(existsSync(join(root, 'no-such-corpus'))).toBe(false);
  });
});
