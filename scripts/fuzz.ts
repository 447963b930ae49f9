// `npm run fuzz -- [--inputs N] [--seed S] [--workers W] [--from I | --shard K/M]` (`--help` lists all): mutates corpus files (scripts/fuzz-lib.ts says how) and
// runs lint, fix and fix --unsafe on each in-process, checking that nothing throws, fixed output reparses and is
// stable, comment lines, line endings and the BOM are kept, and no call takes over 1 s of CPU. Prints the count of
// failures per property and the slowest input; writes the first failing inputs to scratch/fuzz/ (gitignored).
// `npm run fuzz -- --replay scratch/fuzz/FILE.json` checks one of them again, and `--reduce` shrinks it. Not in CI:
// 100,000 inputs take long.
//
// Deterministic by seed: input i is made from (seed, i) alone, so any worker count gives the same inputs, and
// `--from I --inputs N` runs inputs I..N-1 only. `--shard K/M` runs the K-th of M equal slices of 0..N-1 (N defaults
// to 100,000), so a run too long for one sitting is done in pieces, in any order, across sessions. Each run writes its
// summary to scratch/fuzz/summary-seedS-I-J.json (or `--summary FILE`), and `npm run fuzz -- --merge FILE...` adds
// summaries up: the counts, the slowest input, and which inputs of 0..N-1 no summary covers yet. Workers
// are child processes (not threads) so that process.cpuUsage() measures one input's CPU and nothing else's.
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { type CallTimes, callTimes, checkInput, type Failure, makeInput, PROPERTIES, type Property, reduceInput } from './fuzz-lib';

const root = resolve(__dirname, '..');
v8FlagsOfBin();
const corpusDir = process.env.DFOPT_CORPUS ?? resolve(root, '..', 'shared', 'corpus', 'files');
const outDir = join(root, 'scratch', 'fuzz');
/** An input still running after this long is reported (as over the CPU limit) and its worker replaced. */
const HANG_MS = 60_000;
/** Failing inputs written per property. */
const KEEP = 5;

const USAGE = `usage: npm run fuzz -- [options]
  --inputs N        inputs 0..N-1 (default 100000)
  --seed S          seed (default 1); input i depends on (S, i) alone
  --workers W       worker processes (default: one per CPU)
  --from I          start at input I (with --inputs N: inputs I..N-1); one input: --from I --inputs I+1
  --shard K/M       the K-th of M equal slices of 0..N-1
  --summary FILE    where to write the summary (default scratch/fuzz/summary-seedS-I-J.json)
  --replay FILE     check one saved failing input again (scratch/fuzz/*.json)
  --reduce FILE     shrink a saved failing input to a small one that fails the same way (FILE.reduced.Dockerfile)
  --merge FILE...   add up summaries of shards of one seed (with --inputs N: which inputs none covers)
  --help            this text`;

const OPTIONS = {
  inputs: { type: 'string' },
  seed: { type: 'string' },
  workers: { type: 'string' },
  from: { type: 'string' },
  shard: { type: 'string' },
  summary: { type: 'string' },
  replay: { type: 'string' },
  reduce: { type: 'string' },
  merge: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  // Internal: how the coordinator starts a worker.
  worker: { type: 'boolean' },
  step: { type: 'string' },
} as const;

/**
 * Runs this process (coordinator, worker, replay) under the V8 flags bin/dfopt.js sets, read from its source so the
 * number lives there alone: an input's CPU is what a user's `dfopt` spends on it. In effect before any rule is
 * optimised, as in bin (the flags steer TurboFan, which runs long after this).
 */
function v8FlagsOfBin(): void {
  const bin = readFileSync(join(root, 'bin', 'dfopt.js'), 'utf8');
  // The flags a long lint or fix (a tree of files) gets: budgets and serial scavenges; the fuzz's giants are such runs.
  const flags = ['INLINING_BUDGET', 'TIER_UP_BUDGET', 'SERIAL_SCAVENGE'].map((name) => {
    const value = new RegExp(`const ${name} = '([^']+)'`).exec(bin)?.[1];
    if (value === undefined) throw new Error(`fuzz: bin/dfopt.js no longer sets its V8 flags as ${name}; update v8FlagsOfBin`);
    return value;
  });
  setFlagsFromString(flags.join(' '));
}

