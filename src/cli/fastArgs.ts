import type { FailureThreshold } from '../config';
import { FORMAT_NAMES, type FormatName } from '../report';

/** What `dfopt lint` and `dfopt fix` both take: which files, and the settings they are checked under. */
export interface InputArgs {
  readonly paths: readonly string[];
  readonly stdin: boolean;
  readonly 'stdin-filename'?: string;
  readonly 'failure-threshold'?: FailureThreshold;
  readonly rule: readonly string[];
  /** `NAME=VALUE` strings from `--build-arg` (yargs only: the fast path leaves it to yargs). */
  readonly 'build-arg'?: readonly string[];
  readonly config?: string;
  readonly context?: string;
  readonly color?: boolean;
}

/** What `dfopt lint` takes, as yargs hands it over (and as parseLintArgs does). */
export interface LintArgs extends InputArgs {
  readonly format: FormatName;
  readonly 'output-file'?: string;
  readonly 'max-warnings'?: number;
  readonly quiet: boolean;
  readonly cache: boolean;
  readonly 'cache-location'?: string;
  /** `--shellcheck[=auto|off|path]` (yargs only: the fast path leaves it to yargs). */
  readonly shellcheck?: string;
  /** `--timing`: print the slowest rules to stderr (yargs only: the fast path leaves it to yargs). */
  readonly timing?: boolean;
  /** `--jobs N|auto`, as a number of threads (yargs only: a run long enough for threads can afford yargs). */
  readonly jobs?: number;
}

const THRESHOLDS: readonly string[] = ['error', 'warning', 'info', 'style', 'none'];
/** Options of both commands' fast paths: the option as typed → its name in argv. */
const INPUT_VALUES: Readonly<Record<string, string>> = {
  '--format': 'format',
  '-f': 'format',
  '--output-file': 'output-file',
  '-o': 'output-file',
  '--failure-threshold': 'failure-threshold',
  '--rule': 'rule',
  '--config': 'config',
  '-c': 'config',
  '--context': 'context',
  '--stdin-filename': 'stdin-filename',
};
const INPUT_FLAGS: Readonly<Record<string, readonly [string, boolean]>> = {
  '--stdin': ['stdin', true],
  '--color': ['color', true],
  '--no-color': ['color', false],
};

/** How one command's fast path reads its options. */
interface Grammar {
  /** Options that take one value each: as typed → argv name. */
  readonly values: Readonly<Record<string, string>>;
  /** Options given once or more, each time with one value (yargs' `[v].flat()` coerce): argv names. */
  readonly repeated: ReadonlySet<string>;
  /** Boolean options: as typed → [argv name, value]. */
  readonly flags: Readonly<Record<string, readonly [string, boolean]>>;
  readonly formats: readonly string[];
}

const LINT: Grammar = {
  values: { ...INPUT_VALUES, '--max-warnings': 'max-warnings', '--cache-location': 'cache-location' },
  repeated: new Set(['rule']),
  flags: { ...INPUT_FLAGS, '--quiet': ['quiet', true], '-q': ['quiet', true], '--cache': ['cache', true] },
  formats: FORMAT_NAMES,
};

const FIX: Grammar = {
  values: { ...INPUT_VALUES, '--only': 'only', '--pin': 'pin' },
  repeated: new Set(['rule', 'only', 'pin']),
  flags: {
    ...INPUT_FLAGS,
    '--dry-run': ['dry-run', true],
    '--check': ['check', true],
    '--exit-non-zero-on-fix': ['exit-non-zero-on-fix', true],
    '--unsafe': ['unsafe', true],
    '--explain': ['explain', true],
  },
  formats: ['stylish', 'json'],
};

const OTHER_COMMANDS = new Set(['fix', 'rules', 'explain', 'init', 'lsp', 'completion']);

interface Parsed {
  readonly paths: string[];
  readonly values: Record<string, string>;
  readonly lists: Record<string, string[]>;
  readonly flags: Record<string, boolean>;
}

/**
 * The options and paths of a command line after its command word (`lint`, optional, or `fix`), by `grammar`; null for
 * anything yargs should read (see parseLintArgs).
 */
