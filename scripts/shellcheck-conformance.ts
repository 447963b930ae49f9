// `npm run shellcheck:conformance`: runs the real ShellCheck (Debian `shellcheck`, 0.9.0) and dfopt's native shell
// rules (rules/shell) over every RUN script of the shared corpus, and prints per implemented SC code the findings of
// each, how many agree (same code, same Dockerfile line), and dfopt's precision and recall against ShellCheck.
// Scripts are built as hadolint builds them: `#!<shell>` (sh unless the stage's SHELL is bash), one `export NAME=1`
// line per ARG/ENV in scope plus the proxy variables, then the script; SC1090 and SC2187 excluded.
// ShellCheck's results are cached in scratch/shellcheck-cache.json by script text, so reruns take seconds.
// Options: --code SCxxxx prints that code's differences; --top N lists ShellCheck's N most frequent codes.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { shellRules } from '../rules/shell';
import { lint, RuleRegistry } from '../src';
import { buildSemanticModel } from '../src/model';
import { parseDockerfile } from '../src/parse';
import { basename, isPosixShell, runScripts } from '../src/shell';

interface ScComment {
  readonly line: number;
  readonly column: number;
  readonly code: number;
}

const root = resolve(__dirname, '..');
const corpus = process.env.DFOPT_CORPUS ?? resolve(root, '..', 'shared', 'corpus', 'files');
const scratch = join(root, 'scratch');
const cachePath = join(scratch, 'shellcheck-cache.json');
const argv = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i === -1 ? undefined : argv[i + 1];
};
const showCode = option('--code');
const top = Number(option('--top') ?? 0);

const PROXY_VARS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy'];

interface Job {
  readonly file: string;
  readonly key: string;
  readonly script: string;
  readonly headerLines: number;
  readonly lineStarts: readonly number[];
  readonly toLine: (offset: number) => number;
}

function hash(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

const files = readdirSync(corpus)
  .filter((f) => f.endsWith('.Dockerfile'))
  .sort();
const jobs: Job[] = [];
const texts = new Map<string, string>();
for (const file of files) {
  const text = readFileSync(join(corpus, file), 'utf8');
  texts.set(file, text);
  let ast;
  try {
    ast = parseDockerfile(text);
  } catch {
    continue;
  }
  const model = buildSemanticModel(ast);
  for (const inst of ast.instructions) {
    if (inst.keyword !== 'RUN') continue;
    const state = model.stateBefore(inst);
    if (!isPosixShell(state.shell)) continue;
    const shell = basename(state.shell[0] ?? '/bin/sh') === 'bash' ? 'bash' : 'sh';
    const names = [...new Set([...PROXY_VARS, ...state.args.keys(), ...state.env.keys()])].sort();
    const header = `#!/bin/${shell}\n${names.map((n) => `export ${n}=1\n`).join('')}`;
    for (const s of runScripts(inst)) {
      if (s.text.trim() === '') continue;
      const script = header + s.text;
      jobs.push({
        file,
        key: hash(script),
        script,
        headerLines: names.length + 1,
        lineStarts: lineStartsOf(s.text),
        toLine: (offset) => ast.source.positionAt(s.toSource(offset)).line + 1,
      });
    }
  }
}

const cache: Record<string, ScComment[]> = existsSync(cachePath) ? JSON.parse(readFileSync(cachePath, 'utf8')) : {};

function runShellcheck(paths: readonly string[]): Promise<Map<string, ScComment[]>> {
  return new Promise((done, fail) => {
    const child = spawn('shellcheck', ['-f', 'json1', '-e', 'SC1090,SC2187', ...paths]);
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.on('error', fail);
    child.on('close', () => {
      const byFile = new Map<string, ScComment[]>(paths.map((p) => [p, []]));
      for (const c of JSON.parse(out).comments as Array<ScComment & { file: string }>) {
        byFile.get(c.file)?.push({ line: c.line, column: c.column, code: c.code });
      }
      done(byFile);
    });
  });
}

async function fillCache(): Promise<void> {
  const todo = [...new Map(jobs.filter((j) => !cache[j.key]).map((j) => [j.key, j.script])).entries()];
  if (todo.length === 0) return;
  const dir = join(scratch, 'shellcheck-in');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const batches: Array<Array<[string, string]>> = [];
  for (let i = 0; i < todo.length; i += 300) batches.push(todo.slice(i, i + 300));
  process.stderr.write(`running shellcheck on ${todo.length} scripts…\n`);
  const worker = async (): Promise<void> => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      const paths = batch.map(([key, script]) => {
        const p = join(dir, `${key}.sh`);
        writeFileSync(p, script);
        return p;
      });
      const results = await runShellcheck(paths);
      for (const [key] of batch) cache[key] = results.get(join(dir, `${key}.sh`)) ?? [];
    }
  };
  await Promise.all([worker(), worker()]);
  rmSync(dir, { recursive: true, force: true });
  writeFileSync(cachePath, JSON.stringify(cache));
}

