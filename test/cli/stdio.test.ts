import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { colorByDefault, fdWriter, linuxMajor } from '../../src/cli/stdio';
import { BIN, tempProject } from '../support/cli';

describe('fdWriter', () => {
  it('writes the whole text, in order, and an empty text writes nothing', () => {
    const file = join(tempProject(), 'out');
    const fd = openSync(file, 'w');
    const failures: string[] = [];
    const write = fdWriter(fd, (e) => failures.push(e.code ?? ''));
    const long = 'é'.repeat(300_000); // more than one pipe buffer, multi-byte characters
    write('a\n');
    write('');
    write(long);
    closeSync(fd);
    expect(readFileSync(file, 'utf8')).toBe(`a\n${long}`);
    expect(failures).toEqual([]);
  });

  it('reports a failed write once, then drops the rest', () => {
    const fd = openSync(join(tempProject(), 'out'), 'w');
    closeSync(fd);
    const failures: string[] = [];
    const write = fdWriter(fd, (e) => failures.push(e.code ?? ''));
    write('a');
    write('b');
    expect(failures).toEqual(['EBADF']);
  });
});

// Device numbers as glibc's makedev builds them: the major in bits 8-19 and 44-63, the minor in bits 0-7 and 20-43.
const makedev = (major: number, minor: number): number =>
  ((major & 0xfff) * 2 ** 8 + (minor & 0xff) + Math.floor(minor / 0x100) * 2 ** 20) + Math.floor(major / 0x1000) * 2 ** 44;

describe('linuxMajor', () => {
  it.each([
    ['/dev/null', 1, 3],
    ['/dev/random', 1, 8],
    ['/dev/tty', 5, 0],
    ['/dev/pts/0', 136, 0],
    ['a pty past the first 256 minors', 136, 300],
    ['a memory-device major with a large minor', 1, 70_000],
    ['a major past 4,095 whose low bits are 1', 4097, 0],
  ])('%s (%d, %d)', (_name, major, minor) => {
    expect(linuxMajor(makedev(major, minor))).toBe(major);
  });

  (process.platform === 'linux' ? it : it.skip)('reads /dev/null as major 1 and /dev/tty as 5', () => {
    expect([linuxMajor(statSync('/dev/null').rdev), linuxMajor(statSync('/dev/tty').rdev)]).toEqual([1, 5]);
  });
});

describe('colorByDefault (picocolors’ rule)', () => {
  // Jest's stdout is not this process's fd 1 in every runner, so only the cases that do not depend on it.
  it.each([
    [{ NO_COLOR: '1', FORCE_COLOR: '1' }, [], false],
    [{ FORCE_COLOR: '1' }, ['--no-color'], false],
    [{ FORCE_COLOR: '1' }, [], true],
    [{}, ['--color'], true],
    [{ CI: 'true', NO_COLOR: '' }, [], true],
  ])('%j %j → %s', (env, argv, expected) => {
    expect(colorByDefault(argv, env)).toBe(expected);
  });
});

const onLinux = existsSync('/dev/full') ? it : it.skip;
// --version and --help have paths of their own (bin/dfopt.js, main.ts) that skip yargs: the same rule holds there.
onLinux.each([[['lint', 'Dockerfile']], [['--version']], [['--help']]])('dfopt %j > /dev/full: one line on stderr, exit 2', (args) => {
  const dir = tempProject({ Dockerfile: 'FROM ubuntu\nRUN echo hi\n' });
  const full = openSync('/dev/full', 'w');
  try {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: dir,
      stdio: ['ignore', full, 'pipe'],
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: undefined },
    });
    expect(r.stderr).toBe('dfopt: cannot write to standard output (no space left on device)\n');
    expect(r.status).toBe(2);
  } finally {
    closeSync(full);
  }
});
