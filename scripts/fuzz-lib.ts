/**
 * What `npm run fuzz` (scripts/fuzz.ts) and the property test (test/regressions/fix-properties.test.ts) share: the
 * mutations that turn a real Dockerfile into a hostile one, the synthetic inputs (thousands of stages, 10k-line
 * RUNs, self-doubling ENV), and the properties every input must keep under lint, fix and fix --unsafe.
 *
 * Everything here is deterministic given the random source, so an input is named by (seed, index) and replays.
 *
 * What reaches the text layer: the CLI refuses NUL bytes and invalid UTF-8 (src/cli/readDockerfile.ts, exit 2), but
 * the library API and the language server take any JS string, so the mutations still insert NUL characters, U+FFFD
 * (what a lenient decoder makes of invalid UTF-8) and lone surrogates (what a JS string can hold and no UTF-8 can).
 */
import { readFileSync } from 'node:fs';
import { fix, lint } from '../src/index';

export type Rng = () => number;

/** mulberry32: tiny, fast, and the same on every platform. */
export function rngFrom(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The random source of input `index` under `seed`: independent of how inputs are shared out among workers. */
export const inputRng = (seed: number, index: number): Rng => rngFrom(Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));

const int = (rng: Rng, n: number): number => Math.floor(rng() * n);
const pick = <T>(rng: Rng, items: readonly T[]): T => items[int(rng, items.length)]!;

/** Lines split on `\n` only (BuildKit's line break), so a `\r` stays part of its line and CRLF files stay CRLF. */
const lines = (text: string): string[] => text.split('\n');

/** Characters a byte flip writes: Dockerfile syntax, quoting, escapes, whitespace, and what only the library sees. */
const HOSTILE_CHARS = ['\\', '`', '"', "'", '[', ']', '{', '}', '$', '#', '=', ',', ' ', '\t', '\n', '\r', '\0', '\uFFFD', '\uD800', '\uDC00', '<', '-', '&', '|', ';', '\u00A0', 'é', '(', ')', '*', '+', '?', '^', '.'];

/** Instruction lines spliced in: the syntax the rules and the optimizer react to. */
const SNIPPETS = [
  'FROM scratch AS x',
  'FROM alpine:3.19 AS build',
  'FROM build',
  'COPY --from=build /out /out',
  'COPY --from=0 / /',
  'COPY --chown=1000:1000 . /app',
  'ADD https://example.com/a.tar.gz /tmp/',
  'ADD app.tar.gz /opt/',
  'RUN apt-get update && apt-get install curl',
  'RUN apk add --update git',
  'RUN pip install requests',
  'RUN npm install',
  'RUN chmod +x /app/run.sh',
  'RUN cd /app && make',
  'RUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt',
  'RUN ["sh", "-c", "echo hi"]',
  'CMD ["node", "server.js"]',
  'CMD node server.js',
  'ENTRYPOINT exec app',
  'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
  'USER root',
  'USER 1000',
  'WORKDIR app',
  'ENV A=1 B=$A',
  'ARG VERSION=1.0',
  'ARG A',
  'LABEL maintainer="me"',
  'MAINTAINER me',
  'EXPOSE 80/tcp 99999',
  'HEALTHCHECK NONE',
  'HEALTHCHECK CMD curl -f http://localhost/',
  'ONBUILD RUN echo hi',
  'STOPSIGNAL SIGTERM',
  'VOLUME ["/data"]',
  'run echo lower',
  '# dfopt-disable-next-line',
  '# hadolint ignore=DL3008',
  '# check=skip=all',
  '# a comment',
  '',
  // Names and globs that reach regular expressions: an ARG name is any text but `=`, and globs in RUN and COPY are
  // matched against paths (`ARG V(=1` crashed the lint; twelve wildcards took 70 s).
  'ARG V(=1',
  'ENV A+*?=x B(=$A+*?',
  'RUN touch /tmp/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!',
  'RUN rm -rf /tmp/*a*a*a*a*a*a*a*a*a*a*a*a*x && chmod 600 /tmp/*a*a*a*a*a*a*a*a*a*a*a*a*x',
  'COPY *a*a*a*a*a*a*a*a*a*a*a*a*x /dst/',
];

