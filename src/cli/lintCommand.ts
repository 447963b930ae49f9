import { writeFileSync } from 'node:fs';
import { version } from '../../package.json';
import type { FailureThreshold } from '../config';
import { type BuildContext, type Finding, lint, type RuleRegistry, severityRank } from '../engine';
import { type FileResult, type FormatName, REPORTERS, type ReportOptions } from '../report';
import { ShellCheckError, shellcheckRunner } from '../shellcheck';
import { type Input, type InputOptions, InputReader } from './inputs';
import { LintCache } from './lintCache';
import { fileLinter, lintInParallel, runLintWorker, threadsFor } from './lintWorkers';
import { fileErrorCause } from './readDockerfile';

export interface LintCommandOptions extends InputOptions {
  readonly format: FormatName;
  readonly outputFile?: string;
  readonly maxWarnings: number;
  readonly quiet: boolean;
  readonly color: boolean;
  readonly failureThreshold?: FailureThreshold;
  /** `--cache`: reuse the findings of files unchanged since the last run, kept in `cacheLocation` (default .dfoptcache). */
  readonly cache?: boolean;
  readonly cacheLocation?: string;
  /** `--timing`: each rule's time over the run, the 10 slowest printed to stderr after the report. */
  readonly timing?: boolean;
  /** Further reports of the same run, each to its file (the GitHub Action prints annotations and writes SARIF). */
  readonly alsoWrite?: readonly { readonly format: FormatName; readonly outputFile: string }[];
  /** `--jobs N`: lint over up to N threads (this one and N-1 workers) when there are files enough to pay for them. */
  readonly jobs?: number;
}

export interface CommandIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Buffer;
  /** A person watches stderr (a terminal, not CI): long runs show progress there. */
  readonly interactiveStderr?: boolean;
}

/** Runs over this many files say how far they are, when someone watches. */
export const PROGRESS_MIN_FILES = 50;
const PROGRESS_INTERVAL_MS = 100;

/**
 * A one-line progress display on stderr for long runs (`linting 120/3254 path`), redrawn in place at most every
 * 100 ms and erased at the end, so it never mixes with the report. Silent for short runs and when nobody watches.
 */
