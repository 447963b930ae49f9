import { writeFileSync } from 'node:fs';
import type { FailureThreshold } from '../config';
import { type Finding, lint, type RuleRegistry, severityRank } from '../engine';
import { type FileResult, type FormatName, REPORTERS } from '../report';
import { type InputOptions, readInputs } from './inputs';

export interface LintCommandOptions extends InputOptions {
  readonly format: FormatName;
  readonly outputFile?: string;
  readonly maxWarnings: number;
  readonly quiet: boolean;
  readonly color: boolean;
  readonly failureThreshold?: FailureThreshold;
}

export interface CommandIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Buffer;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Whether findings reach the failure threshold (default `error`; `none` never fails). */
export function exceedsThreshold(findings: readonly Finding[], threshold: FailureThreshold = 'error'): boolean {
  return threshold !== 'none' && findings.some((f) => severityRank(f.severity) >= severityRank(threshold));
}

/** `dfopt lint`: returns the exit code; all output goes through `io`. */
export function runLint(options: LintCommandOptions, registry: RuleRegistry, io: CommandIO): number {
  let failed = false;
  const problem = (message: string): void => {
    failed = true;
    io.stderr(`dfopt: ${message}\n`);
  };

  const inputs = readInputs(options, registry, io.readStdin, problem, (message) => io.stderr(`dfopt: note: ${message}\n`));
  if (inputs === 'usage') return EXIT_USAGE;

  const results: FileResult[] = [];
  let overThreshold = false;
  for (const { file, text, config, buildContext } of inputs) {
    const { findings } = lint(text, { registry, config, buildContext });
    if (exceedsThreshold(findings, options.failureThreshold ?? config.failureThreshold)) overThreshold = true;
    results.push({ file, findings: options.quiet ? findings.filter((f) => f.severity === 'error') : findings });
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
