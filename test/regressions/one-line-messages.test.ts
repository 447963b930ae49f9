import { existsSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runFix, type FixCommandOptions } from '../../src/cli/fixCommand';
import { runDfopt, tempProject } from '../support/cli';
import { BUILTIN_RULES, defineRule, RuleRegistry } from '../../src/engine';
import { createDefaultRegistry } from '../../src';
import type { ImageBuilder } from '../../src/verify';

// Issue 18, defect 6: a symlink loop was reported as "no such file", a file deleted while dfopt ran as "read-only",
// and yargs usage errors took two or three lines, breaking the promise of one line `dfopt: FILE[:LINE]: problem`.
const FIXABLE = 'FROM alpine:3.20\nMAINTAINER me\n';

const dfopt = (args: string[], cwd: string) => runDfopt(args, { cwd });
const tempDir = () => tempProject();

describe('one line, with the right cause', () => {
  it('a symbolic link loop is called one, for lint and fix', () => {
    const dir = tempDir();
    symlinkSync('b.Dockerfile', join(dir, 'a.Dockerfile'));
    symlinkSync('a.Dockerfile', join(dir, 'b.Dockerfile'));
    for (const command of ['lint', 'fix']) {
      const r = dfopt([command, 'a.Dockerfile'], dir);
      expect(r.stderr).toBe('dfopt: a.Dockerfile: symbolic link loop\n');
      expect(r.code).toBe(2);
    }
  });

  it.each([
    ['--format nonsense', ['--format', 'nonsense'], /^dfopt: --format takes stylish, json, .* or compact, not 'nonsense' \(see dfopt --help\)$/],
    ['an unknown option', ['lint', '--bogus'], /^dfopt: Unknown argument: --bogus \(see dfopt --help\)$/],
    ['an unknown dashed option, once', ['lint', '--bogus-flag'], /^dfopt: Unknown argument: --bogus-flag \(see dfopt --help\)$/],
    ['a missing argument', ['explain'], /^dfopt: Not enough non-option arguments: got 0, need at least 1 \(see dfopt --help\)$/],
  ])('a yargs usage error is one line: %s', (_name, args, line) => {
    const r = dfopt(args, tempDir());
    expect(r.stderr.endsWith('\n')).toBe(true);
    expect(r.stderr.slice(0, -1).split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(line);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });
});

// An option that takes a value, given none, was ignored: `dfopt lint --config $CFG` with CFG unset linted under the
// default config, and `--format` alone printed the default report, both with exit 0.
describe('an option given without its value is a usage error', () => {
  it.each([
    [['lint', '--config'], '--config'],
    [['lint', '--config=', 'Dockerfile'], '--config'],
    [['lint', '-c'], '-c'],
    [['lint', '--format'], '--format'],
    [['lint', '--rule', '--format', 'json', 'Dockerfile'], '--rule'],
    [['lint', '--rule=', 'Dockerfile'], '--rule'],
    [['lint', '--failure-threshold'], '--failure-threshold'],
    [['lint', 'Dockerfile', '--context'], '--context'],
    [['lint', '--build-arg'], '--build-arg'],
    [['lint', '--output-file'], '--output-file'],
    [['lint', '--cache', '--cache-location'], '--cache-location'],
    [['lint', '--stdin', '--stdin-filename'], '--stdin-filename'],
    [['fix', '--pin'], '--pin'],
    [['fix', 'Dockerfile', '--only'], '--only'],
    [['fix', '--format'], '--format'],
    [['rules', '--format'], '--format'],
  ])('%j', (args, flag) => {
    const dir = tempProject({ Dockerfile: FIXABLE });
    const r = dfopt(args, dir);
    expect(r.stderr).toBe(`dfopt: ${flag} needs a value (see dfopt --help)\n`);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
  });

  // yargs reads a boolean option's value other than true or false as false: `fix --dry-run=yes` wrote the file.
  it('a boolean option with a value other than true or false: --dry-run=yes writes nothing', () => {
    const dir = tempProject({ Dockerfile: FIXABLE });
    const r = dfopt(['fix', '--dry-run=yes', 'Dockerfile'], dir);
    expect(r.stderr).toBe("dfopt: --dry-run takes no value (or true or false), not 'yes' (see dfopt --help)\n");
    expect(r.code).toBe(2);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(FIXABLE);
  });

  it('nothing is written by such a fix', () => {
    const dir = tempProject({ Dockerfile: FIXABLE });
    expect(dfopt(['fix', 'Dockerfile', '--only'], dir).code).toBe(2);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(FIXABLE);
  });
});

describe('a file deleted while dfopt ran', () => {
  const options = (file: string, extra: Partial<FixCommandOptions> = {}): FixCommandOptions => ({
    paths: [file],
    stdin: false,
    rule: [],
    dryRun: false,
    check: false,
    unsafe: false,
    only: [],
    color: false,
    ...extra,
  });
  const capture = () => {
    const err: string[] = [];
    return { err, io: { stdout: () => undefined, stderr: (t: string) => void err.push(t), readStdin: () => Buffer.alloc(0) } };
  };

  it('between reading and fixing: "was deleted", not "read-only"', () => {
    const file = join(tempDir(), 'Dockerfile');
    writeFileSync(file, FIXABLE);
    // A rule that removes the file while the engine lints it: what a concurrent `git checkout` does.
    const deleting = defineRule({
      meta: { id: 'test-deletes-file', aliases: [], category: 'style', severity: 'info', fix: 'none', docs: { summary: '', rationale: '', bad: '', good: '' } },
      create: () => ({ 'dockerfile:exit': () => rmSync(file, { force: true }) }),
    });
    const registry = new RuleRegistry([...createDefaultRegistry().rules.filter((r) => !BUILTIN_RULES.includes(r)), deleting]);
    const { err, io } = capture();
    expect(runFix(options(file), registry, io)).toBe(2);
    expect(err).toEqual([`dfopt: ${file}: was deleted while dfopt ran; nothing was written\n`]);
    expect(existsSync(file)).toBe(false);
  });

  it('while --verify built it: "was deleted", not ENOENT, and it is not recreated', () => {
    const dir = tempDir();
    const file = join(dir, 'Dockerfile');
    writeFileSync(file, FIXABLE);
    let builds = 0;
    const builder: ImageBuilder = {
      name: 'fake',
      build: () => {
        if (++builds === 2) unlinkSync(file);
        return { ok: true, log: '' };
      },
      run: () => ({ code: 0, output: 'same\n' }),
      measure: () => ({ bytes: null, layers: null }),
      remove: () => undefined,
    };
    const { err, io } = capture();
    expect(runFix(options(file, { verify: true, findBuilder: () => ({ builder }) }), createDefaultRegistry(), io)).toBe(2);
    expect(err).toEqual([`dfopt: ${file}: was deleted while dfopt ran; nothing was written\n`]);
    expect(existsSync(file)).toBe(false);
  });
});
