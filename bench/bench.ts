// npm run bench — how fast dfopt is on real Dockerfiles.
//   (a) in one process: lintText over every corpus file (and parse alone, to split parser from rules), and the shell
//       layer: lint with and without the native ShellCheck rules;
//   (b) cold start: `node bin/dfopt.js lint <small file>` against bare `node -e ''`;
//   (c) the language server: didChange → publishDiagnostics latency and RSS over 10,000 edits (bench/lspBench.ts);
//   (d) scaling: lint and fix CPU time at 1k/10k/50k generated lines in six shapes (bench/scalingBench.ts);
//   (e) side by side with dockerfile-utils: paired rounds in one process and as processes, peak RSS; and
//       `dfopt lint --cache` re-running over the unchanged corpus (bench/pairedBench.ts).
// `npm run bench -- --only scaling|paired|cold|shell|lsp` runs (d), (e), (b), the shell-layer part of (a) or (c) alone
// (BENCH_SCALING_SHAPES=<substring>,… narrows (d) to some shapes; BENCH_ROUNDS the rounds of (e), default 5).
// A benchmark, not a test: targets are printed next to the numbers, never enforced. Exit 1 only if something crashed.
// DFOPT_CORPUS=<dir> overrides the corpus (default ../shared/corpus/files); BENCH_PASSES / BENCH_RUNS the repetitions.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BuildContextCache } from '../src/cli/buildContext';
import type { BuildContext } from '../src/engine';
import { createDefaultRegistry, type LintConfig, lintText, parseDockerfile } from '../src/index';
import { buildSemanticModel } from '../src/model';
import { DockerfileParseError } from '../src/parse';
import { shellRules } from '../rules/shell';
import { languageServerBench } from './lspBench';
import { cacheBench, HADOLINT_NOTE, pairedBench } from './pairedBench';
import { scalingBench } from './scalingBench';
import { firstLine, fmt, formatBytes, median, positiveInt, printTable, verdict } from './support';

const root = path.resolve(__dirname, '..');
const corpusDir = path.resolve(root, process.env.DFOPT_CORPUS ?? '../shared/corpus/files');
const PASSES = positiveInt(process.env.BENCH_PASSES, 3);
const COLD_RUNS = positiveInt(process.env.BENCH_RUNS, 20);
const TARGET_MS_PER_FILE = 3;
const TARGET_COLD_RATIO = 1.3;
/** Every rule on: the most work a user can ask for. */
const CONFIG: LintConfig = { extends: 'all' };

interface CorpusFile {
  readonly name: string;
  readonly text: string;
  readonly bytes: number;
}

interface Pass {
  readonly totalMs: number;
  readonly perFileMs: Float64Array;
}

let crashed = false;

async function main(): Promise<void> {
  const onlyAt = process.argv.indexOf('--only');
  if (onlyAt >= 0) {
    const section = process.argv[onlyAt + 1];
    if (section === 'scaling') {
      if (!scalingBench(printTable)) process.exitCode = 1;
      return;
    }
    if (section !== 'paired' && section !== 'cold' && section !== 'shell' && section !== 'lsp') {
      console.error(`bench: --only takes 'scaling', 'paired', 'cold', 'shell' or 'lsp', not ${section ?? 'nothing'}`);
      process.exitCode = 2;
      return;
    }
  }
  if (!existsSync(corpusDir)) {
    console.error(`bench: corpus directory not found: ${corpusDir} (set DFOPT_CORPUS)`);
    process.exitCode = 1;
    return;
  }
  const files = readCorpus(corpusDir);
  if (files.length === 0) {
    console.error(`bench: no files in ${corpusDir}`);
    process.exitCode = 1;
    return;
  }
  const totalBytes = files.reduce((n, f) => n + f.bytes, 0);
  const ruleCount = createDefaultRegistry().rules.length;

  console.log(
    `dfopt bench · node ${process.version} · ${os.platform()} ${os.arch()} · ${os.cpus()[0]?.model.trim() ?? 'unknown cpu'}`,
  );
  console.log(`corpus: ${files.length} files, ${formatBytes(totalBytes)} from ${path.relative(process.cwd(), corpusDir) || '.'}`);
  console.log('');

  const section = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
  if (section === 'shell') return shellLayer(files);
  if (section === 'lsp') {
    if (!(await languageServerBench(files))) process.exitCode = 1;
    return;
  }
  if (section === 'paired' || section === 'cold') {
    if (section === 'paired' && !pairedBench(files, corpusDir, printTable)) crashed = true;
    if (section === 'paired' && !cacheBench(corpusDir, printTable)) crashed = true;
    if (section === 'cold') coldStart(files);
    if (crashed) process.exitCode = 1;
    return;
  }
  inProcess(files, ruleCount);
  console.log('');
  shellLayer(files);
  console.log('');
  if (!pairedBench(files, corpusDir, printTable)) crashed = true;
  console.log('');
  if (!cacheBench(corpusDir, printTable)) crashed = true;
  console.log('');
  hostileInputs();
  console.log('');
  largeBuildContext();
  console.log('');
  if (!scalingBench(printTable)) crashed = true;
  console.log('');
  coldStart(files);
  console.log('');
  if (!(await languageServerBench(files))) crashed = true;

  if (crashed) process.exitCode = 1;
}