async function main(): Promise<void> {
  mkdirSync(scratch, { recursive: true });
  await fillCache();

  // ShellCheck's findings as "file:line:SCxxxx" → count (a multiset), positions mapped back to the Dockerfile.
  const sc = new Map<string, number>();
  const scByCode = new Map<string, number>();
  const add = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
  for (const job of jobs) {
    for (const c of cache[job.key] ?? []) {
      const line = c.line - job.headerLines - 1;
      if (line < 0) continue; // about the header (a duplicate export, say)
      const offset = Math.min((job.lineStarts[line] ?? 0) + c.column - 1, job.script.length);
      const code = `SC${c.code}`;
      add(sc, `${job.file}:${job.toLine(offset)}:${code}`);
      add(scByCode, code);
    }
  }

  const implemented = new Set(shellRules.flatMap((r) => r.meta.aliases.filter((a) => a.startsWith('SC'))));
  const registry = new RuleRegistry(shellRules);
  const config = { rules: Object.fromEntries(shellRules.map((r) => [r.meta.id, 'warning' as const])) };
  const df = new Map<string, number>();
  const started = process.hrtime.bigint();
  for (const file of files) {
    // ShellCheck never sees the Dockerfile's `# hadolint ignore=` comments, so dfopt must not honour them here either
    // (the comment stays, so lines and offsets do not move).
    const text = texts.get(file)!.replace(/^([ \t]*#[ \t]*)(hadolint|dfopt-disable|check=)/gm, '$1ignored-$2');
    const result = lint(text, { registry, config });
    for (const f of result.findings) if (f.code && implemented.has(f.code)) add(df, `${file}:${f.range.start.line + 1}:${f.code}`);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;

  const rows: string[][] = [['code', 'shellcheck', 'dfopt', 'agreed', 'dfopt-only', 'sc-only', 'precision', 'recall']];
  const diffs: string[] = [];
  for (const code of [...implemented].sort()) {
    let nSc = 0;
    let nDf = 0;
    let agreed = 0;
    const keys = new Set([...sc.keys(), ...df.keys()].filter((k) => k.endsWith(`:${code}`)));
    for (const k of keys) {
      const a = sc.get(k) ?? 0;
      const b = df.get(k) ?? 0;
      nSc += a;
      nDf += b;
      agreed += Math.min(a, b);
      if (code === showCode && a !== b) diffs.push(`${a > b ? 'sc-only   ' : 'dfopt-only'} ${k.replace(`:${code}`, '')} (${a} vs ${b})`);
    }
    const pct = (n: number, d: number) => (d === 0 ? '-' : (n / d).toFixed(3));
    rows.push([code, String(nSc), String(nDf), String(agreed), String(nDf - agreed), String(nSc - agreed), pct(agreed, nDf), pct(agreed, nSc)]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i]!)).join('  '));
  console.log(`\n${jobs.length} scripts from ${files.length} files; dfopt shell rules: ${ms.toFixed(0)} ms for the whole corpus (lint of each file with only them)`);
  if (top > 0) {
    console.log(`\nShellCheck's ${top} most frequent codes:`);
    for (const [code, n] of [...scByCode].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${code} ${n}${implemented.has(code) ? ' (native)' : ''}`);
  }
  if (diffs.length > 0) console.log(`\n${showCode} differences:\n${diffs.sort().join('\n')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
