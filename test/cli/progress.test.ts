import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const BIN = resolve(__dirname, '..', '..', 'bin', 'dfopt.js');

function manyDockerfiles(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'dfopt-progress-'));
  for (let i = 1; i <= count; i++) writeFileSync(join(dir, `${i}.Dockerfile`), `FROM alpine:3.20\nRUN echo ${i}\n`);
  return dir;
}

/** Runs the CLI under a real pseudo-terminal (util-linux `script`), so stderr is a TTY as in a person's shell. */
function inTerminal(dir: string, env: Record<string, string | undefined>) {
  const command = `${process.execPath} ${BIN} lint . -f compact`;
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8' });
  return { code: r.status, out: r.stdout };
}

describe('progress on stderr', () => {
  const dir = manyDockerfiles(60);

  it('a terminal sees a progress line that is erased before the report', () => {
    const r = inTerminal(dir, { CI: undefined });
    expect(r.code).toBe(0);
    const erase = '\r\u001b[K';
    expect(r.out.startsWith(`${erase}linting 1/60 `)).toBe(true);
    expect(r.out.endsWith(erase)).toBe(true);
  });

  it('CI and pipes see none', () => {
    expect(inTerminal(dir, { CI: 'true' }).out).toBe('');
    const piped = spawnSync(process.execPath, [BIN, 'lint', '.', '-f', 'compact'], { cwd: dir, encoding: 'utf8' });
    expect([piped.status, piped.stdout, piped.stderr]).toEqual([0, '', '']);
  });

  it('short runs stay quiet even in a terminal', () => {
    expect(inTerminal(manyDockerfiles(3), { CI: undefined }).out).toBe('');
  });
});
