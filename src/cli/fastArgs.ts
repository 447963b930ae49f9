import type { FailureThreshold } from '../config';
import { FORMAT_NAMES, type FormatName } from '../report';

/** What `dfopt lint` takes, as yargs hands it over (and as parseLintArgs does). */
export interface LintArgs {
  readonly paths: readonly string[];
  readonly stdin: boolean;
  readonly 'stdin-filename'?: string;
  readonly format: FormatName;
  readonly 'output-file'?: string;
  readonly 'max-warnings'?: number;
  readonly 'failure-threshold'?: FailureThreshold;
  readonly rule: readonly string[];
  /** `NAME=VALUE` strings from `--build-arg` (yargs only: the fast path leaves it to yargs). */
  readonly 'build-arg'?: readonly string[];
  readonly config?: string;
  readonly context?: string;
  readonly quiet: boolean;
  readonly cache: boolean;
  readonly 'cache-location'?: string;
  readonly color?: boolean;
  /** `--shellcheck[=auto|off|path]` (yargs only: the fast path leaves it to yargs). */
  readonly shellcheck?: string;
  /** `--timing`: print the slowest rules to stderr (yargs only: the fast path leaves it to yargs). */
  readonly timing?: boolean;
  /** `--jobs N|auto`, as a number of threads (yargs only: a run long enough for threads can afford yargs). */
  readonly jobs?: number;
}

const THRESHOLDS: readonly string[] = ['error', 'warning', 'info', 'style', 'none'];
const VALUE_OPTIONS: Readonly<Record<string, string>> = {
  '--format': 'format',
  '-f': 'format',
  '--output-file': 'output-file',
  '-o': 'output-file',
  '--max-warnings': 'max-warnings',
  '--failure-threshold': 'failure-threshold',
  '--rule': 'rule',
  '--config': 'config',
  '-c': 'config',
  '--context': 'context',
  '--stdin-filename': 'stdin-filename',
  '--cache-location': 'cache-location',
};
const FLAGS: Readonly<Record<string, readonly [string, boolean]>> = {
  '--stdin': ['stdin', true],
  '--quiet': ['quiet', true],
  '-q': ['quiet', true],
  '--cache': ['cache', true],
  '--color': ['color', true],
  '--no-color': ['color', false],
};
const OTHER_COMMANDS = new Set(['fix', 'rules', 'explain', 'init', 'lsp', 'completion']);

/**
 * The everyday command line — `dfopt [lint] [options] [paths]` with well-formed options — parsed without loading
 * yargs, which was the largest part of the JavaScript a one-file `dfopt lint` ran before linting (pre-commit starts
 * dfopt once per commit). Null for anything else (help, version, other commands, an unknown, repeated or
 * ill-formed option, a value yargs would read differently): yargs then parses it and gives its usual help or error.
 * It accepts nothing yargs rejects, and gives the same values yargs would (test/cli/fastArgs.test.ts holds both to it).
 */
export function parseLintArgs(args: readonly string[]): LintArgs | null {
  const values: Record<string, string> = {};
  const flags: Record<string, boolean> = {};
  const rules: string[] = [];
  const paths: string[] = [];
  let commandSeen = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '' || arg === '-') return null;
    if (!arg.startsWith('-')) {
      if (!commandSeen && paths.length === 0) {
        if (OTHER_COMMANDS.has(arg)) return null;
        commandSeen = true;
        if (arg === 'lint') continue;
      }
      paths.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const flag = FLAGS[name];
    if (flag) {
      // `--quiet false` and `--cache=true` are yargs' to read; so is a flag given twice.
      if (eq > 0 || args[i + 1] === 'true' || args[i + 1] === 'false' || flag[0] in flags) return null;
      flags[flag[0]] = flag[1];
      continue;
    }
    const key = VALUE_OPTIONS[name];
    if (!key) return null;
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    // A missing value, or one that looks like an option: yargs reports or reads those.
    if (value === undefined || value === '' || value.startsWith('-')) return null;
    if (key === 'rule') rules.push(value);
    else if (key in values) return null;
    else values[key] = value;
  }
  const format = values.format ?? 'stylish';
  if (!(FORMAT_NAMES as readonly string[]).includes(format)) return null;
  const threshold = values['failure-threshold'];
  if (threshold !== undefined && !THRESHOLDS.includes(threshold)) return null;
  const maxWarnings = values['max-warnings'];
  if (maxWarnings !== undefined && !/^\d+$/.test(maxWarnings)) return null;
  return {
    paths,
    stdin: flags.stdin ?? false,
    ...(values['stdin-filename'] !== undefined ? { 'stdin-filename': values['stdin-filename'] } : {}),
    format: format as FormatName,
    ...(values['output-file'] !== undefined ? { 'output-file': values['output-file'] } : {}),
    ...(maxWarnings !== undefined ? { 'max-warnings': Number(maxWarnings) } : {}),
    ...(threshold !== undefined ? { 'failure-threshold': threshold as FailureThreshold } : {}),
    rule: rules,
    ...(values.config !== undefined ? { config: values.config } : {}),
    ...(values.context !== undefined ? { context: values.context } : {}),
    quiet: flags.quiet ?? false,
    cache: flags.cache ?? false,
    ...(values['cache-location'] !== undefined ? { 'cache-location': values['cache-location'] } : {}),
    ...(flags.color !== undefined ? { color: flags.color } : {}),
  };
}
