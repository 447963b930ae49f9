import { fstatSync, writeSync } from 'node:fs';
import type * as Tty from 'node:tty';

// Standard output and error are written with fs.writeSync, not process.stdout/stderr: the first use of either stream
// loads Node's stream and net modules, about 3 ms of CPU at every start (a tenth of what `dfopt lint` adds to bare
// node). The writes stay what process.stdout's are on Linux for files, pipes and terminals: synchronous and in order.

/** Anything but "the reader has gone" (EPIPE, which is not a failure of the run) and a full non-blocking pipe. */
export type WriteFailure = (error: NodeJS.ErrnoException) => void;

// A full pipe that the reader left non-blocking answers EAGAIN: wait a millisecond for it to drain.
const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes text to a file descriptor whole. Once the reader has closed the pipe (`dfopt lint | head`) or a write has
 * failed, the rest is dropped without a word, as a destroyed stream drops it; `onFailure` hears of other errors once.
 */
export function fdWriter(fd: number, onFailure: WriteFailure): (text: string) => void {
  let broken = false;
  return (text) => {
    if (broken || text === '') return;
    const bytes = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += writeSync(fd, bytes, offset);
      } catch (error) {
        const e = error as NodeJS.ErrnoException;
        if (e.code === 'EAGAIN') {
          Atomics.wait(pause, 0, 0, 1);
          continue;
        }
        broken = true;
        if (e.code !== 'EPIPE') onFailure(e);
        return;
      }
    }
  };
}

/**
 * Whether fd is a terminal. A terminal is a character device, so a pipe or a file (CI, pre-commit, `> out`) is told
 * apart by one fstat, without loading node:tty (which loads the stream and net modules the writer above avoids).
 */
export function isTerminal(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    if (!stat.isCharacterDevice() || isLinuxMemoryDevice(stat.rdev)) return false;
  } catch {
    return false; // closed
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:tty') as typeof Tty).isatty(fd);
}

/**
 * Linux's memory devices (major number 1: /dev/null, /dev/zero, /dev/full, /dev/random…) are character devices that
 * are never terminals. `dfopt lint Dockerfile > /dev/null` is how scripts ask for the exit code alone, and telling
 * /dev/null apart by node:tty cost ~4 ms of such a run. Other systems number devices otherwise (/dev/null is major 3 on
 * macOS), so they ask node:tty.
 */
function isLinuxMemoryDevice(rdev: number): boolean {
  return process.platform === 'linux' && linuxMajor(rdev) === 1;
}

/** The major number in a Linux device number, as glibc's gnu_dev_major reads it (bits 8-19 and 44-63). */
export function linuxMajor(rdev: number): number {
  return ((rdev >>> 8) & 0xfff) | (Math.floor(rdev / 2 ** 32) & ~0xfff);
}

/**
 * picocolors' own default (NO_COLOR and --no-color off; FORCE_COLOR, --color, Windows, a terminal on stdout with a TERM
 * other than dumb, or CI on), decided here because reading picocolors' isColorSupported creates process.stdout.
 */
export function colorByDefault(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR || argv.includes('--no-color')) return false;
  return !!env.FORCE_COLOR || argv.includes('--color') || process.platform === 'win32' || (isTerminal(1) && env.TERM !== 'dumb') || !!env.CI;
}
