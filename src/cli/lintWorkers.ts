import { join } from 'node:path';
import type * as WorkerThreads from 'node:worker_threads';
import type { RuleRegistry } from '../engine';
import { type FileResult, revivedSourceLines } from '../report';
import { ShellCheckError } from '../shellcheck';
import { type Input, type InputOptions, InputReader } from './inputs';

// `dfopt lint --jobs N`: the files of a run are shared out between this thread and N-1 worker threads, each with its
// own engine, config and build-context caches. The report is the one a single thread gives, file for file, with every
// problem and note in the same place: each file's outcome is kept until those of the files before it have come.
//
// The command stays synchronous (as every reporter and the GitHub Action expect): this thread lints as the workers
// do, taking the next file from a shared counter, and between files collects what the workers posted with
// receiveMessageOnPort; when no file is left to take, it sleeps in Atomics.wait until a worker posts.

/** The argument that makes bin/dfopt.js a lint worker instead of a command (never typed by a user). */
export const WORKER_FLAG = '--dfopt-lint-worker';

/** A worker costs ~0.2 s of CPU (loading the bundle, its own JIT warm-up), what ~30 files cost: a thread per this many. */
export const FILES_PER_WORKER = 64;

/** One file linted: the report's part of it, and whether it reaches the failure threshold. */
export interface LintedFile {
  readonly result: FileResult;
  readonly overThreshold: boolean;
}

/** What one file came to: linted, or nothing (skipped), or the end of the run; with the messages on the way. */
export interface FileOutcome {
  readonly messages: readonly { readonly kind: 'problem' | 'note'; readonly text: string }[];
  readonly linted?: LintedFile;
  /** The run stops here: a config error ('usage', reported in messages) or ShellCheck failing (the message). */
  readonly stop?: { readonly usage: true } | { readonly shellcheck: string };
  /** A bug: the error's message and stack, thrown again in the main thread. */
  readonly internalError?: { readonly message: string; readonly stack?: string };
}

/** Lints one file its reader has read, with the command's options (ShellCheckError when ShellCheck fails). */
export type LintFile = (input: Input, options: InputOptions, timing: Map<string, number> | undefined) => LintedFile;

/**
 * Lints one file at a time by name, as a thread of a `--jobs` run does: the reader's problems and notes go into the
 * file's outcome rather than out, since a thread's files are not reported in the order it lints them.
 */
export function fileLinter(options: InputOptions, registry: RuleRegistry, lintFile: LintFile, timing: Map<string, number> | undefined): (file: string) => FileOutcome {
  let messages: FileOutcome['messages'][number][] = [];
  const reader = InputReader.create(
    options,
    registry,
    // Standard input is never shared out.
    () => Buffer.alloc(0),
    (text) => messages.push({ kind: 'problem', text }),
    (text) => messages.push({ kind: 'note', text }),
  );
  // Made from options the main thread has already read the same way: a malformed one has stopped the run there.
  if (reader === 'usage') throw new Error(`--jobs: ${messages.map((m) => m.text).join('; ')}`);
  return (file) => {
    messages = [];
    const input = reader.read(file);
    if (input === 'usage') return { messages, stop: { usage: true } };
    if (input === 'skipped') return { messages };
    try {
      return { messages, linted: lintFile(input, options, timing) };
    } catch (error) {
      if (error instanceof ShellCheckError) return { messages, stop: { shellcheck: error.message } };
      throw error;
    }
  };
}

interface WorkerData {
  readonly options: InputOptions;
  readonly files: readonly string[];
  readonly shared: SharedArrayBuffer;
  readonly port: WorkerThreads.MessagePort;
  readonly timing: boolean;
}

type WorkerMessage = { readonly index: number; readonly outcome: FileOutcome } | { readonly done: true; readonly linted: number; readonly timing?: [string, number][] };

/** What the threads did besides the outcomes: files linted by each (this thread first), and the workers' rule timings. */
export interface ThreadReport {
  readonly filesPerThread: readonly number[];
  readonly timing: readonly [string, number][];
}

// shared[NEXT]: the next file to take; shared[POSTED]: messages posted so far, what the main thread waits on.
const NEXT = 0;
const POSTED = 1;

/** How many threads a run of `files` files uses for `--jobs jobs` (this one included). */
export function threadsFor(jobs: number, files: number): number {
  return Math.max(1, Math.min(jobs, Math.floor(files / FILES_PER_WORKER)));
}

/**
 * Lints `files` over `threads` threads and hands each file's outcome to `deliver` in order. `lintHere` lints one in
 * this thread (sharing this thread's caches); delivery stops after an outcome with `stop` or `internalError`.
 */