/** The command line, or exit 2 with one line: a misspelt flag must not start a run of 100,000 inputs. */
function parseCommandLine(): { values: Record<string, string | boolean | undefined>; files: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: process.argv.slice(2), options: OPTIONS, allowPositionals: true, strict: true });
    if (positionals.length > 0 && !values.merge) throw new Error(`unexpected argument '${positionals[0]}'`);
    for (const name of ['inputs', 'seed', 'workers', 'from', 'step'] as const) {
      const v = values[name];
      if (v !== undefined && !/^\d+$/.test(v)) throw new Error(`--${name} ${v}: expected a whole number`);
    }
    return { values, files: positionals };
  } catch (error) {
    // parseArgs' messages run on with advice on `--`; their first sentence names the option.
    return usageError((error as Error).message.split(/\. |\n/)[0]!);
  }
}

function usageError(message: string): never {
  console.error(`fuzz: ${message} (see npm run fuzz -- --help)`);
  process.exit(2);
}

const commandLine = parseCommandLine();

function arg(name: keyof typeof OPTIONS): string | undefined {
  const v = commandLine.values[name];
  return typeof v === 'string' ? v : undefined;
}

/** What one run (all of it or a shard) found: what `--merge` adds up. */
interface Summary {
  /** The commit the inputs ran on (FUZZ_COMMIT, or the checkout's HEAD), since shards may run on different ones. */
  readonly commit: string;
  readonly seed: number;
  /** Inputs first..end-1 were run. */
  readonly first: number;
  readonly end: number;
  readonly done: number;
  readonly parsed: number;
  readonly seconds: number;
  /** CPU seconds of lint + fix + fix --unsafe over all inputs (what the run costs, whatever the worker count). */
  readonly inputCpu: number;
  readonly counts: Record<Property, number>;
  /** `thread`: the same calls on the worker's main thread alone (absent where it cannot be read, and in older summaries). */
  readonly slowest: { readonly i: number; readonly ms: number; readonly cpu: CallTimes; readonly thread?: CallTimes | null };
  readonly over1s: readonly number[];
  readonly files: readonly string[];
}

function headCommit(): string {
  if (process.env.FUZZ_COMMIT) return process.env.FUZZ_COMMIT;
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}

function loadCorpus(): { names: string[]; texts: string[] } {
  const names = readdirSync(corpusDir).filter((f) => f.endsWith('.Dockerfile')).sort();
  return { names, texts: names.map((f) => readFileSync(join(corpusDir, f), 'utf8')) };
}

interface Done {
  readonly t: 'done';
  readonly i: number;
  readonly parsed: boolean;
  readonly cpu: CallTimes;
  readonly thread: CallTimes | null;
  readonly failures: readonly Failure[];
}
type Message = { readonly t: 'start'; readonly i: number } | Done;

function worker(): void {
  const [from, step, seed, inputs] = (['from', 'step', 'seed', 'inputs'] as const).map((k) => Number(arg(k)));
  const { texts } = loadCorpus();
  const send = (m: Message) => new Promise<void>((ok) => process.send!(m, () => ok()));
  void (async () => {
    for (let i = from!; i < inputs!; i += step!) {
      await send({ t: 'start', i });
      const { text } = makeInput(texts, seed!, i);
      const result = checkInput(text);
      await send({ t: 'done', i, ...result });
    }
    process.disconnect();
  })();
}

function writeFailure(seed: number, index: number, file: string, steps: readonly string[], failures: readonly Failure[], text: string): string {
  mkdirSync(outDir, { recursive: true });
  const name = `${failures[0]!.property}-seed${seed}-${index}`;
  writeFileSync(join(outDir, `${name}.json`), JSON.stringify({ seed, index, file, steps, failures, input: text }, null, 2) + '\n');
  writeFileSync(join(outDir, `${name}.Dockerfile`), text);
  return join('scratch', 'fuzz', `${name}.json`);
}

