import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, tempProject } from '../support/cli';

// --version and --help alone are answered without loading yargs; what they print must stay what yargs prints.
const run = (args: string[], cwd = tempProject()) => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });

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

// `dfopt lint` and `dfopt fix` command lines the fast path takes must do what yargs does with them: `--color=false`
// (yargs only) is the fast path's `--no-color`.
describe('the fast paths past yargs do what yargs does', () => {
  const files = {
    Dockerfile: 'FROM ubuntu\nRUN apt-get update && apt-get install -y curl\nCOPY . .\nRUN pip install flask\n',
    'b/Dockerfile': 'FROM node:20\nRUN npm install\nCMD node index.js\n',
  };
  it.each([
    [['lint', 'Dockerfile', 'b/Dockerfile']],
    [['-f', 'json', '--rule', 'pin-base-image=off', 'Dockerfile']],
    [['fix', '--dry-run', 'Dockerfile', 'b/Dockerfile']],
    [['fix', '--check', '--unsafe', 'Dockerfile']],
    [['fix', '--dry-run', '--unsafe', '--explain', '--only', 'use-multi-stage', '-f', 'json', 'Dockerfile']],
    [['fix', '--exit-non-zero-on-fix', '--unsafe', '--pin', 'ubuntu=24.04', 'Dockerfile', 'b/Dockerfile']],
  ])('%j', (args) => {
    const outcome = (colorFlag: string) => {
      const dir = tempProject(files);
      const r = run([...args, colorFlag], dir);
      return [r.status, r.stdout, r.stderr, readFileSync(join(dir, 'Dockerfile'), 'utf8'), readFileSync(join(dir, 'b/Dockerfile'), 'utf8')];
    };
    expect(outcome('--no-color')).toEqual(outcome('--color=false'));
  });
});

// What a one-file `dfopt lint` start-up loads beyond bare node is part of its cost: node:v8 alone (with the stream
// modules it pulls in) was ~1.5 ms of an ~85 ms run. The inlining budget (bin/dfopt.js) is set, loading node:v8,
// only for runs that may be long, such as a directory.
describe('built-in modules a start-up loads', () => {
  const loaded = (args: string[], cwd: string, stdout: 'pipe' | number = 'pipe'): string[] => {
    const probe = [
      'const before = new Set(process.moduleLoadList);',
      `process.argv = [process.argv[0], ${JSON.stringify(BIN)}, ...${JSON.stringify(args)}];`,
      "process.on('exit', () => require('fs').writeSync(3, JSON.stringify(process.moduleLoadList.filter((m) => !before.has(m) && m.startsWith('NativeModule ')))));",
      `require(${JSON.stringify(BIN)});`,
    ].join('\n');
    // Colour off, as on a developer's pipe: with CI or FORCE_COLOR set, picocolors is loaded and reads
    // process.stdout.isTTY, which creates the stream (net and the stream modules); CI sets CI.
    const env = { ...process.env };
    for (const name of ['CI', 'FORCE_COLOR', 'NO_COLOR']) delete env[name];
    const r = spawnSync(process.execPath, ['-e', probe], { cwd, env, encoding: 'utf8', stdio: ['ignore', stdout, 'pipe', 'pipe'] });
    expect(r.stderr).toBe('');
    return JSON.parse(r.output[3] as string) as string[];
  };
  const project = () => tempProject({ Dockerfile: 'FROM alpine:3.19\nRUN echo hi\n' });

  it('a lint of one file loads only node:vm', () => {
    expect(loaded(['lint', 'Dockerfile'], project())).toEqual(['NativeModule vm']);
  });

  // Scripts that want the exit code alone send the report to /dev/null, a character device as a terminal is: Linux
  // numbers it apart (isTerminal), where node:tty would load the stream modules.
  (process.platform === 'linux' ? it : it.skip)('a lint of one file into /dev/null loads only node:vm too', () => {
    const devNull = openSync('/dev/null', 'w');
    try {
      expect(loaded(['lint', 'Dockerfile'], project(), devNull)).toEqual(['NativeModule vm']);
    } finally {
      closeSync(devNull);
    }
  });

  // A file past bin/dfopt.js's SHORT_RUN_BYTES (4 KiB) lints long enough for the budgets to pay: a 150 KB file of
  // one-line RUNs took 1.5 s of CPU without them, 1.06 s with.
  it('a lint of one file over 4 KiB loads node:v8, as a long run', () => {
    const runs = Array.from({ length: 400 }, (_, i) => `RUN echo ${i}\n`).join('');
    expect(runs.length).toBeGreaterThan(4 * 1024);
    expect(loaded(['lint', 'Dockerfile'], tempProject({ Dockerfile: `FROM alpine:3.19\n${runs}` }))).toContain('NativeModule v8');
  });

  it('a lint of a directory also loads node:v8, to set the inlining budget', () => {
    expect(loaded(['lint', '.'], project())).toContain('NativeModule v8');
  });

  it('the language server sets it too, even where cwd holds a file named like the command', () => {
    expect(loaded(['lsp', '--stdio'], tempProject({ lsp: '' }))).toContain('NativeModule v8');
  });
});

// A fast-path command ends the process as soon as it has finished (exitNow in src/cli/main.ts): nothing of it is left
// for the event loop, and a natural exit spent its time on an idle-time collection and on freeing the heap. Work
// queued on the event loop (here by a preloaded module) tells the two apart: it runs only when the process ends
// naturally. The output, the exit code and the 'exit' listeners must be the same either way.
describe('a fast-path command ends the process when it is done', () => {
  const queued = 'queued work ran\n';
  const run = (args: string[], cwd: string) => {
    const preload = join(cwd, 'queue.js');
    writeFileSync(preload, `setImmediate(() => require('fs').writeSync(2, ${JSON.stringify(queued)}));\nprocess.on('exit', (code) => require('fs').writeSync(2, 'exit ' + code + '\\n'));\n`);
    return spawnSync(process.execPath, ['--require', preload, BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: undefined } });
  };
  const project = () => tempProject({ Dockerfile: 'FROM alpine:3.19\nRUN echo hi\n', 'bad/Dockerfile': 'FROM ubuntu\nADD . /app\n' });

  it.each([
    [['lint', 'Dockerfile'], 0],
    [['bad/Dockerfile', '-f', 'json'], 1],
    [['lint', 'missing/Dockerfile'], 2],
    [['fix', '--check', 'bad/Dockerfile'], 1],
    [['-h'], 0],
  ])('%j: exit %d, the exit listeners run, queued work does not', (args, code) => {
    const r = run(args, project());
    expect(r.status).toBe(code);
    expect(r.stderr).toMatch(new RegExp(`exit ${code}\\n$`));
    expect(r.stderr).not.toContain(queued);
  });

  it('commands yargs runs end naturally (they write through process.stdout)', () => {
    const r = run(['rules'], project());
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(`${queued}exit 0\n`);
  });
});
