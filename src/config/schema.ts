import { FINAL_BASE_CHOICES, type FinalBaseChoice, LEVELS, type LintConfig, type Level, PRESETS, type Preset, type RuleEntry, type RuleRegistry, SEVERITIES, type Severity } from '../engine';
import { isLabelFormat, LABEL_FORMATS } from '../model/labels';
import { parseSize } from '../sizes';

export type FailureThreshold = Severity | 'none';

/** A validated config file: what the engine needs plus what the CLI uses. */
export interface DfoptConfig extends LintConfig {
  /** Globs of files not to lint, relative to `baseDir`. */
  readonly ignore?: readonly string[];
  readonly failureThreshold?: FailureThreshold;
  /**
   * Run the real ShellCheck on RUN scripts for the SC codes dfopt does not check natively: `auto` (when on PATH),
   * `off` (the default), or the binary's path (relative to `baseDir`). Starting a process is never the default.
   */
  readonly shellcheck?: string;
  /** Where it came from (for messages), and the directory `ignore` globs are relative to. */
  readonly source?: string;
  readonly baseDir?: string;
}

/** A config problem, pointing at the file, the key and, when known, the line. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly key: string | null,
    readonly detail: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${key ? `${key}: ` : ''}${detail}`);
    this.name = 'ConfigError';
  }
}

/** Wildcards (`*` or `**`) an `ignore` glob may hold; see globProblem. */
const MAX_GLOB_WILDCARDS = 3;

/**
 * Why an `ignore` glob is refused, or '': picomatch compiles a glob to a regular expression, which backtracks, so a
 * glob of many wildcards takes time polynomial in the path's length to its number: `*a*a*a*a*a*a*a*a*a*a*a*a*x` in a
 * repository's config took 19 s on one 30-character file name, and four wildcards take a second on a long one. With
 * at most MAX_GLOB_WILDCARDS the slowest measured is 8 ms on a 4,000-character path. Extended globs (`@(a|b)`,
 * `+(…)`) are refused for the same reason: their alternatives repeat.
 */
export function globProblem(glob: string): string {
  let wildcards = 0;
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '\\') i++;
    else if ('@*+?!'.includes(ch) && glob[i + 1] === '(') return `'${glob}': extended globs such as @(a|b) and +(…) are not supported; list the globs one by one`;
    else if (ch === '[') i = Math.max(i, glob.indexOf(']', i + 2));
    else if (ch === '*') {
      wildcards++;
      while (glob[i + 1] === '*') i++;
    }
  }
  return wildcards > MAX_GLOB_WILDCARDS
    ? `'${glob}' has ${wildcards} wildcards (* or **), more than ${MAX_GLOB_WILDCARDS}: matching such a glob can take minutes on a long path; split it into simpler globs`
    : '';
}

/** What a config file's `shellcheck:` may say: auto, off, or the `shellcheck` on PATH, required (as `--shellcheck` alone). */
const FILE_SHELLCHECK_SETTINGS: readonly string[] = ['auto', 'off', 'shellcheck'];

const KNOWN_KEYS = ['extends', 'rules', 'ignore', 'failureThreshold', 'trustedRegistries', 'imagePins', 'labelSchema', 'strictLabels', 'optimize', 'minSavings', 'shellcheck'] as const;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/**
 * Checks a parsed config object. `lineOf(path)` maps a key path to its line in the file, so errors can say
 * `.dfopt.yaml:7: rules.pin-base-imag: unknown rule`.
 */