export function lintInParallel(
  files: readonly string[],
  threads: number,
  options: InputOptions,
  timing: boolean,
  lintHere: (file: string) => FileOutcome,
  deliver: (outcome: FileOutcome) => void,
): ThreadReport {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { MessageChannel, Worker, receiveMessageOnPort } = require('node:worker_threads') as typeof WorkerThreads;
  const shared = new SharedArrayBuffer(8);
  const counters = new Int32Array(shared);
  const ports: WorkerThreads.MessagePort[] = [];
  const workers: WorkerThreads.Worker[] = [];
  for (let i = 1; i < threads; i++) {
    const { port1, port2 } = new MessageChannel();
    const workerData: WorkerData = { options, files, shared, port: port2, timing };
    const worker = new Worker(join(__dirname, '..', 'bin', 'dfopt.js'), {
      argv: [WORKER_FLAG],
      workerData,
      transferList: [port2],
      // The main thread writes (or leaves) the code cache; workers only read it.
      env: { ...process.env, DFOPT_WRITE_CODE_CACHE: '0' },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    ports.push(port1);
    workers.push(worker);
  }

  const waiting = new Map<number, FileOutcome>();
  const workerTimings: [string, number][] = [];
  const filesPerThread = [0];
  let delivered = 0;
  let finished = 0;
  let stopped = false;
  const collect = (): void => {
    for (const port of ports) {
      for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) {
        const body = message.message as WorkerMessage;
        if ('done' in body) {
          finished++;
          filesPerThread.push(body.linted);
          workerTimings.push(...(body.timing ?? []));
        } else waiting.set(body.index, revived(body.outcome));
      }
    }
    for (let next = waiting.get(delivered); next && !stopped; next = waiting.get(delivered)) {
      waiting.delete(delivered++);
      if (next.stop || next.internalError) {
        stopped = true;
        Atomics.store(counters, NEXT, files.length); // workers take nothing more
      }
      deliver(next);
    }
  };

  try {
    while (!stopped && delivered < files.length) {
      const seen = Atomics.load(counters, POSTED);
      collect();
      if (stopped || delivered === files.length) break;
      const index = Atomics.add(counters, NEXT, 1);
      if (index < files.length) {
        waiting.set(index, lintHere(files[index]!));
        filesPerThread[0]!++;
      }
      // Nothing left to take: sleep until a worker posts (the timeout only guards against a missed wake-up).
      else Atomics.wait(counters, POSTED, seen, 1000);
    }
    // The workers' counts and timings come with their last message.
    while (!stopped && finished < workers.length) {
      const seen = Atomics.load(counters, POSTED);
      collect();
      if (finished < workers.length) Atomics.wait(counters, POSTED, seen, 1000);
    }
  } finally {
    if (stopped) for (const worker of workers) void worker.terminate();
    for (const port of ports) port.close();
  }
  return { filesPerThread, timing: workerTimings };
}

/** An outcome as postMessage copied it: the kept lines' methods back (a copy keeps only an object's own data). */
function revived(outcome: FileOutcome): FileOutcome {
  const lines = outcome.linted?.result.sourceLines;
  if (!outcome.linted || !lines) return outcome;
  return { ...outcome, linted: { ...outcome.linted, result: { ...outcome.linted.result, sourceLines: revivedSourceLines(lines) } } };
}

/** A worker's life: take files from the shared counter until none is left, posting each outcome. */
export function runLintWorker(registry: RuleRegistry, lintFile: LintFile): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { workerData } = require('node:worker_threads') as typeof WorkerThreads;
  const { options, files, shared, port, timing: timed } = workerData as WorkerData;
  const counters = new Int32Array(shared);
  const timing = timed ? new Map<string, number>() : undefined;
  const post = (message: WorkerMessage): void => {
    port.postMessage(message);
    Atomics.add(counters, POSTED, 1);
    Atomics.notify(counters, POSTED);
  };
  const lintNext = fileLinter(options, registry, lintFile, timing);
  let linted = 0;
  for (let index = Atomics.add(counters, NEXT, 1); index < files.length; index = Atomics.add(counters, NEXT, 1)) {
    let outcome: FileOutcome;
    try {
      outcome = lintNext(files[index]!);
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      outcome = { messages: [], internalError: { message: e.message, ...(e.stack ? { stack: e.stack } : {}) } };
    }
    post({ index, outcome });
    linted++;
  }
  post({ done: true, linted, ...(timing ? { timing: [...timing] } : {}) });
  port.close();
}
