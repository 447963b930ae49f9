import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { runDfopt, tempProject } from '../support/cli';

// `--jobs N` shares the files out between threads; whatever the threads do, the run must say exactly what one thread
// says: the same report, the same problems and notes in the same places, the same exit code.

const VARIANTS = [
  'FROM alpine:3.19\nRUN apk add curl\n',
  'FROM ubuntu\nRUN apt-get update\nRUN apt-get install -y curl\n',
  'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm install\nCMD node server.js\n',
  'from debian:12 as build\nMAINTAINER someone\nADD x.tar.gz /opt/\n',
  'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n',
];

/** A tree of `count` Dockerfiles in sub-directories (each its own build context), with `extra` files besides. */
function tree(count: number, extra: Record<string, string> = {}): string {
  const files: Record<string, string> = { ...extra };
  for (let i = 0; i < count; i++) files[`svc${String(i).padStart(3, '0')}/Dockerfile`] = VARIANTS[i % VARIANTS.length]!;
  return tempProject(files);
}

const both = (args: string[], cwd: string) => [runDfopt(args, { cwd }), runDfopt([...args, '--jobs', '3'], { cwd })] as const;

describe('dfopt lint --jobs', () => {
  it('reports what one thread reports, file for file, with problems where they were', () => {
    const dir = tree(140, {
      // Skipped by the config, and a file that cannot be read, in the middle of the order.
      '.dfopt.yaml': 'ignore:\n  - svc050/**\n',
      'svc040/Dockerfile.bin': 'FROM alpine\n\u0000\u0001',
    });
    chmodSync(join(dir, 'svc070', 'Dockerfile'), 0o000);
    for (const format of ['json', 'stylish']) {
      const [one, three] = both(['lint', '--format', format, '.'], dir);
      expect(one.stdout.length).toBeGreaterThan(1000);
      expect(three).toEqual(one);
    }
    const [one] = both(['lint', '.'], dir);
    // Running as root reads a mode-0 file anyway: the binary file's problem is there either way.
    expect(one.stderr).toMatch(/Dockerfile\.bin/);
    expect(one.code).toBe(2);
  });

  it('uses the threads it was given when the files pay for them, and says so under --timing', () => {
    const dir = tree(140);
    const run = runDfopt(['lint', '--jobs', '2', '--timing', '--format', 'json', '.'], { cwd: dir });
    const threads = /Threads: 2 \(files linted by each: (\d+), (\d+)\)/.exec(run.stderr);
    expect(threads).not.toBeNull();
    expect(Number(threads![1]) + Number(threads![2])).toBe(140);
    expect(run.stdout).toBe(runDfopt(['lint', '--format', 'json', '.'], { cwd: dir }).stdout);
  });

  it('stays in one thread for fewer than 64 files per thread (a worker would cost more than it saves)', () => {
    const run = runDfopt(['lint', '--jobs', '4', '--timing', '.'], { cwd: tree(100) });
    expect(run.stderr).not.toMatch(/Threads:/);
  });

  it('stops where one thread stops at a broken config, with the same message and exit 2', () => {
    const dir = tree(140, { 'svc060/.dfopt.yaml': 'rules: [\n' });
    const [one, three] = both(['lint', '--format', 'json', '.'], dir);
    expect(one.code).toBe(2);
    expect(one.stderr).toMatch(/svc060[\\/]\.dfopt\.yaml/);
    expect(three).toEqual(one);
  });

  it.each([['0'], ['x'], ['-1'], ['']])('--jobs %j is one line and exit 2', (value) => {
    const run = runDfopt(['lint', '--jobs', value, '.'], { cwd: tree(1) });
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/--jobs/);
  });
});
