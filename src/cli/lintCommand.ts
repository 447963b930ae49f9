import { closeSync, openSync, writeFileSync } from 'node:fs';
import type * as V8 from 'node:v8';
import { version } from '../../package.json';
import type { FailureThreshold } from '../config';
import { type BuildContext, type Finding, lint, type RuleRegistry, severityRank } from '../engine';
import { SourceText } from '../parse/source';
import { type FormatName, keptFinding, printable, type ReportOptions, reportStream, sourceLinesFor } from '../report';
import { ShellCheckError, shellcheckRunner } from '../shellcheck';
import { type Input, type InputOptions, type InputStream, reportReplacingInput, streamInputs } from './inputs';
import { LintCache } from './lintCache';
import { type FileOutcome, fileLinter, type LintedFile, lintInParallel, runLintWorker, threadsFor } from './lintWorkers';
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
      io.stderr(`\r\x1b[K${`${verb} ${done}/${total} ${printable(file)}`.slice(0, width)}`);
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
  return emitChunks((write) => write(output), outputFile, print, problem);
}

/** Pieces of a report are passed on when they come to this much (fewer, larger writes). */
const WRITE_SIZE = 64 * 1024;

/** emitReport for a report made in pieces (writeReport): written as it is made, never held whole. */
export function emitChunks(
  report: (write: (chunk: string) => void) => void,
  outputFile: string | undefined,
  print: (text: string) => void,
  problem: (message: string) => void,
): boolean {
  let fd: number | undefined;
  try {
    if (outputFile) fd = openSync(outputFile, 'w');
    let pending = '';
    const flush = (): void => {
      if (fd === undefined) print(pending);
      else writeFileSync(fd, pending);
      pending = '';
    };
    report((chunk) => {
      pending += chunk;
      if (pending.length >= WRITE_SIZE) flush();
    });
    if (pending) flush();
    return true;
  } catch (error) {
    if (!outputFile || !(error instanceof Error && 'code' in error)) throw error;
    problem(`${outputFile}: cannot write the report (${fileErrorCause(error)})`);
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * A report's text as it is made, kept until it is written as UTF-8 in blocks of about WRITE_SIZE: the same bytes as
 * the text, and flat, where the pieces joined as strings would be trees of the reporter's concatenations.
 */
class ReportBuffer {
  private readonly blocks: Buffer[] = [];
  private pending = '';

  readonly write = (chunk: string): void => {
    this.pending += chunk;
    if (this.pending.length >= WRITE_SIZE) this.seal();
  };

  /** Hands the text on in blocks (a whole block is whole characters: pieces are never split). */
  writeTo(write: (chunk: string) => void): void {
    this.seal();
    for (const block of this.blocks) write(block.toString('utf8'));
  }

  private seal(): void {
    if (this.pending === '') return;
    this.blocks.push(Buffer.from(this.pending, 'utf8'));
    this.pending = '';
  }
}

/**
 * A run over many files keeps little from file to file (its findings), and most of what it allocates is garbage within
 * the file, yet V8 lets the heap grow to several times what its last full collection kept before collecting again:
 * the process peaked at 250 MB over the 3,254-file corpus with 40 MB alive. Growing by a quarter instead collects
 * more often, and every collection finds mostly garbage. Set only for this many files or more.
 */
const HEAP_GROWING = '--heap-growing-percent=25';
const HEAP_GROWING_DEFAULT = '--heap-growing-percent=0';
/**
 * Likewise the young generation, where each file's parse and rule state are made and mostly die: V8 doubles it as
 * objects survive, up to 16 MB per semi-space (32 MB committed), and a run over a tree reaches that within a few
 * hundred files. A growth factor of 1 (--max-semi-space-size is read only when the heap is set up) keeps it at what it
 * has when linting starts. It costs CPU: ~475 scavenges over the corpus instead of ~120, and more of a file's state
 * outlives one (160 MB copied and 105 MB promoted instead of 90 and 70). Measured under bin/dfopt.js's TIER_UP_BUDGET,
 * which pays for it (A/B, 6 interleaved runs each, medians): peak RSS over the corpus 134 -> 99 MB for +8 % user+sys
 * CPU; both against neither (7 runs): 8.1 -> 6.4 s of CPU, 149 -> 101 MB, wall 8.2 -> 6.5 s.
 */
const SEMI_SPACE_GROWTH = '--semi-space-growth-factor=1';
const SEMI_SPACE_GROWTH_DEFAULT = '--semi-space-growth-factor=2';
export const MANY_FILES = 100;

/** `dfopt lint`: returns the exit code; all output goes through `io`. */
export function runLint(options: LintCommandOptions, registry: RuleRegistry, io: CommandIO): number {
  let failed = false;
  const problem = (message: string): void => {
    failed = true;
    io.stderr(`dfopt: ${printable(message)}\n`);
  };

  const notesShown = new Set<string>();
  // Threads of a --jobs run may each meet the same build context: its note is said once.
  const note = (message: string): void => {
    if (notesShown.has(message)) return;
    notesShown.add(message);
    io.stderr(`dfopt: note: ${printable(message)}\n`);
  };
  const stream = streamInputs(options, registry, io.readStdin, problem, note);
  if (stream === 'usage') return EXIT_USAGE;
  const outputs = new Map((options.alsoWrite ?? []).map(({ format, outputFile }) => [outputFile, `the ${format} report file`]));
  if (options.outputFile) outputs.set(options.outputFile, '--output-file');
  const replacing = outputs.size > 0 ? reportReplacingInput(outputs, stream.files, 'linted') : '';
  if (replacing) {
    problem(replacing);
    return EXIT_USAGE;
  }

  // See HEAP_GROWING and SEMI_SPACE_GROWTH. Back to V8's defaults before bin/dfopt.js writes the code cache at exit: V8
  // rejects a cache made under other flags. A short run never loads node:v8 for them (see bin/dfopt.js).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const v8 = stream.total >= MANY_FILES ? (require('node:v8') as typeof V8) : undefined;
  v8?.setFlagsFromString(`${HEAP_GROWING} ${SEMI_SPACE_GROWTH}`);
  try {
    return lintStream(stream);
  } finally {
    v8?.setFlagsFromString(`${HEAP_GROWING_DEFAULT} ${SEMI_SPACE_GROWTH_DEFAULT}`);
  }

  /**
   * ShellCheck failed: as when every file was read before the first was linted, the problems of the files after this
   * one come first (`readRest` reports them), and a config error there is the run's only word.
   */
  function shellcheckFailed(message: string, readRest: () => 'usage' | undefined): number {
    if (readRest() === 'usage') return EXIT_USAGE;
    problem(`shellcheck: ${message}`);
    return EXIT_USAGE;
  }

  /** The files over `threads` threads, each file's outcome taken in order; an exit code when the run stops early. */
  function lintInThreads(
    stream: InputStream,
    threads: number,
    timing: Map<string, number> | undefined,
    accept: (file: LintedFile) => void,
    onReport: (report: { readonly filesPerThread: readonly number[] }) => void,
  ): number | undefined {
    const { files } = stream;
    const progress = progressLine(io, files.length, 'linting');
    const here = fileLinter(options, registry, (input, o, t) => lintFile(input, registry, o as LintCommandOptions, t), timing);
    let done = 0;
    let stop: FileOutcome['stop'];
    const report = lintInParallel(files, threads, options, timing !== undefined, here, (outcome) => {
      progress.update(++done, files[done - 1]!);
      for (const message of outcome.messages) (message.kind === 'note' ? note : problem)(message.text);
      if (outcome.internalError) {
        const error = new Error(outcome.internalError.message);
        if (outcome.internalError.stack) error.stack = outcome.internalError.stack;
        throw error;
      }
      if (outcome.stop) stop = outcome.stop;
      else if (outcome.linted) accept(outcome.linted);
    });
    progress.done();
    if (timing) for (const [id, ms] of report.timing) timing.set(id, (timing.get(id) ?? 0) + ms);
    onReport(report);
    if (stop === undefined) return undefined;
    if ('usage' in stop) return EXIT_USAGE;
    // The files after this one are read (not linted) for their problems, as a single thread does.
    const rest = files.slice(done);
    return shellcheckFailed(stop.shellcheck, () => {
      for (const file of rest) if (stream.reader.read(file) === 'usage') return 'usage';
      return undefined;
    });
  }

  function lintStream(stream: InputStream): number {
    // Each report is made as the files' results come, into a buffer written at the end (a run that stops early writes
    // none): a run over a tree keeps its reports' text, not every file's findings.
    const wanted = [
      { format: options.format, color: options.color && !options.outputFile, outputFile: options.outputFile },
      ...(options.alsoWrite ?? []).map((extra) => ({ ...extra, color: false })),
    ];
    const reports = wanted.map(({ format, color, outputFile }) => {
      const buffer = new ReportBuffer();
      return { outputFile, buffer, stream: reportStream(format, reportOptions(registry, color), buffer.write) };
    });
    let warnings = 0;
    let overThreshold = false;
    const progress = progressLine(io, stream.total, 'linting');
    // Standard input has no file to key an entry by: it is always linted.
    const timing = options.timing ? new Map<string, number>() : undefined;
    const cache = options.cache && !options.stdin ? LintCache.open(options.cacheLocation, { version, registry }) : undefined;
    let filesPerThread: readonly number[] | undefined;
    const accept = ({ result, overThreshold: over }: LintedFile): void => {
      if (over) overThreshold = true;
      for (const finding of result.findings) if (finding.severity === 'warning') warnings++;
      for (const report of reports) report.stream.file(result);
    };
    // The cache's record of what each lint asked of its build context is kept in this thread: --cache runs in one.
    const threads = cache || options.stdin ? 1 : threadsFor(options.jobs ?? 1, stream.total);
    if (threads > 1) {
      const stopped = lintInThreads(stream, threads, timing, accept, (report) => {
        filesPerThread = report.filesPerThread;
      });
      if (stopped !== undefined) {
        progress.done();
        return stopped;
      }
    } else {
      // Files are read one at a time and only their findings are kept (with the few lines of text reporters read), so
      // a run over a tree holds one file's text at a time: peak memory follows the findings, not the size of the tree.
      let next = stream.inputs.next();
      for (; !next.done; next = stream.inputs.next()) {
        progress.update(next.value.index + 1, next.value.file);
        try {
          accept(lintFile(next.value, registry, options, timing, cache));
        } catch (error) {
          if (!(error instanceof ShellCheckError)) throw error;
          progress.done();
          return shellcheckFailed(error.message, () => finish(stream.inputs));
        }
      }
      if (next.value === 'usage') {
        progress.done();
        return EXIT_USAGE;
      }
    }

    progress.done();
    if (timing) io.stderr(timingTable(timing) + (filesPerThread ? `Threads: ${filesPerThread.length} (files linted by each: ${filesPerThread.join(', ')})\n` : ''));
    const unsaved = cache?.save();
    if (unsaved) io.stderr(`dfopt: note: ${unsaved}\n`);
    for (const { stream, buffer, outputFile } of reports) {
      stream.end();
      if (!emitChunks((write) => buffer.writeTo(write), outputFile, io.stdout, problem)) return EXIT_USAGE;
    }

    if (failed) return EXIT_USAGE;
    if (options.maxWarnings >= 0 && warnings > options.maxWarnings) {
      io.stderr(`dfopt: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
      return EXIT_FINDINGS;
    }
    return overThreshold ? EXIT_FINDINGS : EXIT_OK;
  }
}

/**
 * One file's findings (from the cache when it has them; ShellCheckError when ShellCheck fails), as the report keeps
 * them, and whether they reach the failure threshold.
 */
function lintFile(input: Input, registry: RuleRegistry, options: LintCommandOptions, timing: Map<string, number> | undefined, cache?: LintCache): LintedFile {
  const { file, text, config, buildContext } = input;
  let source: SourceText | undefined;
  const shellcheck = shellcheckRunner(config.shellcheck, config.baseDir) ?? undefined;
  const lintWith = (context: BuildContext | undefined): readonly Finding[] => {
    const result = lint(text, { registry, config, buildContext: context, shellcheck, timing });
    source = result.ast?.source;
    return result.findings;
  };
  // The cache knows nothing of the binary's version or presence: ShellCheck's answers are only kept within a run.
  const findings = cache && !shellcheck ? cache.findings(file, text, config, buildContext, lintWith) : lintWith(buildContext);
  const kept = (options.quiet ? findings.filter((f) => f.severity === 'error') : findings).map(keptFinding);
  const sourceLines = kept.length === 0 ? undefined : sourceLinesFor(source?.text === text ? source : new SourceText(text), kept);
  return { result: { file, findings: kept, sourceLines }, overThreshold: exceedsThreshold(findings, options.failureThreshold ?? config.failureThreshold) };
}

/** What a `--jobs` worker thread runs (bin/dfopt.js with WORKER_FLAG). */
export function runLintWorkerThread(registry: RuleRegistry): void {
  runLintWorker(registry, (input, options, timing) => lintFile(input, registry, options as LintCommandOptions, timing));
}

/** Reads the inputs left, reporting their problems, without linting them; 'usage' when a config error stops them. */
function finish(inputs: InputStream['inputs']): 'usage' | undefined {
  for (;;) {
    const next = inputs.next();
    if (next.done) return next.value;
  }
}

/** `--timing`'s table: the 10 costliest rules (and parsing, the model), milliseconds and share of the timed total. */
export function timingTable(timing: ReadonlyMap<string, number>): string {
  const total = [...timing.values()].reduce((sum, ms) => sum + ms, 0);
  const rows = [...timing].sort((a, b) => b[1] - a[1]).slice(0, 10);
  const width = Math.max(4, ...rows.map(([id]) => id.length));
  const lines = rows.map(([id, ms]) => `${id.padEnd(width)} | ${ms.toFixed(3).padStart(10)} | ${(total > 0 ? (100 * ms) / total : 0).toFixed(1).padStart(5)}%`);
  return [`${'Rule'.padEnd(width)} | ${'Time (ms)'.padStart(10)} | Relative`, ...lines, ''].join('\n');
}
