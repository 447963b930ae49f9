import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tempProject } from '../support/cli';

// `dfopt fix --dry-run Dockerfile | head -2` and `dfopt lint … | head -1` printed Node's "Error: write EPIPE" stack
// trace once head had closed the pipe. A reader that stops early is not a failure of the run: no trace, no message,
// and the exit code is the one the run gives when its output is read to the end.
const BIN = join(__dirname, '..', '..', 'bin', 'dfopt.js');
const LONG = `FROM debian:12\n${Array.from({ length: 400 }, (_, i) => `RUN echo ${i}\n`).join('')}`;

describe('a pipe closed by the reader', () => {
  it.each([
    ['lint --format json', 'lint Dockerfile --format json'],
    ['fix --dry-run', 'fix --dry-run Dockerfile'],
  ])('%s | head: no stack trace, exit code of the run', (_label, args) => {
    const dir = tempProject({ Dockerfile: LONG });
    // bash's PIPESTATUS gives dfopt's own exit code; head -c 1 closes the pipe after the first byte.
    const shell = (reader: string) =>
      spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" ${args} --failure-threshold warning | ${reader}; echo "status=\${PIPESTATUS[0]}"`], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, FORCE_COLOR: undefined },
      });
    const whole = shell('cat >/dev/null');
    const cut = shell('head -c 1 >/dev/null');
    expect(cut.stderr).toBe('');
    expect(cut.stdout).toBe(whole.stdout);
    expect(whole.stdout).toMatch(/^status=[01]\n$/);
  });
});