export function validateConfig(
  raw: unknown,
  file: string,
  registry: RuleRegistry,
  lineOf: (path: readonly (string | number)[]) => number | undefined = () => undefined,
  /**
   * 'file': a config file, which may come with the code it lints (a cloned repository, a pull request), so it names no
   * program to run. 'api': a config object a program passes, as trusted as that program.
   */
  origin: 'file' | 'api' = 'file',
): DfoptConfig {
  const fail = (path: (string | number)[], detail: string): never => {
    throw new ConfigError(file, path.join('.') || null, detail, lineOf(path));
  };
  if (raw === null || raw === undefined) return {};
  if (!isRecord(raw)) return fail([], 'the config must be a mapping of keys to values');

  for (const key of Object.keys(raw)) {
    if (!(KNOWN_KEYS as readonly string[]).includes(key)) {
      fail([key], `unknown key (known keys: ${KNOWN_KEYS.join(', ')})`);
    }
  }

  const config: { -readonly [K in keyof DfoptConfig]: DfoptConfig[K] } = {};
  if (raw.extends !== undefined) {
    if (typeof raw.extends !== 'string' || !(PRESETS as readonly string[]).includes(raw.extends)) {
      fail(['extends'], `must be one of ${PRESETS.join(', ')}`);
    }
    config.extends = raw.extends as Preset;
  }

  if (raw.rules !== undefined) {
    if (!isRecord(raw.rules)) fail(['rules'], 'must be a mapping of rule ids to levels');
    const rules: Record<string, RuleEntry> = {};
    for (const [id, entry] of Object.entries(raw.rules as Record<string, unknown>)) {
      rules[id] = validateRuleEntry(id, entry, registry, (detail, sub = []) => fail(['rules', id, ...sub], detail));
    }
    config.rules = rules;
  }

  if (raw.ignore !== undefined) {
    if (!isStringArray(raw.ignore)) fail(['ignore'], 'must be a list of glob strings');
    (raw.ignore as string[]).forEach((glob, i) => {
      const problem = globProblem(glob);
      if (problem) fail(['ignore', i], problem);
    });
    config.ignore = raw.ignore as string[];
  }
  if (raw.failureThreshold !== undefined) {
    const t = raw.failureThreshold;
    if (typeof t !== 'string' || !([...SEVERITIES, 'none'] as string[]).includes(t)) {
      fail(['failureThreshold'], `must be one of ${[...SEVERITIES, 'none'].join(', ')}`);
    }
    config.failureThreshold = t as FailureThreshold;
  }
  if (raw.trustedRegistries !== undefined) {
    if (!isStringArray(raw.trustedRegistries)) fail(['trustedRegistries'], 'must be a list of registry host names');
    config.trustedRegistries = raw.trustedRegistries as string[];
  }
  if (raw.imagePins !== undefined) {
    if (!isRecord(raw.imagePins) || !Object.values(raw.imagePins).every((v) => typeof v === 'string')) {
      fail(['imagePins'], 'must map image names to tags or digests (strings)');
    }
    config.imagePins = raw.imagePins as Record<string, string>;
  }
  if (raw.labelSchema !== undefined) {
    if (!isRecord(raw.labelSchema)) fail(['labelSchema'], 'must map label names to formats');
    for (const [label, format] of Object.entries(raw.labelSchema as Record<string, unknown>)) {
      if (typeof format !== 'string' || !isLabelFormat(format)) {
        fail(['labelSchema', label], `unknown format ${JSON.stringify(format)} (use one of ${LABEL_FORMATS.join(', ')})`);
      }
    }
    config.labelSchema = raw.labelSchema as Record<string, string>;
  }
  if (raw.optimize !== undefined) {
    if (!isRecord(raw.optimize)) fail(['optimize'], 'must be a mapping, e.g. optimize: { finalBase: distroless }');
    const optimize = raw.optimize as Record<string, unknown>;
    for (const key of Object.keys(optimize)) {
      if (key !== 'finalBase' && key !== 'stripBinaries') fail(['optimize', key], 'unknown key (known: finalBase, stripBinaries)');
    }
    if (optimize.stripBinaries !== undefined && typeof optimize.stripBinaries !== 'boolean') fail(['optimize', 'stripBinaries'], 'must be true or false');
    const finalBase = optimize.finalBase;
    if (finalBase !== undefined && !(FINAL_BASE_CHOICES as readonly unknown[]).includes(finalBase)) {
      fail(['optimize', 'finalBase'], `must be one of ${FINAL_BASE_CHOICES.join(', ')}`);
    }
    config.optimize = { finalBase: finalBase as FinalBaseChoice | undefined, stripBinaries: optimize.stripBinaries as boolean | undefined };
  }
  if (raw.strictLabels !== undefined) {
    if (typeof raw.strictLabels !== 'boolean') fail(['strictLabels'], 'must be true or false');
    config.strictLabels = raw.strictLabels as boolean;
  }
  if (raw.shellcheck !== undefined) {
    const value = raw.shellcheck === true ? 'auto' : raw.shellcheck === false ? 'off' : raw.shellcheck;
    if (typeof value !== 'string' || value.trim() === '') fail(['shellcheck'], `must be ${origin === 'file' ? 'auto, off or shellcheck' : 'auto, off or the path of the shellcheck binary'}`);
    const setting = (value as string).trim();
    // `shellcheck: ./tools/sc` in a repository's .dfopt.yaml ran that file on `dfopt lint` there, and on opening its
    // Dockerfile in an editor: a config file is data. Only the shellcheck on PATH is run for one.
    if (origin === 'file' && !FILE_SHELLCHECK_SETTINGS.includes(setting)) {
      fail(['shellcheck'], `must be auto, off or shellcheck (the one on PATH), not '${setting}': a config file can come with the code it lints, so dfopt runs no program it names; give a path with --shellcheck=PATH`);
    }
    config.shellcheck = setting;
  }
  if (raw.minSavings !== undefined) {
    const bytes = typeof raw.minSavings === 'string' || typeof raw.minSavings === 'number' ? parseSize(raw.minSavings) : null;
    if (bytes === null) fail(['minSavings'], 'must be a size such as 1MB, 500kB, 2MiB or a number of bytes');
    config.minSavings = bytes!;
  }
  return config;
}

/** Validates one `rules` entry (also used for `--rule id=level` on the command line). */
export function validateRuleEntry(
  id: string,
  entry: unknown,
  registry: RuleRegistry,
  fail: (detail: string, subPath?: (string | number)[]) => never,
): RuleEntry {
  const rule = registry.get(id);
  if (!rule) {
    const suggestion = registry.suggest(id);
    return fail(`unknown rule '${id}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`);
  }
  const isLevel = (v: unknown): v is Level => typeof v === 'string' && (LEVELS as readonly string[]).includes(v);
  if (isLevel(entry)) return entry;
  if (Array.isArray(entry) && entry.length >= 1 && entry.length <= 2 && isLevel(entry[0])) {
    const options = entry[1] ?? {};
    if (!isRecord(options)) return fail('options must be a mapping', [1]);
    const schema = rule.meta.options ?? {};
    for (const [name, value] of Object.entries(options)) {
      const option = schema[name];
      if (!option) {
        const known = Object.keys(schema);
        return fail(`unknown option '${name}' (${known.length ? `known: ${known.join(', ')}` : 'this rule has no options'})`, [1, name]);
      }
      const ok = option.type === 'string[]' ? isStringArray(value) : typeof value === option.type;
      if (!ok) return fail(`option '${name}' must be a ${option.type}`, [1, name]);
    }
    return [entry[0], options];
  }
  return fail(`invalid level ${JSON.stringify(entry)} (use one of ${LEVELS.join(', ')}, or [level, {options}])`);
}