// ---------------------------------------------------------------------------------------------------------------
// (a) One process

function inProcess(files: readonly CorpusFile[], ruleCount: number): void {
  // Warm-up: lets V8 optimise, and collects what the timed passes do not need to (findings, failures).
  let findings = 0;
  let syntaxErrors = 0;
  const failures: string[] = [];
  for (const file of files) {
    try {
      const result = lintText(file.text, CONFIG);
      findings += result.findings.length;
      if (result.ast === null) syntaxErrors++;
    } catch (error) {
      failures.push(`${file.name}: ${firstLine(error)}`);
    }
  }
  const lintable = failures.length === 0 ? files : files.filter((f) => !failures.some((x) => x.startsWith(`${f.name}:`)));

  const lint = timePasses(lintable, (text) => lintText(text, CONFIG));
  for (const file of lintable) tryParse(file.text); // warm the parser alone too
  const parse = timePasses(lintable, tryParse);

  const n = lintable.length;
  const lintMedian = median(lint.map((p) => p.totalMs));
  const lintBest = Math.min(...lint.map((p) => p.totalMs));
  const parseMedian = median(parse.map((p) => p.totalMs));
  const parseBest = Math.min(...parse.map((p) => p.totalMs));
  const msPerFile = lintMedian / n;

  console.log(`In one process — lintText with { extends: 'all' } (${ruleCount} rules); warm-up, then ${PASSES} passes`);
  printTable(
    ['', 'median ms', 'best ms', 'files/s', 'ms/file', 'target'],
    [
      ['lint', fmt(lintMedian), fmt(lintBest), fmt(n / (lintMedian / 1000), 0), fmt(msPerFile, 3), verdict(msPerFile <= TARGET_MS_PER_FILE, `≤ ${TARGET_MS_PER_FILE} ms/file`)],
      ['  parse only', fmt(parseMedian), fmt(parseBest), fmt(n / (parseMedian / 1000), 0), fmt(parseMedian / n, 3), ''],
      ['  model + rules', fmt(lintMedian - parseMedian), '', '', fmt((lintMedian - parseMedian) / n, 3), `${fmt((100 * (lintMedian - parseMedian)) / lintMedian, 0)}% of lint`],
    ],
  );
  const rssMb = process.resourceUsage().maxRSS / 1024; // KiB on Linux and macOS
  console.log(`peak RSS ${fmt(rssMb, 1)} MB · ${findings} findings · ${syntaxErrors} files with syntax-error`);

  const bestPass = lint.reduce((a, b) => (b.totalMs < a.totalMs ? b : a));
  const slowest = [...bestPass.perFileMs.keys()].sort((a, b) => bestPass.perFileMs[b]! - bestPass.perFileMs[a]!).slice(0, 3);
  console.log(
    `slowest: ${slowest.map((i) => `${lintable[i]!.name} ${fmt(bestPass.perFileMs[i]!, 2)} ms (${formatBytes(lintable[i]!.bytes)})`).join(', ')}`,
  );

  if (failures.length > 0) {
    crashed = true;
    console.log(`CRASHED on ${failures.length} file(s) (excluded from the timings):`);
    for (const f of failures.slice(0, 10)) console.log(`  ${f}`);
    if (failures.length > 10) console.log(`  … and ${failures.length - 10} more`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// (a') The shell layer: the native ShellCheck rules (rules/shell), measured as lint with them minus lint without.

const TARGET_SHELL_MS_PER_FILE = 1;

function shellLayer(files: readonly CorpusFile[]): void {
  const withoutShell: LintConfig = { extends: 'all', rules: Object.fromEntries(shellRules.map((r) => [r.meta.id, 'off' as const])) };
  const lintable = files.filter((f) => {
    try {
      lintText(f.text, CONFIG);
      return true;
    } catch {
      return false; // reported by the in-process section
    }
  });
  for (const f of lintable) lintText(f.text, withoutShell); // warm-up
  // CPU time of this process, passes interleaved: on a shared machine wall time drifts more than the layer costs.
  const cpuMs = (config: LintConfig): number => {
    const start = process.cpuUsage();
    for (const f of lintable) lintText(f.text, config);
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  };
  const onPasses: number[] = [];
  const offPasses: number[] = [];
  for (let p = 0; p < PASSES; p++) {
    onPasses.push(cpuMs(CONFIG));
    offPasses.push(cpuMs(withoutShell));
  }
  const on = median(onPasses);
  const off = median(offPasses);
  const perFile = (on - off) / lintable.length;
  console.log(`Shell layer — { extends: 'all' } with and without the ${shellRules.length} native ShellCheck rules; ${PASSES} interleaved passes each`);
  printTable(
    ['', 'median CPU ms', 'ms/file', 'target'],
    [
      ['with shell rules', fmt(on), fmt(on / lintable.length, 3), ''],
      ['without', fmt(off), fmt(off / lintable.length, 3), ''],
      ['shell layer', fmt(on - off), fmt(perFile, 3), verdict(perFile <= TARGET_SHELL_MS_PER_FILE, `≤ ${TARGET_SHELL_MS_PER_FILE} ms/file`)],
    ],
  );
}

function timePasses(files: readonly CorpusFile[], run: (text: string) => unknown): Pass[] {
  const passes: Pass[] = [];
  for (let p = 0; p < PASSES; p++) {
    const perFileMs = new Float64Array(files.length);
    const start = performance.now();
    let last = start;
    for (let i = 0; i < files.length; i++) {
      run(files[i]!.text);
      const now = performance.now();
      perFileMs[i] = now - last;
      last = now;
    }
    passes.push({ totalMs: last - start, perFileMs });
  }
  return passes;
}

function tryParse(text: string): unknown {
  try {
    return parseDockerfile(text);
  } catch (error) {
    if (error instanceof DockerfileParseError) return null;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Hostile inputs: small files that once made work explode (issue 18)

const TARGET_HOSTILE_MS = 10;

function hostileInputs(): void {
  const doubling = (keyword: string, head: string, tail = ''): string => `${head}${keyword} A=x\n${`${keyword} A=\${A}\${A}\n`.repeat(30)}${tail}`;
  const manyEnv = `FROM alpine:3.20\n${Array.from({ length: 20_000 }, (_, i) => `ENV V${i}=${i}\n`).join('')}`;
  const manyEnvAst = parseDockerfile(manyEnv);
  const cases: Array<[string, () => unknown, number]> = [
    ['30 self-doubling ENV lines: lint', () => lintText(doubling('ENV', 'FROM alpine:3.20\n'), CONFIG), TARGET_HOSTILE_MS],
    ['30 self-doubling global ARGs + FROM: lint', () => lintText(doubling('ARG', '', 'FROM alpine:$A\n'), CONFIG), TARGET_HOSTILE_MS],
    // The model keeps the scope before every instruction; copied per ENV line it was quadratic (out of memory here).
    // The parser's own time for this file is not counted: it is the same before and after.
    ['20,000 distinct ENV lines (400 KiB): semantic model', () => buildSemanticModel(manyEnvAst), 400],
  ];
  console.log(`Hostile inputs — median of ${PASSES * 3} runs`);
  printTable(
    ['', 'median ms', 'target'],
    cases.map(([label, run, target]) => {
      const times: number[] = [];
      for (let i = 0; i < PASSES * 3; i++) {
        const start = performance.now();
        try {
          run();
        } catch (error) {
          crashed = true;
          return [label, 'CRASHED', firstLine(error)];
        }
        times.push(performance.now() - start);
      }
      const m = median(times);
      return [label, fmt(m, 2), verdict(m <= target, `≤ ${target} ms`)];
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// A large build context: many Dockerfiles with `COPY . .` sharing one context, as in a monorepo's pre-commit run

const CONTEXT_FILES = 100_000;
const CONTEXT_DOCKERFILES = 20;
const TARGET_CONTEXT_MS = 5;

function largeBuildContext(): void {
  const text = 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n';
  const shapes: Array<[string, (dir: string) => void]> = [
    ['1,000 dirs × 100 files', (dir) => {
      for (let d = 0; d < CONTEXT_FILES / 100; d++) {
        const sub = path.join(dir, `pkg${String(d).padStart(4, '0')}`);
        mkdirSync(sub);
        for (let f = 0; f < 100; f++) writeFileSync(path.join(sub, `file${f}.js`), '');
      }
    }],
    ['100,000 files in one dir', (dir) => {
      for (let f = 0; f < CONTEXT_FILES; f++) writeFileSync(path.join(dir, `file${f}.js`), '');
    }],
  ];
  console.log(`Build context of ${CONTEXT_FILES.toLocaleString('en')} files — ${CONTEXT_DOCKERFILES} Dockerfiles with \`COPY . .\` in it, linted as one CLI run`);
  const rows: string[][] = [];
  for (const [label, fill] of shapes) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dfopt-bench-context-'));
    try {
      fill(dir);
      const contexts = newContextFactory();
      const times: number[] = [];
      for (let i = 0; i < CONTEXT_DOCKERFILES; i++) {
        const dockerfile = path.join(dir, `app${i}.Dockerfile`);
        writeFileSync(dockerfile, text);
        const start = performance.now();
        lintText(text, CONFIG, contexts(dir, dockerfile));
        times.push(performance.now() - start);
      }
      const after = median(times.slice(1));
      // What the context adds: the same lint without one.
      const bare = median(Array.from({ length: CONTEXT_DOCKERFILES }, () => {
        const start = performance.now();
        lintText(text, CONFIG);
        return performance.now() - start;
      }));
      const added = after - bare;
      rows.push([label, fmt(times[0]!, 1), fmt(after, 2), fmt(bare, 2), fmt(added, 2), verdict(added <= TARGET_CONTEXT_MS, `≤ ${TARGET_CONTEXT_MS} ms added`)]);
    } catch (error) {
      crashed = true;
      rows.push([label, 'CRASHED', firstLine(error), '', '', '']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  printTable(['', 'first ms', 'then median ms', 'no context ms', 'added ms', 'target'], rows);
}

/** Build contexts as the CLI makes them for one run: one cache, shared by every Dockerfile. */
function newContextFactory(): (root: string, dockerfile: string) => BuildContext {
  const cache = new BuildContextCache();
  return (root, dockerfile) => cache.get(root, dockerfile);
}

// ---------------------------------------------------------------------------------------------------------------
// (b) Cold start

function coldStart(files: readonly CorpusFile[]): void {
  const cli = path.join(root, 'bin', 'dfopt.js');
  const bundle = path.join(root, 'dist', 'cli.js');
  console.log(`Cold start — ${COLD_RUNS} runs each, alternating; median wall time; NODE_EXTRA_CA_CERTS unset${process.env.NODE_EXTRA_CA_CERTS ? ' (set here: it would add its certificates to every start)' : ''}`);
  if (!existsSync(cli) || !existsSync(bundle)) {
    console.log(`  skipped: ${existsSync(cli) ? 'dist/cli.js' : 'bin/dfopt.js'} not found (npm run build)`);
    return;
  }
  const sample = pickSmallFile(files);
  const samplePath = path.join(corpusDir, sample.name);

  const commands: Array<{ label: string; args: string[]; input?: string }> = [
    { label: "node -e ''", args: ['-e', ''] },
    { label: `dfopt lint ${sample.name}`, args: [cli, 'lint', samplePath] },
    // Where a one-file lint's time goes: --version answers before the bundle is read; loadBundle.js reads the bundle
    // and deserialises its code cache, and runs none of it; an empty standard input makes the bundle load and every
    // module initialise, and stops before linting anything (a file that is not there would also load node:v8, as
    // bin/dfopt.js takes a path it cannot stat for a directory or a glob: a long run).
    { label: 'dfopt --version', args: [cli, '--version'] },
    { label: 'bundle read and deserialised, not run (bench/loadBundle.js)', args: [path.join(__dirname, 'loadBundle.js')] },
    { label: 'dfopt lint --stdin, empty (bundle loaded, nothing linted)', args: [cli, 'lint', '--stdin'], input: '' },
    { label: 'dfopt --help', args: [cli, '--help'] },
    { label: `dockerfile-utils lint ${sample.name}`, args: [require.resolve('dockerfile-utils/bin/dockerfile-utils'), 'lint', samplePath] },
  ];
  const peer = commands.length - 1;
  const times = commands.map(() => [] as number[]);
  const outcomes = commands.map(() => new Set<string>());
  // NODE_EXTRA_CA_CERTS makes every node start parse the certificates it names (220 kB here, 40-80 ms of CPU),
  // which would inflate bare node and hide what dfopt adds: measured as on a machine without it.
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  // One untimed round so the first timed run does not pay for cold disk caches.
  for (const c of commands) spawnSync(process.execPath, c.args, { stdio: 'ignore', env });
  for (let r = 0; r < COLD_RUNS; r++) {
    commands.forEach((c, i) => {
      const start = performance.now();
      const result = spawnSync(process.execPath, c.args, { cwd: root, encoding: 'utf8', env, input: c.input });
      times[i]!.push(performance.now() - start);
      outcomes[i]!.add(describeExit(result));
    });
  }

  const bare = median(times[0]!);
  printTable(
    ['', 'median ms', 'min ms', '× node', 'target', 'exit'],
    commands.map((c, i) => {
      const m = median(times[i]!);
      const ratio = m / bare;
      const target =
        i === 1 ? verdict(ratio <= TARGET_COLD_RATIO, `≤ ${TARGET_COLD_RATIO}× node`) : i === peer ? `dfopt is ${fmt(median(times[1]!) / m, 2)}× this` : '';
      return [c.label, fmt(m, 1), fmt(Math.min(...times[i]!), 1), i === 0 ? '1.00' : fmt(ratio, 2), target, [...outcomes[i]!].join(', ')];
    }),
  );
  console.log(`dist/cli.js ${formatBytes(statSync(bundle).size)}; ${path.relative(root, samplePath)} is ${formatBytes(sample.bytes)}`);
  console.log(HADOLINT_NOTE);
}

function describeExit(result: ReturnType<typeof spawnSync>): string {
  if (result.error) {
    crashed = true;
    return `error: ${result.error.message}`;
  }
  if (result.signal) {
    crashed = true;
    return `signal ${result.signal}`;
  }
  // 0 = clean, 1 = findings; 2 = usage/IO error, which would make the timing meaningless, so show why.
  if (result.status === 0 || result.status === 1) return String(result.status);
  const stderr = String(result.stderr ?? '').trim().split('\n')[0] ?? '';
  return `${result.status}${stderr ? ` (${stderr.slice(0, 60)})` : ''}`;
}

/** A typical small Dockerfile: the smallest file of at least 300 bytes that parses. */
function pickSmallFile(files: readonly CorpusFile[]): CorpusFile {
  const candidates = [...files].filter((f) => f.bytes >= 300).sort((a, b) => a.bytes - b.bytes || (a.name < b.name ? -1 : 1));
  return candidates.find((f) => tryParse(f.text) !== null) ?? files[0]!;
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

function readCorpus(dir: string): CorpusFile[] {
  return readdirSync(dir)
    .sort()
    .filter((name) => statSync(path.join(dir, name)).isFile())
    .map((name) => {
      const buffer = readFileSync(path.join(dir, name));
      // Like an editor or the CLI: text, BOM dropped.
      return { name, text: buffer.toString('utf8').replace(/^\uFEFF/, ''), bytes: buffer.length };
    });
}

void main();
