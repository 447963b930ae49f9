import { type BigIntStats, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, ConfigResolver, type DfoptConfig, validateRuleEntry } from '../config';
import type { BuildContext, RuleEntry, RuleRegistry } from '../engine';
import { BuildContextCache } from './buildContext';
import { findFiles, isIgnored } from './findFiles';
import { decodeDockerfile, InputError, readDockerfile } from './readDockerfile';

/** Options `lint` and `fix` share: what to read and how to configure it. */
export interface InputOptions {
  readonly paths: readonly string[];
  readonly stdin: boolean;
  readonly stdinFilename?: string;
  /** `id=level` strings from `--rule`. */
  readonly rule: readonly string[];
  /** `NAME=VALUE` (or `NAME`, valued from the environment) strings from `--build-arg`. */
  readonly buildArg?: readonly string[];
  readonly config?: string;
  /** Build context directory (`--context`); default: each Dockerfile's directory, none for --stdin. */
  readonly context?: string;
  /** `--shellcheck[=auto|off|path]`: overrides the config's `shellcheck` (a bare `--shellcheck` is the one on PATH, required). */
  readonly shellcheck?: string;
}

export interface Input {
  /** The path as given (or the --stdin-filename). */
  readonly file: string;
  readonly text: string;
  readonly config: DfoptConfig;
  readonly buildContext: BuildContext | undefined;
}

/** The Dockerfiles of a run, read one at a time (see streamInputs). */
export interface InputStream {
  /** How many files were found, before any is read: ignored and unreadable ones are counted (for progress). */
  readonly total: number;
  /** Their names, in order (what a `--jobs` run shares out). */
  readonly files: readonly string[];
  /** What reads them: a `--jobs` run reads them in this thread itself, out of order. */
  readonly reader: InputReader;
  /**
   * Each readable, not ignored file in order, with its index among the `total` found. Problems with one file are
   * reported as it is reached; the generator returns 'usage' when a config error stops the run there.
   */
  readonly inputs: Generator<Input & { readonly index: number }, 'usage' | undefined>;
}

/**
 * Every Dockerfile to process with its config and build context, in order. Problems with one file (missing, binary,
 * …) are reported through `problem` and the file is skipped; a config or `--rule` error stops everything: then the
 * result is 'usage' (exit 2), and nothing has been processed (`fix` writes files: it needs that guarantee).
 */
export function readInputs(
  options: InputOptions,
  registry: RuleRegistry,
  readStdin: () => Buffer,
  problem: (message: string) => void,
  /** Something the user should know that is not an error (a build context too large to read whole). */
  note: (message: string) => void = () => undefined,
): Input[] | 'usage' {
  const stream = streamInputs(options, registry, readStdin, problem, note);
  if (stream === 'usage') return 'usage';
  const inputs: Input[] = [];
  for (let next = stream.inputs.next(); ; next = stream.inputs.next()) {
    if (next.done) return next.value ?? inputs;
    inputs.push(next.value);
  }
}

/**
 * readInputs one file at a time, for `lint`: a run over a tree holds one file's text at a time instead of all of them.
 * Command-line errors (`--rule`, `--build-arg`) and paths that match nothing are reported before the first file.
 */
export function streamInputs(
  options: InputOptions,
  registry: RuleRegistry,
  readStdin: () => Buffer,
  problem: (message: string) => void,
  note: (message: string) => void = () => undefined,
): InputStream | 'usage' {
  const created = InputReader.create(options, registry, readStdin, problem, note);
  if (created === 'usage') return 'usage';
  const reader: InputReader = created;
  const files = reader.files();
  return { total: files.length, files, reader, inputs: read() };

  function* read(): Generator<Input & { readonly index: number }, 'usage' | undefined> {
    for (const [index, file] of files.entries()) {
      const input = reader.read(file);
      if (input === 'usage') return 'usage';
      if (input !== 'skipped') yield { index, ...input };
    }
    return undefined;
  }
}

/**
 * Reads Dockerfiles one at a time with what the command line says (`--rule`, `--build-arg`, `--config`,
 * `--context`, `--shellcheck`). One per run, or per thread of a `--jobs` run: configs and build contexts are read
 * once and shared by the Dockerfiles that use them (the default context, a file's own directory, is walked once).
 */
export class InputReader {
  private readonly configs: ConfigResolver;
  private readonly contexts: BuildContextCache;
  private readonly cliShellcheck: string | undefined;

  private constructor(
    private readonly options: InputOptions,
    registry: RuleRegistry,
    private readonly readStdin: () => Buffer,
    private readonly cliRules: Readonly<Record<string, RuleEntry>>,
    private readonly buildArgs: Readonly<Record<string, string>>,
    private readonly problem: (message: string) => void,
    private readonly note: (message: string) => void,
  ) {
    this.configs = new ConfigResolver(registry, options.config);
    this.contexts = new BuildContextCache({ onLimit: note });
    // A path given on the command line is relative to where dfopt runs, not to the config's directory.
    this.cliShellcheck = options.shellcheck === undefined ? undefined : resolveCliShellcheck(options.shellcheck);
  }