const DIRECTIVES = ['# escape=`', '# escape=\\', '# escape=x', '# escape=', '# escape=``', '#escape=`', '# ESCAPE=`', '# syntax=docker/dockerfile:1', '# check=error=true', '# escape=\t`'];

export interface Mutation {
  readonly name: string;
  readonly apply: (text: string, rng: Rng, corpus: readonly string[]) => string;
}

function atLine(text: string, rng: Rng, edit: (ls: string[], i: number) => void): string {
  const ls = lines(text);
  edit(ls, int(rng, ls.length));
  return ls.join('\n');
}

function insertAt(text: string, rng: Rng, insert: string): string {
  const at = int(rng, text.length + 1);
  return text.slice(0, at) + insert + text.slice(at);
}

export const MUTATIONS: readonly Mutation[] = [
  {
    name: 'flip-char',
    apply: (t, rng) => {
      if (t.length === 0) return pick(rng, HOSTILE_CHARS);
      const at = int(rng, t.length);
      return t.slice(0, at) + pick(rng, HOSTILE_CHARS) + t.slice(at + 1);
    },
  },
  {
    name: 'flip-bit',
    apply: (t, rng) => {
      if (t.length === 0) return t;
      const at = int(rng, t.length);
      return t.slice(0, at) + String.fromCharCode(t.charCodeAt(at) ^ (1 << int(rng, 8))) + t.slice(at + 1);
    },
  },
  { name: 'lone-cr', apply: (t, rng) => insertAt(t, rng, '\r') },
  { name: 'nul', apply: (t, rng) => insertAt(t, rng, '\0') },
  { name: 'invalid-utf8', apply: (t, rng) => insertAt(t, rng, pick(rng, ['\uFFFD', '\uD800', '\uDFFF', '\uFFFD\uFFFD'])) },
  { name: 'to-crlf', apply: (t) => t.replace(/\r?\n/g, '\r\n') },
  { name: 'to-lf', apply: (t) => t.replace(/\r\n/g, '\n') },
  {
    name: 'mix-eol',
    apply: (t, rng) => t.replace(/\r?\n/g, () => pick(rng, ['\n', '\r\n', '\r\r\n'])),
  },
  { name: 'add-bom', apply: (t) => (t.startsWith('\uFEFF') ? t : '\uFEFF' + t) },
  { name: 'bom-inside', apply: (t, rng) => insertAt(t, rng, '\uFEFF') },
  { name: 'delete-line', apply: (t, rng) => atLine(t, rng, (ls, i) => void ls.splice(i, 1)) },
  { name: 'duplicate-line', apply: (t, rng) => atLine(t, rng, (ls, i) => void ls.splice(i, 0, ls[i]!)) },
  {
    name: 'splice-line',
    apply: (t, rng, corpus) => atLine(t, rng, (ls, i) => void ls.splice(i, 0, pick(rng, lines(pick(rng, corpus))))),
  },
  { name: 'snippet', apply: (t, rng) => atLine(t, rng, (ls, i) => void ls.splice(i, 0, pick(rng, SNIPPETS))) },
  {
    name: 'continuation',
    apply: (t, rng) =>
      atLine(t, rng, (ls, i) => {
        const line = ls[i]!;
        // Add one (sometimes with trailing blanks or a \r), or take one away.
        ls[i] = /\\\s*$/.test(line) ? line.replace(/\\(\s*)$/, '$1') : line + pick(rng, [' \\', '\\', ' \\ ', ' \\\t', ' \\\r', ' `']);
      }),
  },
  { name: 'trailing-backslash', apply: (t) => t.replace(/\s*$/, ' \\') },
  {
    name: 'unterminated-heredoc',
    apply: (t, rng) =>
      atLine(t, rng, (ls, i) => {
        const head = pick(rng, ['RUN <<EOF', 'RUN <<-EOT bash', 'COPY <<EOF /etc/x', 'RUN cat <<"EOF" > /x', 'RUN <<EOF1 <<EOF2']);
        ls.splice(i, 0, head, 'echo inside', '# not a comment here');
      }),
  },
  {
    name: 'cut-heredoc-end',
    apply: (t) => t.replace(/\n(EOF|EOT|END|_EOF_)\s*(?=\n|$)/, '\n'),
  },
  {
    name: 'unterminated-json',
    apply: (t, rng) =>
      /\]\s*(\r?\n|$)/.test(t)
        ? t.replace(/\]\s*(\r?\n|$)/, '$1')
        : atLine(t, rng, (ls, i) => void ls.splice(i, 0, pick(rng, ['CMD ["a", "b"', 'RUN ["sh", "-c", "x', 'ENTRYPOINT [', 'SHELL ["bash"']))),
  },
  { name: 'escape-directive', apply: (t, rng) => pick(rng, DIRECTIVES) + pick(rng, ['\n', '\r\n']) + t },
  {
    name: 'self-doubling',
    apply: (t, rng) => {
      const kind = pick(rng, ['ENV', 'ARG']);
      const n = 10 + int(rng, 40);
      const block = [`${kind} A=xy`, ...Array.from({ length: n }, () => `${kind} A=\${A}\${A}`), 'RUN echo $A'].join('\n');
      return atLine(t, rng, (ls, i) => void ls.splice(Math.max(1, i), 0, block));
    },
  },
  { name: 'truncate', apply: (t, rng) => t.slice(0, int(rng, t.length + 1)) },
  {
    name: 'swap-lines',
    apply: (t, rng) => {
      const ls = lines(t);
      const [i, j] = [int(rng, ls.length), int(rng, ls.length)];
      [ls[i], ls[j]] = [ls[j]!, ls[i]!];
      return ls.join('\n');
    },
  },
  {
    name: 'indent',
    apply: (t, rng) => atLine(t, rng, (ls, i) => (ls[i] = pick(rng, ['  ', '\t', ' \t ']) + ls[i])),
  },
];

