// The "Scaling" section of npm run bench (issue 18, item 3): lint, fix and fix --unsafe on generated inputs of
// 1k, 10k and 50k lines in seven shapes that once cost super-linear time (or are the fuzz's slowest) (the last FROM shape still does). Linear cost
// shows as a 10k→50k ratio ≈ 5, or, where the 1 MiB cap makes the largest input smaller, as a growth per line ≈ 1
// between the two largest inputs.
// Each measurement runs in a child process (this file with --scaling-worker), so a slow one can be stopped at a time
// limit (BENCH_SCALING_LIMIT seconds, default 60) and one's heap does not slow the next; the figure is the CPU time
// (process.cpuUsage, user + system) of the call alone, parsing the generated text included, the process start not.
// Inputs are capped at dfopt's 1 MiB limit (MAX_DOCKERFILE_BYTES): a shape that reaches it at fewer lines says so.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { MAX_DOCKERFILE_BYTES } from '../src/parse/limits';
import { fix, lint } from '../src/index';

const CONFIG = { extends: 'all' } as const;
const SIZES = [1_000, 10_000, 50_000] as const;
const MODES = ['lint', 'fix', 'fix --unsafe'] as const;
type Mode = (typeof MODES)[number];

/** Corpus-like instructions for one long stage: every kind a rule looks at, each line distinct. */
const MIXED: ReadonlyArray<(i: number) => string> = [
  (i) => `RUN apt-get update && apt-get install -y curl${i} && rm -rf /var/lib/apt/lists/*`,
  (i) => `ENV APP_HOME_${i}=/opt/app${i} PATH=/opt/app${i}/bin:$PATH`,
  (i) => `COPY src/module${i} /app/module${i}`,
  (i) => `LABEL org.example.item${i}="value ${i}"`,
  (i) => `ARG BUILD_ARG_${i}=default${i}`,
  (i) => `WORKDIR /app/dir${i}`,
  (i) => `RUN pip install requests==2.${i % 40}.0 && echo $APP_HOME_${i}`,
  (i) => `ADD https://example.com/file${i}.tar.gz /tmp/`,
  (i) => `RUN cd /app/dir${i} && make install`,
  (i) => `EXPOSE ${1024 + (i % 60000)}`,
];

const word = (i: number): string => `w${i}`.padEnd(200, 'abcdefghijklmnopqrstuvwxyz0123456789'.charAt(i % 36));

/** The four shapes of issue 18, defect 4, two of FROM <stage> and the fuzz's slowest; each returns about `lines` lines. */
export const SHAPES: Readonly<Record<string, (lines: number) => string>> = {
  // Stage i copies from stage i - 1, then runs something with a safe fix (apk add without --no-cache): three lines.
  'stages chained by COPY --from': (lines) => {
    const out = ['FROM alpine:3.20 AS s0', 'RUN echo start > /a'];
    for (let i = 1; i < lines / 3; i++) out.push(`FROM alpine:3.20 AS s${i}`, `COPY --from=s${i - 1} /a /a`, `RUN apk add curl${i}`);
    return `${out.join('\n')}\n`;
  },
  // Stage i is built FROM stage i - 1 and adds a file: the layer rules hand each stage's tracked files down the chain.
  'stages chained by FROM': (lines) => {
    const out = ['FROM alpine:3.20 AS s0', 'RUN echo start > /a'];
    for (let i = 1; i < lines / 3; i++) out.push(`FROM s${i - 1} AS s${i}`, `COPY --from=s0 /a /f${i}`, `RUN apk add curl${i}`);
    return `${out.join('\n')}\n`;
  },
  // Half the lines make files in one stage, the other half are stages built FROM it: each heir but the last copies them.
  'stages built FROM one stage': (lines) => {
    const out = ['FROM alpine:3.20 AS base'];
    for (let i = 1; i < lines / 2; i++) out.push(`COPY f${i} /f${i}`);
    for (let i = 1; i < lines / 4; i++) out.push(`FROM base AS s${i}`, `COPY g${i} /g${i}`);
    return `${out.join('\n')}\n`;
  },
  'one stage of mixed instructions': (lines) => {
    const out = ['FROM ubuntu:22.04'];
    for (let i = 1; i < lines; i++) out.push(MIXED[i % MIXED.length]!(i));
    return `${out.join('\n')}\n`;
  },
  'one RUN of continuation lines': (lines) => {
    const out = ['FROM debian:12', 'RUN apt-get update && \\'];
    for (let i = 2; i < lines - 1; i++) out.push(`    apt-get install -y pkg${i} && \\`);
    out.push('    true');
    return `${out.join('\n')}\n`;
  },
  // The fuzz's slowest inputs (its many-runs generator): every RUN one command, so chain-run flags and merges each pair.
  'one-line RUNs': (lines) => {
    const out = ['FROM debian:12'];
    for (let i = 1; i < lines; i++) out.push(`RUN apt-get install -y pkg${i}`);
    return `${out.join('\n')}\n`;
  },
  'lines of long words': (lines) => {
    const out = ['FROM alpine:3.20'];
    for (let i = 1; i < lines; i++) out.push(`RUN echo ${word(i)}`);
    return `${out.join('\n')}\n`;
  },
};

