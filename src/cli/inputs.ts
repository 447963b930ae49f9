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
  /** `NAME=VALUE` strings from `--build-arg`. */
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

/** A Dockerfile to read: its name, and how to read its text (which may fail with an InputError). */
export interface Source {
  readonly file: string;
  readonly read: () => string;
}

/**
 * Every Dockerfile to process with its config and build context, in order. Problems with one file (missing, binary,
 * …) are reported through `problem` and the file is skipped; a config or `--rule` error stops everything: then the
 * result is 'usage' (exit 2).
 */
export function readInputs(
  options: InputOptions,
  registry: RuleRegistry,
  readStdin: () => Buffer,
  problem: (message: string) => void,
  /** Something the user should know that is not an error (a build context too large to read whole). */
  note: (message: string) => void = () => undefined,
): Input[] | 'usage' {
  const reader = InputReader.create(options, registry, problem, note);
  if (reader === 'usage') return 'usage';
  const inputs: Input[] = [];
  for (const source of reader.sources(readStdin)) {
    const input = reader.read(source);
    if (input === 'usage') return 'usage';
    if (input !== 'skipped') inputs.push(input);
  }
  return inputs;
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
    private readonly cliRules: Readonly<Record<string, RuleEntry>>,
    private readonly buildArgs: Readonly<Record<string, string>>,
    private readonly problem: (message: string) => void,
    note: (message: string) => void,
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
      if (eq <= 0) {
        problem(`--build-arg ${spec}: expected NAME=VALUE, e.g. --build-arg BUILDKIT_DOCKERFILE_CHECK=skip=all`);
        return 'usage';
      }
      buildArgs[spec.slice(0, eq)] = spec.slice(eq + 1);
    }
    return new InputReader(options, registry, cliRules, buildArgs, problem, note);
  }

  /** What to read, in order: standard input, or the files the paths name (problems with the paths are reported). */
  sources(readStdin: () => Buffer): Source[] {
    if (this.options.stdin) {
      const name = this.options.stdinFilename ?? '<stdin>';
      return [{ file: name, read: () => decodeDockerfile(readStdin(), name) }];
    }
    const found = findFiles(this.options.paths.length > 0 ? this.options.paths : ['.']);
    for (const error of found.errors) this.problem(error.message);
    return found.files.map((file) => fileSource(file));
  }

  /**
   * The source's text with its config and build context; 'skipped' when the config ignores it or it cannot be read
   * (reported), 'usage' when its config is invalid (reported: the run stops).
   */
  read(source: Source): Input | 'skipped' | 'usage' {
    const { options } = this;
    let config: DfoptConfig;
    try {
      // stdin without a filename is governed by the config of the current directory.
      config = this.withCli(this.configs.forFile(options.stdin && !options.stdinFilename ? join(process.cwd(), 'Dockerfile') : resolve(source.file)));
    } catch (error) {
      if (error instanceof ConfigError) {
        this.problem(error.message);
        return 'usage';
      }
      throw error;
    }
    if (!options.stdin && isIgnored(source.file, config.ignore, config.baseDir ?? dirname(resolve(source.file)))) return 'skipped';
    let text: string;
    try {
      text = source.read();
    } catch (error) {
      if (error instanceof InputError) {
        this.problem(error.message);
        return 'skipped';
      }
      throw error;
    }
    const contextDir = options.context ?? (options.stdin ? undefined : dirname(resolve(source.file)));
    const dockerfilePath = options.stdin ? (options.stdinFilename && resolve(options.stdinFilename)) || undefined : resolve(source.file);
    const buildContext = contextDir === undefined ? undefined : this.contexts.get(contextDir, dockerfilePath);
    return { file: source.file, text, config, buildContext };
  }

  private withCli(config: DfoptConfig): DfoptConfig {
    const ruled = this.options.rule.length === 0 ? config : { ...config, rules: { ...config.rules, ...this.cliRules } };
    const argued = Object.keys(this.buildArgs).length === 0 ? ruled : { ...ruled, buildArgs: { ...ruled.buildArgs, ...this.buildArgs } };
    return this.cliShellcheck === undefined ? argued : { ...argued, shellcheck: this.cliShellcheck };
  }
}

/** A Dockerfile on disk, by the name it was found or given by. */
export const fileSource = (file: string): Source => ({ file, read: () => readDockerfile(file) });

/** `--shellcheck` alone asks for the `shellcheck` on PATH (an error when missing, unlike `auto`); paths become absolute. */
function resolveCliShellcheck(value: string): string {
  const v = value.trim();
  if (v === '') return 'shellcheck';
  return v === 'auto' || v === 'off' || !/[/\\]/.test(v) ? v : resolve(v);
}
