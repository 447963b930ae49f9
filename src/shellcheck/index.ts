import type * as ChildProcess from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type * as Os from 'node:os';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/**
 * The real ShellCheck binary, run on request (`shellcheck: auto|<path>` in the config, `--shellcheck` on the command
 * line) for the SC codes dfopt does not check natively. Never used by default: it is the only place dfopt starts a
 * process while linting.
 */

export type ShellCheckLevel = 'error' | 'warning' | 'info' | 'style';

/** One comment of `shellcheck -f json1`: 1-based lines and columns, tabs counted as one column. */
export interface ShellCheckComment {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly level: ShellCheckLevel;
  readonly code: number;
  readonly message: string;
}

export interface ShellCheckRunner {
  readonly executable: string;
  /**
   * ShellCheck's comments on each script (a complete file, `#!` line included), in the order given. Scripts seen
   * before in this process are answered from memory; the others go to one `shellcheck` process together.
   */
  check(scripts: readonly string[]): ReadonlyArray<readonly ShellCheckComment[]>;
}

/** ShellCheck could not be run or gave no usable answer: one line, for the user. */
export class ShellCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShellCheckError';
  }
}

/** `auto`: the `shellcheck` on PATH when there is one; `off`; or the binary's path (a bare name is looked up on PATH). */
export type ShellCheckSetting = string;

/** Results kept per script text; cleared when full, so an editor session cannot grow it without bound. */
const CACHE_LIMIT = 4096;
/** Files per `shellcheck` process, well under any command-line length limit. */
const BATCH = 200;

const runners = new Map<string, ShellCheckRunner>();

/**
 * The runner a setting asks for: null for `off`, and for `auto` when no `shellcheck` is on PATH. A path that is not
 * an executable file throws ShellCheckError. Relative paths are resolved against `baseDir` (the config's directory).
 */
export function shellcheckRunner(setting: ShellCheckSetting | undefined, baseDir = process.cwd()): ShellCheckRunner | null {
  if (setting === undefined || setting === 'off') return null;
  const auto = setting === 'auto';
  const name = auto ? 'shellcheck' : setting;
  const executable = name.includes('/') || name.includes('\\') ? resolve(baseDir, name) : onPath(name);
  if (executable === null || !isExecutable(executable)) {
    if (auto) return null;
    throw new ShellCheckError(
      executable === null ? `${name} is not on PATH; install ShellCheck (apt-get install shellcheck) or give its path with --shellcheck=PATH` : `${executable} is not an executable file`,
    );
  }
  let runner = runners.get(executable);
  if (!runner) runners.set(executable, (runner = createRunner(executable)));
  return runner;
}

function onPath(name: string): string | null {
  if (isAbsolute(name)) return name;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    for (const ext of process.platform === 'win32' ? ['.exe', ''] : ['']) {
      const candidate = join(dir, name + ext);
      if (isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function createRunner(executable: string): ShellCheckRunner {
  const cache = new Map<string, readonly ShellCheckComment[]>();
  return {
    executable,
    check(scripts) {
      const todo = [...new Set(scripts.filter((s) => !cache.has(s)))];
      if (cache.size + todo.length > CACHE_LIMIT) cache.clear();
      for (let i = 0; i < todo.length; i += BATCH) {
        const batch = todo.slice(i, i + BATCH);
        const results = run(executable, batch);
        batch.forEach((script, j) => cache.set(script, results[j]!));
      }
      return scripts.map((s) => cache.get(s) ?? []);
    },
  };
}

/** One `shellcheck -f json1` process over the scripts: standard input for one, files in a private temporary directory for more. */
function run(executable: string, scripts: readonly string[]): ReadonlyArray<readonly ShellCheckComment[]> {
  if (scripts.length === 1) return [parse(executable, exec(executable, ['-f', 'json1', '-'], { input: scripts[0]! }), ['-'])[0]!];
  // node:os required here, like child_process below, so that a `dfopt lint` start-up does not load it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dir = mkdtempSync(join((require('node:os') as typeof Os).tmpdir(), 'dfopt-shellcheck-'));
  try {
    const names = scripts.map((script, i) => {
      const name = `${i}.sh`;
      writeFileSync(join(dir, name), script);
      return name;
    });
    return parse(executable, exec(executable, ['-f', 'json1', ...names], { cwd: dir }), names);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function exec(executable: string, args: readonly string[], options: { input?: string; cwd?: string }): string {
  try {
    // Required here: only --shellcheck starts a process, so a plain `dfopt lint` start-up never loads child_process.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { execFileSync } = require('node:child_process') as typeof ChildProcess;
    return execFileSync(executable, args, { ...options, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
  } catch (error) {
    const e = error as { code?: string; status?: number | null; stdout?: string; stderr?: string };
    // Exit 1 means "found something": the report is on stdout as usual.
    if (e.status === 1 && e.stdout) return e.stdout;
    const why = e.code === 'ENOENT' ? 'not found' : (e.stderr ?? '').trim().split('\n')[0] || `exit status ${e.status ?? e.code ?? 'unknown'}`;
    throw new ShellCheckError(`${executable} could not check the RUN scripts (${why})`);
  }
}

const LEVELS = new Set(['error', 'warning', 'info', 'style']);

function parse(executable: string, stdout: string, names: readonly string[]): ReadonlyArray<readonly ShellCheckComment[]> {
  let comments: unknown;
  try {
    comments = (JSON.parse(stdout) as { comments?: unknown }).comments;
  } catch {
    comments = undefined;
  }
  if (!Array.isArray(comments)) throw new ShellCheckError(`${executable} did not answer in -f json1 format (ShellCheck 0.7 or later is needed)`);
  const byName = new Map<string, ShellCheckComment[]>(names.map((n) => [n, []]));
  for (const c of comments as Array<Record<string, unknown>>) {
    const list = byName.get(String(c.file));
    if (!list || typeof c.code !== 'number' || typeof c.line !== 'number' || typeof c.column !== 'number') continue;
    list.push({
      line: c.line,
      column: c.column,
      endLine: typeof c.endLine === 'number' ? c.endLine : c.line,
      endColumn: typeof c.endColumn === 'number' ? c.endColumn : c.column,
      level: LEVELS.has(String(c.level)) ? (c.level as ShellCheckLevel) : 'error',
      code: c.code,
      message: String(c.message ?? ''),
    });
  }
  return names.map((n) => byName.get(n)!);
}