/** The shape's text at `lines` lines, cut at the last whole line under 1 MiB. */
export function generate(shape: string, lines: number): { text: string; lines: number; capped: boolean } {
  let text = SHAPES[shape]!(lines);
  const capped = Buffer.byteLength(text) > MAX_DOCKERFILE_BYTES;
  if (capped) text = text.slice(0, text.lastIndexOf('\n', MAX_DOCKERFILE_BYTES - 1) + 1); // ASCII: chars = bytes
  return { text, lines: text.split('\n').length - 1, capped };
}

function runMode(mode: Mode, text: string): void {
  if (mode === 'lint') lint(text, { config: CONFIG });
  else fix(text, { config: CONFIG, unsafe: mode === 'fix --unsafe' });
}

/** In the child: CPU ms of one call (the best of three when the input is small enough for that to be cheap). */
function worker(shape: string, lines: number, mode: Mode): void {
  const { text } = generate(shape, lines);
  const runs = lines <= 1_000 ? 3 : 1;
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const start = process.cpuUsage();
    runMode(mode, text);
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  process.stdout.write(`${JSON.stringify({ cpuMs: best, rssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

interface Cell {
  readonly cpuMs: number | null;
  readonly note: string;
}

function measure(shape: string, lines: number, mode: Mode, limitS: number): Cell {
  const result = spawnSync(
    process.execPath,
    [path.join(__dirname, '..', 'scripts', 'run-ts.js'), path.join(__dirname, 'scalingBench.ts'), '--scaling-worker', shape, String(lines), mode],
    { encoding: 'utf8', timeout: limitS * 1000, maxBuffer: 1 << 20 },
  );
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { cpuMs: null, note: `> ${limitS} s` };
  if (result.status !== 0) return { cpuMs: null, note: `CRASHED (${(result.stderr || String(result.signal)).trim().split('\n').pop()?.slice(0, 60)})` };
  const { cpuMs, rssMb } = JSON.parse(result.stdout.trim().split('\n').pop()!) as { cpuMs: number; rssMb: number };
  return { cpuMs, note: `${Math.round(rssMb)} MB` };
}

/** Prints the table; returns false if a measurement crashed. */
export function scalingBench(print: (header: readonly string[], rows: ReadonlyArray<readonly string[]>) => void): boolean {
  const limitS = Number(process.env.BENCH_SCALING_LIMIT) > 0 ? Number(process.env.BENCH_SCALING_LIMIT) : 60;
  const only = process.env.BENCH_SCALING_SHAPES?.split(',');
  console.log(`Scaling — CPU ms of one call, { extends: 'all' }, per input size (lines); ratio 10k→50k (linear ≈ 5); limit ${limitS} s; load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  let ok = true;
  const rows: string[][] = [];
  for (const shape of Object.keys(SHAPES)) {
    if (only && !only.some((s) => shape.includes(s))) continue;
    const sizes = SIZES.map((n) => generate(shape, n));
    const capNote = sizes.some((s) => s.capped) ? ` (1 MiB cap: ${sizes.filter((s) => s.capped).map((s) => `${s.lines} lines`).join(', ')})` : '';
    rows.push([`${shape}${capNote}`, '', '', '', '', '', '']);
    for (const mode of MODES) {
      const cells = SIZES.map((n) => measure(shape, n, mode, limitS));
      if (cells.some((c) => c.note.startsWith('CRASHED'))) ok = false;
      const [, ten, fifty] = cells;
      const ratio = ten!.cpuMs !== null && fifty!.cpuMs !== null ? (fifty!.cpuMs / ten!.cpuMs).toFixed(1) : '';
      // Per-line growth between the two largest inputs of different sizes (1 = linear).
      const [a, b] = sizes[2]!.lines > sizes[1]!.lines ? [1, 2] : [0, 1];
      const growth =
        cells[a]!.cpuMs !== null && cells[b]!.cpuMs !== null
          ? (cells[b]!.cpuMs! / cells[a]!.cpuMs! / (sizes[b]!.lines / sizes[a]!.lines)).toFixed(2)
          : '';
      const show = (c: Cell): string => (c.cpuMs === null ? c.note : String(Math.round(c.cpuMs)));
      rows.push([`  ${mode}`, ...cells.map(show), ratio, growth, `peak RSS at 50k: ${fifty!.cpuMs === null ? '?' : fifty!.note}`]);
    }
  }
  print(['', '1k', '10k', '50k', '×10k→50k', 'growth/line', ''], rows);
  return ok;
}

const at = process.argv.indexOf('--scaling-worker');
if (at >= 0) worker(process.argv[at + 1]!, Number(process.argv[at + 2]), process.argv[at + 3] as Mode);