export function progressLine(io: CommandIO, total: number, verb: string): { update(done: number, file: string): void; done(): void } {
  if (!io.interactiveStderr || total < PROGRESS_MIN_FILES) return { update() {}, done() {} };
  let last = 0;
  let shown = false;
  const width = Math.max(20, (process.stderr.columns || 80) - 1);
  return {
    update(done, file) {
      const now = Date.now();
      if (shown && now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      shown = true;
      io.stderr(`\r\x1b[K${`${verb} ${done}/${total} ${file}`.slice(0, width)}`);
    },
    done() {
      if (shown) io.stderr('\r\x1b[K');
    },
  };
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Whether findings reach the failure threshold (default `error`; `none` never fails). */
export function exceedsThreshold(findings: readonly Finding[], threshold: FailureThreshold = 'error'): boolean {
  return threshold !== 'none' && findings.some((f) => severityRank(f.severity) >= severityRank(threshold));
}

/** What every reporter may use: rule metadata for SARIF and Code Climate, the version, paths relative to where dfopt runs. */
export const reportOptions = (registry: RuleRegistry, color: boolean): ReportOptions => ({
  color,
  rules: registry.rules.map((rule) => rule.meta),
  toolVersion: version,
  cwd: process.cwd(),
});

/** Writes a report to `--output-file` (the whole of it, even when empty) or prints it; false when the file cannot be written. */
export function emitReport(output: string, outputFile: string | undefined, print: (text: string) => void, problem: (message: string) => void): boolean {
  if (!outputFile) {
    if (output) print(output);
    return true;
  }
  try {
    writeFileSync(outputFile, output);
    return true;
  } catch (error) {
    problem(`${outputFile}: cannot write the report (${fileErrorCause(error)})`);
    return false;
  }
}

/** One file's findings, from the cache when it has them (ShellCheckError when ShellCheck fails). */
function lintInput(input: Input, registry: RuleRegistry, timing: Map<string, number> | undefined, cache?: LintCache): readonly Finding[] {
  const { text, config, buildContext } = input;
  const shellcheck = shellcheckRunner(config.shellcheck, config.baseDir) ?? undefined;
  const lintWith = (context: BuildContext | undefined): readonly Finding[] => lint(text, { registry, config, buildContext: context, shellcheck, timing }).findings;
  // The cache knows nothing of the binary's version or presence: ShellCheck's answers are only kept within a run.
  return cache && !shellcheck ? cache.findings(input.file, text, config, buildContext, lintWith) : lintWith(buildContext);
}

/** What a `--jobs` worker thread runs (bin/dfopt.js with WORKER_FLAG). */
export function runLintWorkerThread(registry: RuleRegistry): void {
  runLintWorker(registry, (input, timing) => lintInput(input, registry, timing));
}

/** `dfopt lint`: returns the exit code; all output goes through `io`. */
export function runLint(options: LintCommandOptions, registry: RuleRegistry, io: CommandIO): number {
  let failed = false;
  const problem = (message: string): void => {
    failed = true;
    io.stderr(`dfopt: ${message}\n`);
  };
  const notesShown = new Set<string>();
  // Threads of a --jobs run may each meet the same build context: its note is said once.
  const note = (message: string): void => {
    if (notesShown.has(message)) return;
    notesShown.add(message);
    io.stderr(`dfopt: note: ${message}\n`);
  };

  const reader = InputReader.create(options, registry, problem, note);
  if (reader === 'usage') return EXIT_USAGE;
  const sources = reader.sources(io.readStdin);

  const results: FileResult[] = [];
  let overThreshold = false;
  const progress = progressLine(io, sources.length, 'linting');
  const timing = options.timing ? new Map<string, number>() : undefined;
  // Standard input has no file to key an entry by: it is always linted.
  const cache = options.cache && !options.stdin ? LintCache.open(options.cacheLocation, { version, registry }) : undefined;
  const accept = (file: string, text: string, findings: readonly Finding[], threshold: FailureThreshold | undefined): void => {
    if (exceedsThreshold(findings, options.failureThreshold ?? threshold)) overThreshold = true;
    results.push({ file, findings: options.quiet ? findings.filter((f) => f.severity === 'error') : findings, source: text });
  };
  let shellcheckFailure: string | undefined;
  let filesPerThread: readonly number[] | undefined;
  let stoppedByConfig = false;

  // The cache's record of what each lint asked of its build context is kept in this thread: --cache runs in one.
  const threads = cache || options.stdin ? 1 : threadsFor(options.jobs ?? 1, sources.length);
  if (threads > 1) {
    const files = sources.map((source) => source.file);
    const here = fileLinter(options, registry, timing, (input, t) => lintInput(input, registry, t));
    let done = 0;
    const report = lintInParallel(files, threads, inputOptionsOf(options), timing !== undefined, here, (outcome) => {
      progress.update(++done, files[done - 1]!);
      for (const message of outcome.messages) (message.kind === 'note' ? note : problem)(message.text);
      if (outcome.internalError) {
        const error = new Error(outcome.internalError.message);
        if (outcome.internalError.stack) error.stack = outcome.internalError.stack;
        throw error;
      }
      if (outcome.stop && 'shellcheck' in outcome.stop) shellcheckFailure = outcome.stop.shellcheck;
      else if (outcome.stop) stoppedByConfig = true;
      else if (outcome.result) accept(outcome.result.file, outcome.result.text, outcome.result.findings, outcome.result.failureThreshold);
    });
    if (timing) for (const [id, ms] of report.timing) timing.set(id, (timing.get(id) ?? 0) + ms);
    filesPerThread = report.filesPerThread;
  } else {
    for (const source of sources) {
      progress.update(results.length + 1, source.file);
      const input = reader.read(source);
      if (input === 'usage') {
        stoppedByConfig = true;
        break;
      }
      if (input === 'skipped') continue;
      try {
        accept(input.file, input.text, lintInput(input, registry, timing, cache), input.config.failureThreshold);
      } catch (error) {
        if (!(error instanceof ShellCheckError)) throw error;
        shellcheckFailure = error.message;
        break;
      }
    }
  }
  progress.done();
  if (stoppedByConfig) return EXIT_USAGE;
  if (shellcheckFailure !== undefined) {
    problem(`shellcheck: ${shellcheckFailure}`);
    return EXIT_USAGE;
  }

  if (timing) io.stderr(timingTable(timing) + (filesPerThread ? `Threads: ${filesPerThread.length} (files linted by each: ${filesPerThread.join(', ')})\n` : ''));
  const unsaved = cache?.save();
  if (unsaved) io.stderr(`dfopt: note: ${unsaved}\n`);
  const output = REPORTERS[options.format](results, reportOptions(registry, options.color && !options.outputFile));
  if (!emitReport(output, options.outputFile, io.stdout, problem)) return EXIT_USAGE;
  for (const extra of options.alsoWrite ?? []) {
    if (!emitReport(REPORTERS[extra.format](results, reportOptions(registry, false)), extra.outputFile, io.stdout, problem)) return EXIT_USAGE;
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

/** The options a worker thread reads its files with: plain data, as postMessage copies it. */
const inputOptionsOf = (options: LintCommandOptions): InputOptions => ({
  paths: options.paths,
  stdin: options.stdin,
  rule: options.rule,
  ...(options.stdinFilename !== undefined ? { stdinFilename: options.stdinFilename } : {}),
  ...(options.buildArg !== undefined ? { buildArg: options.buildArg } : {}),
  ...(options.config !== undefined ? { config: options.config } : {}),
  ...(options.context !== undefined ? { context: options.context } : {}),
  ...(options.shellcheck !== undefined ? { shellcheck: options.shellcheck } : {}),
});

/** `--timing`'s table: the 10 costliest rules (and parsing, the model), milliseconds and share of the timed total. */
export function timingTable(timing: ReadonlyMap<string, number>): string {
  const total = [...timing.values()].reduce((sum, ms) => sum + ms, 0);
  const rows = [...timing].sort((a, b) => b[1] - a[1]).slice(0, 10);
  const width = Math.max(4, ...rows.map(([id]) => id.length));
  const lines = rows.map(([id, ms]) => `${id.padEnd(width)} | ${ms.toFixed(3).padStart(10)} | ${(total > 0 ? (100 * ms) / total : 0).toFixed(1).padStart(5)}%`);
  return [`${'Rule'.padEnd(width)} | ${'Time (ms)'.padStart(10)} | Relative`, ...lines, ''].join('\n');
}