function parse(args: readonly string[], grammar: Grammar, command: 'lint' | 'fix'): Parsed | null {
  const values: Record<string, string> = {};
  const flags: Record<string, boolean> = {};
  const lists: Record<string, string[]> = {};
  for (const key of grammar.repeated) lists[key] = [];
  const paths: string[] = [];
  let commandSeen = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '' || arg === '-') return null;
    if (!arg.startsWith('-')) {
      if (!commandSeen && paths.length === 0) {
        commandSeen = true;
        if (arg === command) continue;
        // `fix` is the first word of its command line here; a first word that names no command is lint's first path.
        if (command === 'fix' || OTHER_COMMANDS.has(arg)) return null;
      }
      paths.push(arg);
      continue;
    }
    // `dfopt --unsafe fix x`: yargs reads options before the command word too; the fast path leaves those to it.
    if (command === 'fix' && !commandSeen) return null;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const flag = grammar.flags[name];
    if (flag) {
      // `--quiet false` and `--cache=true` are yargs' to read; so is a flag given twice.
      if (eq > 0 || args[i + 1] === 'true' || args[i + 1] === 'false' || flag[0] in flags) return null;
      flags[flag[0]] = flag[1];
      continue;
    }
    const key = grammar.values[name];
    if (!key) return null;
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    // A missing value, or one that looks like an option: yargs reports or reads those.
    if (value === undefined || value === '' || value.startsWith('-')) return null;
    if (key in lists) lists[key]!.push(value);
    else if (key in values) return null;
    else values[key] = value;
  }
  if (command === 'fix' && !commandSeen) return null;
  if (values.format !== undefined && !grammar.formats.includes(values.format)) return null;
  const threshold = values['failure-threshold'];
  if (threshold !== undefined && !THRESHOLDS.includes(threshold)) return null;
  return { paths, values, lists, flags };
}

/** What both commands' fast paths give, under yargs' names. */
const inputArgs = ({ paths, values, lists, flags }: Parsed) => ({
  paths,
  stdin: flags.stdin ?? false,
  ...(values['stdin-filename'] !== undefined ? { 'stdin-filename': values['stdin-filename'] } : {}),
  ...(values['output-file'] !== undefined ? { 'output-file': values['output-file'] } : {}),
  ...(values['failure-threshold'] !== undefined ? { 'failure-threshold': values['failure-threshold'] as FailureThreshold } : {}),
  rule: lists.rule!,
  ...(values.config !== undefined ? { config: values.config } : {}),
  ...(values.context !== undefined ? { context: values.context } : {}),
});

/**
 * The everyday command line — `dfopt [lint] [options] [paths]` with well-formed options — parsed without loading
 * yargs, which was the largest part of the JavaScript a one-file `dfopt lint` ran before linting (pre-commit starts
 * dfopt once per commit). Null for anything else (help, version, other commands, an unknown, repeated or
 * ill-formed option, a value yargs would read differently): yargs then parses it and gives its usual help or error.
 * It accepts nothing yargs rejects, and gives the same values yargs would (test/cli/fastArgs.test.ts holds both to it).
 */
export function parseLintArgs(args: readonly string[]): LintArgs | null {
  const parsed = parse(args, LINT, 'lint');
  if (!parsed) return null;
  const { values, flags } = parsed;
  const maxWarnings = values['max-warnings'];
  if (maxWarnings !== undefined && !/^\d+$/.test(maxWarnings)) return null;
  return {
    ...inputArgs(parsed),
    format: (values.format ?? 'stylish') as FormatName,
    ...(maxWarnings !== undefined ? { 'max-warnings': Number(maxWarnings) } : {}),
    quiet: flags.quiet ?? false,
    cache: flags.cache ?? false,
    ...(values['cache-location'] !== undefined ? { 'cache-location': values['cache-location'] } : {}),
    ...(flags.color !== undefined ? { color: flags.color } : {}),
  };
}

/** What `dfopt fix` takes, as yargs hands it over (and as parseFixArgs does). */
export interface FixArgs extends InputArgs {
  readonly 'dry-run': boolean;
  readonly check: boolean;
  readonly 'exit-non-zero-on-fix': boolean;
  readonly unsafe: boolean;
  readonly only: readonly string[];
  readonly pin: readonly string[];
  readonly format: 'stylish' | 'json';
  readonly 'output-file'?: string;
  readonly explain: boolean;
  /** `--verify` (yargs only: a run that builds images can afford yargs). */
  readonly verify?: boolean;
}

/**
 * `dfopt fix [options] [paths]` (pre-commit's other hook: `dfopt fix --exit-non-zero-on-fix <files>`), parsed without
 * yargs as parseLintArgs does lint's: `fix` first, then well-formed options of its own; null for anything else.
 */
export function parseFixArgs(args: readonly string[]): FixArgs | null {
  const parsed = parse(args, FIX, 'fix');
  if (!parsed) return null;
  const { values, lists, flags } = parsed;
  return {
    ...inputArgs(parsed),
    ...(flags.color !== undefined ? { color: flags.color } : {}),
    'dry-run': flags['dry-run'] ?? false,
    check: flags.check ?? false,
    'exit-non-zero-on-fix': flags['exit-non-zero-on-fix'] ?? false,
    unsafe: flags.unsafe ?? false,
    only: lists.only!,
    pin: lists.pin!,
    format: (values.format ?? 'stylish') as 'stylish' | 'json',
    explain: flags.explain ?? false,
  };
}