/** Whole inputs built from scratch: the sizes the issue names (thousands of stages, 10k-line RUNs). */
export const GENERATORS: readonly Mutation[] = [
  {
    name: 'many-stages',
    apply: (_t, rng) => {
      const n = 500 + int(rng, 2500);
      const out = ['FROM alpine:3.19 AS s0', 'RUN echo 0 > /f0'];
      for (let i = 1; i < n; i++) {
        out.push(rng() < 0.5 ? `FROM s${i - 1} AS s${i}` : `FROM alpine:3.19 AS s${i}`, `COPY --from=s${i - 1} /f${i - 1} /f${i}`);
      }
      out.push(`CMD ["cat", "/f${n - 1}"]`);
      return out.join('\n') + '\n';
    },
  },
  {
    name: 'copy-from-chain',
    apply: (_t, rng) => {
      const n = 500 + int(rng, 2500);
      const out = ['FROM alpine:3.19 AS base'];
      for (let i = 0; i < n; i++) out.push(`COPY --from=${i === 0 ? 'base' : i - 1} /a /a`, i % 50 === 0 ? `FROM alpine:3.19` : `RUN true`);
      return out.join('\n') + '\n';
    },
  },
  {
    name: 'long-run',
    apply: (_t, rng) => {
      const n = 2000 + int(rng, 8000);
      const body = Array.from({ length: n }, (_, i) => `    apt-get install -y pkg${i} && \\`);
      return ['FROM debian:12', 'RUN apt-get update && \\', ...body, '    true', 'CMD ["bash"]'].join('\n') + '\n';
    },
  },
  {
    // Paths made of one letter, then globs of many wildcards that almost match them, in every command that matches
    // globs against the paths earlier RUNs made.
    name: 'wildcard-globs',
    apply: (_t, rng) => {
      const name = `${'a'.repeat(20 + int(rng, 200))}!`;
      const glob = `${'*a'.repeat(5 + int(rng, 20))}*x`;
      const out = ['FROM alpine:3.19', `RUN touch /x/${name} && mkdir -p /y/${name}/z && echo hi > /z/${name}`];
      for (const command of ['rm -rf', 'chmod 600', 'chown root', 'cp', 'mv', 'rm -f']) out.push(`RUN ${command} /${pick(rng, ['x', 'y', 'z'])}/${glob} ${command === 'cp' || command === 'mv' ? '/q' : ''}`.trimEnd());
      out.push(`COPY ${glob} /dst/`, `CMD ["sh"]`);
      return out.join('\n') + '\n';
    },
  },
  {
    name: 'many-runs',
    apply: (_t, rng) => {
      const n = 1000 + int(rng, 4000);
      return ['FROM debian:12', ...Array.from({ length: n }, (_, i) => `RUN apt-get install -y pkg${i}`)].join('\n') + '\n';
    },
  },
];