function main(): void {
  const total0 = Number(arg('inputs') ?? 100_000);
  const seed = Number(arg('seed') ?? 1);
  let first = Number(arg('from') ?? 0);
  let inputs = total0;
  const shard = arg('shard');
  if (shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(shard);
    const [k, of] = m ? [Number(m[1]), Number(m[2])] : [NaN, NaN];
    if (!(k >= 0 && k < of)) usageError(`--shard ${shard}: expected K/M with 0 <= K < M`);
    first = Math.floor((k * total0) / of);
    inputs = Math.floor(((k + 1) * total0) / of);
  }
  const workers = Math.max(1, Math.min(inputs - first, Number(arg('workers') ?? cpus().length)));
  const corpus = loadCorpus();
  const counts = new Map<Property, number>(PROPERTIES.map((p) => [p, 0]));
  const written = new Map<Property, number>();
  const files: string[] = [];
  let done = 0;
  let parsed = 0;
  let slowest: Summary['slowest'] = { i: -1, ms: 0, cpu: { lint: 0, fix: 0, unsafe: 0 } };
  let inputCpu = 0;
  const over1s: number[] = [];
  const started = Date.now();
  const cpuStart = process.cpuUsage();
  const total = inputs - first;
  let nextReport = Math.ceil(total / 10);

  const describe = (i: number) => {
    const input = makeInput(corpus.texts, seed, i);
    return { ...input, file: input.base < 0 ? '(generated)' : corpus.names[input.base]! };
  };
  const record = (i: number, failures: readonly Failure[]) => {
    for (const f of new Set(failures.map((x) => x.property))) counts.set(f, counts.get(f)! + 1);
    const fresh = failures.filter((f) => (written.get(f.property) ?? 0) < KEEP);
    if (fresh.length === 0) return;
    for (const p of new Set(fresh.map((f) => f.property))) written.set(p, (written.get(p) ?? 0) + 1);
    const { file, steps, text } = describe(i);
    files.push(`${writeFailure(seed, i, file, steps, failures, text)}  ${file} + ${steps.join(', ')}: ${failures[0]!.detail}`);
  };

  const finish = () => {
    const seconds = (Date.now() - started) / 1000;
    const own = process.cpuUsage(cpuStart);
    const summary: Summary = {
      commit: headCommit(),
      seed,
      first,
      end: inputs,
      done,
      parsed,
      seconds,
      inputCpu,
      counts: Object.fromEntries(counts) as Record<Property, number>,
      slowest,
      over1s: over1s.sort((a, b) => a - b),
      files,
    };
    const file = arg('summary') ?? join(outDir, `summary-seed${seed}-${first}-${inputs}.json`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(summary, null, 2) + '\n');
    console.log(
      [
        `fuzz: ${done} inputs (seed ${seed}, #${first}..#${inputs - 1}, ${workers} worker${workers === 1 ? '' : 's'}) in ${seconds.toFixed(0)} s: ${(done / seconds).toFixed(1)} inputs/s`,
        ...report(summary, corpus),
        `coordinator CPU ${((own.user + own.system) / 1e6).toFixed(1)} s; summary: ${file}`,
      ].join('\n'),
    );
    process.exitCode = [...counts.values()].some((n) => n > 0) ? 1 : 0;
  };

  const runScript = join(root, 'scripts', 'run-ts.js');
  let live = 0;
  // Worker w takes inputs from, from + workers, …; one that replaces a hung or dead worker starts past that input.
  const spawn = (from: number) => {
    if (from >= inputs) return;
    live++;
    const child: ChildProcess = fork(
      runScript,
      [join(root, 'scripts', 'fuzz.ts'), '--worker', '--from', String(from), '--step', String(workers), '--seed', String(seed), '--inputs', String(inputs)],
      { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    let current = -1;
    let since = Date.now();
    const lost = (detail: string, property: Property) => {
      record(current, [{ property, detail }]);
      if (property === 'cpu-over-1s') over1s.push(current);
      done++;
      spawn(current + workers);
    };
    const watchdog = setInterval(() => {
      if (current < 0 || Date.now() - since <= HANG_MS) return;
      clearInterval(watchdog);
      child.removeAllListeners('exit');
      child.kill('SIGKILL');
      live--;
      lost(`did not finish in ${HANG_MS / 1000} s`, 'cpu-over-1s');
      if (live === 0) finish();
    }, 1000);
    child.on('message', (m: Message) => {
      if (m.t === 'start') {
        current = m.i;
        since = Date.now();
        return;
      }
      current = -1;
      done++;
      if (m.parsed) parsed++;
      const ms = Math.max(m.cpu.lint, m.cpu.fix, m.cpu.unsafe);
      inputCpu += (m.cpu.lint + m.cpu.fix + m.cpu.unsafe) / 1000;
      if (ms > 1000) over1s.push(m.i);
      if (ms > slowest.ms) slowest = { i: m.i, ms, cpu: m.cpu, thread: m.thread };
      if (m.failures.length > 0) record(m.i, m.failures);
      if (done >= nextReport) {
        const s = (Date.now() - started) / 1000;
        console.error(`  ${done}/${total} in ${s.toFixed(0)} s (${(done / s).toFixed(1)}/s); failures so far: ${[...counts.values()].reduce((a, b) => a + b, 0)}`);
        nextReport += Math.ceil(total / 10);
      }
    });
    child.on('exit', (code) => {
      clearInterval(watchdog);
      live--;
      // Out of memory or a stack overflow past what try/catch sees: the input it was on is a crash.
      if (current >= 0) lost(`the worker died (exit code ${code})`, 'crash');
      if (live === 0) finish();
    });
  };
  for (let w = 0; w < workers; w++) spawn(first + w);
}

/** The lines a summary prints: inputs, the count per property, the slowest input, CPU per input, failing inputs. */
function report(s: Summary, corpus: { names: string[]; texts: string[] }): string[] {
  const lines = [
    `  ${s.parsed} parsed, ${s.done - s.parsed} syntax errors (linted only); CPU of lint + fix + fix --unsafe: ${s.inputCpu.toFixed(0)} s, ${((s.inputCpu * 1000) / Math.max(1, s.done)).toFixed(1)} ms per input`,
    ...PROPERTIES.map((p) => `  ${p.padEnd(12)} ${s.counts[p]}`),
  ];
  if (s.slowest.i >= 0) {
    const input = makeInput(corpus.texts, s.seed, s.slowest.i);
    const file = input.base < 0 ? '(generated)' : corpus.names[input.base]!;
    const { thread } = s.slowest;
    lines.push(
      `slowest input: #${s.slowest.i} (${file} + ${input.steps.join(', ')}): ${s.slowest.ms.toFixed(0)} ms CPU in one call ` +
        `(${callTimes(s.slowest.cpu)}${thread ? `; on the main thread: ${callTimes(thread)}` : ''})`,
    );
  }
  if (s.over1s.length > 0) lines.push(`over 1 s of CPU: ${s.over1s.map((i) => `#${i}`).join(' ')}`);
  if (s.files.length > 0) lines.push('failing inputs (replay: npm run fuzz -- --replay FILE):', ...s.files.map((f) => `  ${f}`));
  return lines;
}

/** Adds up the summaries of shards of one seed and says which inputs of 0..N-1 (`--inputs N`) none has run. */
function merge(paths: readonly string[]): void {
  const total = Number(arg('inputs') ?? 100_000);
  const all = paths.map((p) => JSON.parse(readFileSync(p, 'utf8')) as Summary);
  const seeds = new Set(all.map((s) => s.seed));
  if (seeds.size !== 1) throw new Error(`--merge: summaries of different seeds (${[...seeds].join(', ')})`);
  const ranges = all.map((s) => [s.first, s.end] as const).sort((a, b) => a[0] - b[0]);
  const gaps: string[] = [];
  let at = 0;
  for (const [from, end] of ranges) {
    if (from < at) throw new Error(`--merge: inputs #${from}..#${Math.min(at, end) - 1} are in two summaries`);
    if (from > at) gaps.push(`#${at}..#${from - 1}`);
    at = end;
  }
  if (at < total) gaps.push(`#${at}..#${total - 1}`);
  const counts = Object.fromEntries(PROPERTIES.map((p) => [p, all.reduce((n, s) => n + s.counts[p], 0)])) as Record<Property, number>;
  const commits = [...new Set(all.map((s) => s.commit))];
  const merged: Summary = {
    commit: commits.join(' '),
    seed: all[0]!.seed,
    first: ranges[0]![0],
    end: at,
    done: all.reduce((n, s) => n + s.done, 0),
    parsed: all.reduce((n, s) => n + s.parsed, 0),
    seconds: all.reduce((n, s) => n + s.seconds, 0),
    inputCpu: all.reduce((n, s) => n + s.inputCpu, 0),
    counts,
    slowest: all.reduce((a, s) => (s.slowest.ms > a.ms ? s.slowest : a), all[0]!.slowest),
    over1s: all.flatMap((s) => s.over1s).sort((a, b) => a - b),
    files: all.flatMap((s) => s.files),
  };
  console.log(
    [
      `fuzz, ${all.length} summar${all.length === 1 ? 'y' : 'ies'} merged: ${merged.done} inputs (seed ${merged.seed}) in ${merged.seconds.toFixed(0)} s of runs, on commit${commits.length === 1 ? '' : 's'} ${merged.commit}`,
      ...report(merged, loadCorpus()),
      gaps.length === 0 ? `all of #0..#${total - 1} covered` : `not yet run (of #0..#${total - 1}): ${gaps.join(', ')}`,
    ].join('\n'),
  );
  process.exitCode = PROPERTIES.some((p) => counts[p] > 0) ? 1 : gaps.length > 0 ? 3 : 0;
}

function replay(file: string): void {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { seed?: number; index?: number; steps?: string[]; input: string };
  if (saved.seed !== undefined && saved.index !== undefined) {
    const again = makeInput(loadCorpus().texts, saved.seed, saved.index);
    if (again.text !== saved.input) console.log(`note: seed ${saved.seed} input ${saved.index} no longer makes this text (corpus or mutations changed); checking the saved text`);
  }
  const result = checkInput(saved.input);
  const main = result.thread ? `; on the main thread: ${callTimes(result.thread)}` : '';
  console.log(`${file}: ${saved.steps?.join(', ') ?? ''}; parsed: ${result.parsed}; CPU ${callTimes(result.cpu)}${main}`);
  for (const f of result.failures) console.log(`  ${f.property}: ${f.detail}`);
  if (result.failures.length === 0) console.log('  all properties hold');
  process.exitCode = result.failures.length > 0 ? 1 : 0;
}

/**
 * Shrinks a saved failing input (reduceInput) while its first failure stays: the same property, and for a crash the
 * same error message, so that the reduction does not slide to another bug. Not for cpu-over-1s: a smaller input is
 * faster, whatever made the large one slow.
 */
function reduce(file: string): void {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { input: string };
  const first = checkInput(saved.input).failures[0];
  if (!first || first.property === 'cpu-over-1s') {
    console.log(`${file}: ${first ? 'a CPU-time failure cannot be reduced' : 'all properties hold now: nothing to reduce'}`);
    process.exitCode = 2;
    return;
  }
  const same = (f: Failure): boolean => f.property === first.property && (f.property !== 'crash' || f.detail.split(' at ')[0] === first.detail.split(' at ')[0]);
  const reduced = reduceInput(saved.input, (text) => checkInput(text).failures.some(same));
  const out = file.replace(/\.json$/, '') + '.reduced.Dockerfile';
  writeFileSync(out, reduced);
  console.log(`${first.property}: ${first.detail}\n${saved.input.length} -> ${reduced.length} characters, in ${out}:\n${JSON.stringify(reduced)}`);
}

if (commandLine.values.help) console.log(USAGE);
else if (commandLine.values.worker) worker();
else if (arg('replay')) replay(arg('replay')!);
else if (arg('reduce')) reduce(arg('reduce')!);
else if (commandLine.values.merge) merge(commandLine.files);
else main();
