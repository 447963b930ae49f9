import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, ConfigResolver, type DfoptConfig, type FailureThreshold, validateRuleEntry } from '../config';
import { lint, type RuleEntry, type RuleRegistry, severityRank } from '../engine';
import { type FileResult, type FormatName, REPORTERS } from '../report';
import { directoryBuildContext } from './buildContext';
import { findFiles, isIgnored } from './findFiles';
import { decodeDockerfile, InputError, readDockerfile } from './readDockerfile';

export interface LintCommandOptions {
  readonly paths: readonly string[];
  readonly stdin: boolean;
  readonly stdinFilename?: string;
  readonly format: FormatName;
  readonly outputFile?: string;
  readonly maxWarnings: number;
  /** `id=level` strings from `--rule`. */
  readonly rule: readonly string[];
  readonly quiet: boolean;
  readonly color: boolean;
  readonly config?: string;
  readonly failureThreshold?: FailureThreshold;
  /** Build context directory (`--context`); default: each Dockerfile's directory, none for --stdin. */
  readonly context?: string;
}

export interface CommandIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Buffer;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** `dfopt lint`: returns the exit code; all output goes through `io`. */
export function runLint(options: LintCommandOptions, registry: RuleRegistry, io: CommandIO): number {
  let failed = false;
  const problem = (message: string): void => {
    failed = true;
    io.stderr(`dfopt: ${message}\n`);
  };

  const cliRules: Record<string, RuleEntry> = {};
  for (const spec of options.rule) {
    const eq = spec.indexOf('=');
    if (eq <= 0) {
      problem(`--rule ${spec}: expected id=level, e.g. --rule pin-base-image=error`);
      return EXIT_USAGE;
    }
    const id = spec.slice(0, eq).trim();
    try {
      cliRules[id] = validateRuleEntry(id, spec.slice(eq + 1).trim(), registry, (detail) => {
        throw new ConfigError(`--rule ${spec}`, null, detail);
      });
    } catch (error) {
      problem((error as Error).message);
      return EXIT_USAGE;
    }
  }

  const configs = new ConfigResolver(registry, options.config);
  const withCli = (config: DfoptConfig): DfoptConfig =>
    options.rule.length === 0 ? config : { ...config, rules: { ...config.rules, ...cliRules } };

  const inputs: Array<{ file: string; read: () => string }> = [];
  if (options.stdin) {
    const name = options.stdinFilename ?? '<stdin>';
    inputs.push({ file: name, read: () => decodeDockerfile(io.readStdin(), name) });
  } else {
    const found = findFiles(options.paths.length > 0 ? options.paths : ['.']);
    for (const error of found.errors) problem(error.message);
    for (const file of found.files) inputs.push({ file, read: () => readDockerfile(file) });
  }

  const results: FileResult[] = [];
  let overThreshold = false;
  for (const input of inputs) {
    let config: DfoptConfig;
    try {
      // stdin without a filename is governed by the config of the current directory.
      config = withCli(configs.forFile(options.stdin && !options.stdinFilename ? join(process.cwd(), 'Dockerfile') : resolve(input.file)));
    } catch (error) {
      if (error instanceof ConfigError) {
        problem(error.message);
        return EXIT_USAGE;
      }
      throw error;
    }
    if (!options.stdin && isIgnored(input.file, config.ignore, config.baseDir ?? dirname(resolve(input.file)))) continue;
    let text: string;
    try {
      text = input.read();
    } catch (error) {
      if (error instanceof InputError) {
        problem(error.message);
        continue;
      }
      throw error;
    }
    const contextDir = options.context ?? (options.stdin ? undefined : dirname(resolve(input.file)));
    const dockerfilePath = options.stdin ? (options.stdinFilename && resolve(options.stdinFilename)) || undefined : resolve(input.file);
    const buildContext = contextDir === undefined ? undefined : directoryBuildContext(contextDir, dockerfilePath);
    const { findings } = lint(text, { registry, config, buildContext });
    const threshold = options.failureThreshold ?? config.failureThreshold ?? 'error';
    if (threshold !== 'none' && findings.some((f) => severityRank(f.severity) >= severityRank(threshold))) overThreshold = true;
    results.push({ file: input.file, findings: options.quiet ? findings.filter((f) => f.severity === 'error') : findings });
  }

  const output = REPORTERS[options.format](results, { color: options.color && !options.outputFile });
  if (options.outputFile) {
    try {
      writeFileSync(options.outputFile, output);
    } catch (error) {
      problem(`${options.outputFile}: cannot write output (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      return EXIT_USAGE;
    }
  } else if (output) {
    io.stdout(output);
  }

  if (failed) return EXIT_USAGE;
  const all = results.flatMap((r) => r.findings);
  const warnings = all.filter((f) => f.severity === 'warning').length;
  if (options.maxWarnings >= 0 && warnings > options.maxWarnings) {
    io.stderr(`dfopt: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
    return EXIT_FINDINGS;
  }
  return overThreshold ? EXIT_FINDINGS : EXIT_OK;
}