  /** A reader, or 'usage' (reported through `problem`) when a `--rule` or `--build-arg` is malformed. */
  static create(
    options: InputOptions,
    registry: RuleRegistry,
    readStdin: () => Buffer,
    problem: (message: string) => void,
    note: (message: string) => void = () => undefined,
  ): InputReader | 'usage' {
    const cliRules: Record<string, RuleEntry> = {};
    for (const spec of options.rule) {
      const eq = spec.indexOf('=');
      if (eq <= 0) {
        problem(`--rule ${spec}: expected id=level, e.g. --rule pin-base-image=error`);
        return 'usage';
      }
      const id = spec.slice(0, eq).trim();
      try {
        cliRules[id] = validateRuleEntry(id, spec.slice(eq + 1).trim(), registry, (detail) => {
          throw new ConfigError(`--rule ${spec}`, null, detail);
        });
      } catch (error) {
        problem((error as Error).message);
        return 'usage';
      }
    }
    const buildArgs: Record<string, string> = {};
    for (const spec of options.buildArg ?? []) {
      const eq = spec.indexOf('=');
      if (eq === 0 || spec === '') {
        problem(`--build-arg ${spec}: expected NAME=VALUE or NAME, e.g. --build-arg BUILDKIT_DOCKERFILE_CHECK=skip=all`);
        return 'usage';
      }
      if (eq > 0) {
        buildArgs[spec.slice(0, eq)] = spec.slice(eq + 1);
        continue;
      }
      // A NAME alone takes its value from the environment, and is not set when the environment lacks it: what
      // `docker build --build-arg NAME` does (`NAME=` sets an empty value).
      const value = process.env[spec];
      if (value !== undefined) buildArgs[spec] = value;
    }
    return new InputReader(options, registry, readStdin, cliRules, buildArgs, problem, note);
  }

  /**
   * What to read, in order: standard input (by its name), or the files the paths name (problems with the paths are
   * reported). Names only, one string each: the list lives as long as the run.
   */
  files(): readonly string[] {
    if (this.options.stdin) return [this.options.stdinFilename ?? '<stdin>'];
    const found = findFiles(this.options.paths.length > 0 ? this.options.paths : ['.']);
    for (const error of found.errors) this.problem(error.message);
    for (const message of found.unsearched) this.note(message);
    return found.files;
  }

  /**
   * The source's text with its config and build context; 'skipped' when the config ignores it or it cannot be read
   * (reported), 'usage' when its config is invalid (reported: the run stops).
   */
  read(file: string): Input | 'skipped' | 'usage' {
    const { options } = this;
    // Resolved once: each resolve() reads the working directory and normalises the whole path.
    const full = options.stdin ? undefined : resolve(file);
    let config: DfoptConfig;
    try {
      // stdin without a filename is governed by the config of the current directory.
      config = this.withCli(this.configs.forFile(options.stdin && !options.stdinFilename ? join(process.cwd(), 'Dockerfile') : (full ?? resolve(file))));
    } catch (error) {
      if (error instanceof ConfigError) {
        this.problem(error.message);
        return 'usage';
      }
      throw error;
    }
    if (full !== undefined && isIgnored(file, config.ignore, config.baseDir ?? dirname(full))) return 'skipped';
    let text: string;
    try {
      text = options.stdin ? decodeDockerfile(this.readStdin(), file) : readDockerfile(file);
    } catch (error) {
      if (error instanceof InputError) {
        this.problem(error.message);
        return 'skipped';
      }
      throw error;
    }
    const contextDir = options.context ?? (full === undefined ? undefined : dirname(full));
    const dockerfilePath = full ?? ((options.stdinFilename && resolve(options.stdinFilename)) || undefined);
    const buildContext = contextDir === undefined ? undefined : this.contexts.get(contextDir, dockerfilePath);
    return { file, text, config, buildContext };
  }

  private withCli(config: DfoptConfig): DfoptConfig {
    const ruled = this.options.rule.length === 0 ? config : { ...config, rules: { ...config.rules, ...this.cliRules } };
    const argued = Object.keys(this.buildArgs).length === 0 ? ruled : { ...ruled, buildArgs: { ...ruled.buildArgs, ...this.buildArgs } };
    return this.cliShellcheck === undefined ? argued : { ...argued, shellcheck: this.cliShellcheck };
  }
}

/**
 * A report file that is one of the run's Dockerfiles (by any path to it, a symbolic or a hard link included), as
 * `--output-file X is a Dockerfile being linted` ('' when none is): a report written there would replace the
 * Dockerfile (`dfopt lint Dockerfile -o Dockerfile` did). `outputs` maps each report file to how the user named it.
 * Only a report file that exists can be one, so the Dockerfiles are stat'ed only then.
 */
export function reportReplacingInput(outputs: ReadonlyMap<string, string>, files: readonly string[], verb: 'linted' | 'fixed'): string {
  for (const [output, label] of outputs) {
    const target = identity(output);
    if (!target?.isFile()) continue;
    for (const file of files) {
      const input = identity(file);
      if (input?.ino !== target.ino || input.dev !== target.dev) continue;
      const which = resolve(file) === resolve(output) ? '' : ` (${file})`;
      return `${label} ${output} is a Dockerfile being ${verb}${which}: the report would replace it`;
    }
  }
  return '';
}

/**
 * A path's stat, or null when there is none to take for any reason (missing, `ENOTDIR`, a symbolic-link loop): such
 * a report file is reported when it is written, such a Dockerfile when it is read.
 */
function identity(path: string): BigIntStats | null {
  try {
    return statSync(path, { bigint: true });
  } catch {
    return null;
  }
}

/** `--shellcheck` alone asks for the `shellcheck` on PATH (an error when missing, unlike `auto`); paths become absolute. */
function resolveCliShellcheck(value: string): string {
  const v = value.trim();
  if (v === '') return 'shellcheck';
  return v === 'auto' || v === 'off' || !/[/\\]/.test(v) ? v : resolve(v);
}