export interface Input {
  readonly text: string;
  /** Where it came from: corpus file index (or -1 for a generator) and the mutations applied, in order. */
  readonly base: number;
  readonly steps: readonly string[];
}

/** Input `index` under `seed`: a corpus file with 1–4 mutations (3 in 1,000 a synthetic giant, then mutated too). */
export function makeInput(corpus: readonly string[], seed: number, index: number): Input {
  const rng = inputRng(seed, index);
  const steps: string[] = [];
  let base = int(rng, corpus.length);
  let text = corpus[base]!;
  if (rng() < 0.003) {
    const generator = pick(rng, GENERATORS);
    text = generator.apply(text, rng, corpus);
    steps.push(generator.name);
    base = -1;
  }
  const count = 1 + Math.min(3, Math.floor(-Math.log2(1 - rng() + 1e-12) / 1.5));
  for (let k = 0; k < count; k++) {
    const mutation = pick(rng, MUTATIONS);
    text = mutation.apply(text, rng, corpus);
    steps.push(mutation.name);
  }
  return { text, base, steps };
}

// ---------------------------------------------------------------------------------------------------------------
// Properties

export const PROPERTIES = ['crash', 'reparse', 'idempotence', 'comments', 'line-endings', 'bom', 'cpu-over-1s'] as const;
export type Property = (typeof PROPERTIES)[number];

export interface Failure {
  readonly property: Property;
  readonly detail: string;
}

export interface CallTimes {
  readonly lint: number;
  readonly fix: number;
  readonly unsafe: number;
}

export interface CheckResult {
  readonly parsed: boolean;
  readonly failures: readonly Failure[];
  /** CPU milliseconds (user + system) of lint, fix and fix --unsafe on the input: what one `dfopt` call costs. */
  readonly cpu: CallTimes;
  /** The same calls' CPU on the calling thread alone (see threadCpuMs); null where that cannot be read. */
  readonly thread: CallTimes | null;
}

/** The corpus sweep's rule (test/corpus/fix.test.ts): lines starting with `#`, trimmed, each still present after. */
export const commentLines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .filter((l) => /^\s*#/.test(l))
    .map((l) => l.trim());

/** `crlf` when every line break is `\r\n`, `lf` when none is, else `mixed` (or `none` without any break). */
export function eolStyle(text: string): 'crlf' | 'lf' | 'mixed' | 'none' {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const all = (text.match(/\n/g) ?? []).length;
  return all === 0 ? 'none' : crlf === all ? 'crlf' : crlf === 0 ? 'lf' : 'mixed';
}

export const CPU_LIMIT_MS = 1000;
const config = { extends: 'all' as const };

let threadClock = true;

/**
 * CPU milliseconds the calling thread has run (Linux's /proc/thread-self/schedstat, in nanoseconds), or null where
 * that cannot be read. process.cpuUsage() counts the whole process, V8's helper threads (concurrent marking,
 * optimising compiles) too; side by side, the two show how much of a slow call those threads were.
 */
function threadCpuMs(): number | null {
  if (!threadClock) return null;
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'latin1').split(' ', 1)[0]) / 1e6;
  } catch {
    threadClock = false;
    return null;
  }
}

function cpuMs<T>(run: () => T): [T, number, number | null] {
  const threadStart = threadCpuMs();
  const start = process.cpuUsage();
  const value = run();
  const used = process.cpuUsage(start);
  const threadEnd = threadStart === null ? null : threadCpuMs();
  return [value, (used.user + used.system) / 1000, threadEnd === null ? null : threadEnd - threadStart!];
}

const message = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) + (error.stack?.split('\n')[1] ?? '') : String(error));

/** `lint 12 ms, fix 30 ms, fix --unsafe 41 ms`. */
export const callTimes = (t: CallTimes): string => `lint ${t.lint.toFixed(0)} ms, fix ${t.fix.toFixed(0)} ms, fix --unsafe ${t.unsafe.toFixed(0)} ms`;

/** Lints the input, fixes it safe and --unsafe, and checks every property; never throws. */
export function checkInput(text: string): CheckResult {
  const failures: Failure[] = [];
  const cpu = { lint: 0, fix: 0, unsafe: 0 };
  let thread: { lint: number; fix: number; unsafe: number } | null = { lint: 0, fix: 0, unsafe: 0 };
  let parsed = false;
  try {
    const [result, ms, threadMs] = cpuMs(() => lint(text, { config }));
    cpu.lint = ms;
    if (threadMs === null) thread = null;
    else if (thread) thread.lint = threadMs;
    parsed = result.ast !== null;
  } catch (error) {
    failures.push({ property: 'crash', detail: `lint: ${message(error)}` });
  }
  for (const unsafe of [false, true]) {
    const mode = unsafe ? 'fix --unsafe' : 'fix';
    let first;
    try {
      const [result, ms, threadMs] = cpuMs(() => fix(text, { config, unsafe }));
      first = result;
      cpu[unsafe ? 'unsafe' : 'fix'] = ms;
      if (threadMs === null) thread = null;
      else if (thread) thread[unsafe ? 'unsafe' : 'fix'] = threadMs;
    } catch (error) {
      failures.push({ property: 'crash', detail: `${mode}: ${message(error)}` });
      continue;
    }
    if (!first.parsed) continue; // a syntax error: nothing is fixed, nothing written
    if (first.brokenPass) failures.push({ property: 'reparse', detail: `${mode}: a pass of ${first.brokenPass.rules.join(', ')} did not parse: ${first.brokenPass.message}` });
    if (first.output === text) continue;
    let again;
    try {
      again = fix(first.output, { config, unsafe });
    } catch (error) {
      failures.push({ property: 'crash', detail: `${mode} of its own output: ${message(error)}` });
      continue;
    }
    if (!again.parsed) failures.push({ property: 'reparse', detail: `${mode}: the output does not parse` });
    else if (again.output !== first.output) failures.push({ property: 'idempotence', detail: `${mode}: fixing the output again applies ${[...again.applied.keys()].join(', ')}` });
    const kept = new Set(commentLines(first.output));
    const lost = commentLines(text).filter((c) => !kept.has(c));
    if (lost.length > 0) failures.push({ property: 'comments', detail: `${mode}: comment lines lost: ${JSON.stringify(lost.slice(0, 2))}` });
    const [before, after] = [eolStyle(text), eolStyle(first.output)];
    if ((before === 'crlf' || before === 'lf') && after !== before && after !== 'none') failures.push({ property: 'line-endings', detail: `${mode}: ${before} became ${after}` });
    if (text.startsWith('\uFEFF') !== first.output.startsWith('\uFEFF')) failures.push({ property: 'bom', detail: `${mode}: BOM ${text.startsWith('\uFEFF') ? 'dropped' : 'added'}` });
  }
  const slowest = Math.max(cpu.lint, cpu.fix, cpu.unsafe);
  if (slowest > CPU_LIMIT_MS) failures.push({ property: 'cpu-over-1s', detail: `${callTimes(cpu)}${thread ? ` (main thread: ${callTimes(thread)})` : ''}` });
  return { parsed, failures, cpu, thread };
}

/**
 * A smaller text that still fails (delta debugging): drops runs of lines, halving the run length down to one line,
 * then single characters, keeping each removal after which `fails` still holds, until none can go. Line pieces keep
 * their own line break, so a lone `\r` or a CRLF a failure depends on survives. `fails(text)` must hold at the start.
 */
export function reduceInput(text: string, fails: (text: string) => boolean): string {
  let pieces: string[] = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  for (let size = Math.ceil(pieces.length / 2); size >= 1; size = size === 1 ? 0 : Math.ceil(size / 2)) {
    for (let i = 0; i < pieces.length; ) {
      const candidate = [...pieces.slice(0, i), ...pieces.slice(i + size)];
      if (fails(candidate.join(''))) pieces = candidate;
      else i += size;
    }
  }
  let reduced = pieces.join('');
  // Until no character can go: a removal can free one before it (`\rw\n` loses its `\n` before its `w`).
  for (let before = -1; before !== reduced.length; ) {
    before = reduced.length;
    for (let i = 0; i < reduced.length; ) {
      const candidate = reduced.slice(0, i) + reduced.slice(i + 1);
      if (fails(candidate)) reduced = candidate;
      else i++;
    }
  }
  return reduced;
}
