// `npm run shellcheck:conformance`: runs the real ShellCheck (Debian `shellcheck`, 0.9.0) and dfopt's native shell
// rules (rules/shell) over every RUN script of the shared corpus, and prints per implemented SC code the findings of
// each, how many agree (same code, same Dockerfile line), and dfopt's precision and recall against ShellCheck.
// Scripts are built as hadolint builds them: `#!<shell>` (sh unless the stage's SHELL is bash), one `export NAME=1`
// line per ARG/ENV in scope plus the proxy variables, then the script; SC1090 and SC2187 excluded.
// ShellCheck's results are cached in scratch/shellcheck-cache.json by script text, so reruns take seconds.
// Differences (same file, line and code, counted differently) must be listed with a reason in
// test/conformance/shellcheck/known-differences.json; the script exits 1 on an unlisted difference or a listed one
// that no longer differs.
// Options: --code SCxxxx prints that code's differences; --top N lists ShellCheck's N most frequent codes;
// --record rewrites test/conformance/shellcheck/sample.json, ShellCheck's findings on a fixed sample of corpus files
// (names and content hashes only) that `npm test` compares against without the binary
// (test/shell/shellcheck-sample.test.ts). The table's "same column" counts agreed findings at the same column too.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { codeOf, dfoptShellFindings, IMPLEMENTED_CODES, lineAndCode, type RecordedSample, sha256 } from '../test/conformance/shellcheck/dfoptFindings';
import { buildSemanticModel } from '../src/model';
import { parseDockerfile } from '../src/parse';
import { basename, executedScripts, isPosixShell } from '../src/shell';

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
const record = argv.includes('--record');
const conformanceDir = join(root, 'test', 'conformance', 'shellcheck');
const knownDifferences = JSON.parse(readFileSync(join(conformanceDir, 'known-differences.json'), 'utf8')) as Record<string, string>;
/** Files in the recorded sample: enough to hold every implemented code a few times, few and small enough that
 * npm test lints them in a second or two. */
const SAMPLE_SIZE = 200;
const SAMPLE_PER_CODE = 6;
const SAMPLE_MAX_CHARS = 3000;

const PROXY_VARS = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy'];

interface Job {
  readonly file: string;
  readonly key: string;
  readonly script: string;
  readonly headerLines: number;
  readonly lineStarts: readonly number[];
  /** 1-based line and column in the Dockerfile of an offset in the script. */
  readonly toPosition: (offset: number) => { readonly line: number; readonly column: number };
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
    // An ONBUILD RUN's script is checked like a RUN's (the rules do so too), in the scope of the ONBUILD line.
    const run = inst.keyword === 'ONBUILD' ? inst.trigger : inst;
    if (run?.keyword !== 'RUN') continue;
    const state = model.stateBefore(inst);
    if (!isPosixShell(state.shell)) continue;
    const shell = basename(state.shell[0] ?? '/bin/sh') === 'bash' ? 'bash' : 'sh';
    const names = [...new Set([...PROXY_VARS, ...state.args.keys(), ...state.env.keys()])].sort();
    const header = `#!/bin/${shell}\n${names.map((n) => `export ${n}=1\n`).join('')}`;
    for (const s of executedScripts(run)) {
      if (s.text.trim() === '') continue;
      const script = header + s.text;
      jobs.push({
        file,
        key: hash(script),
        script,
        headerLines: names.length + 1,
        lineStarts: lineStartsOf(s.text),
        toPosition: (offset) => {
          const p = ast.source.positionAt(s.toSource(offset));
          return { line: p.line + 1, column: p.column + 1 };
        },
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

  // ShellCheck's findings as "file:line:SCxxxx" → count (a multiset), positions mapped back to the Dockerfile; the
  // same with the column ("file:line:column:SCxxxx") in scAt.
  const sc = new Map<string, number>();
  const scAt = new Map<string, number>();
  const scByCode = new Map<string, number>();
  const scByFile = new Map<string, string[]>();
  const add = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);
  for (const job of jobs) {
    for (const c of cache[job.key] ?? []) {
      const line = c.line - job.headerLines - 1;
      if (line < 0) continue; // about the header (a duplicate export, say)
      const offset = Math.min((job.lineStarts[line] ?? 0) + c.column - 1, job.script.length);
      const code = `SC${c.code}`;
      const { line: dfLine, column } = job.toPosition(offset);
      const at = `${dfLine}:${column}:${code}`;
      add(sc, `${job.file}:${lineAndCode(at)}`);
      add(scAt, `${job.file}:${at}`);
      add(scByCode, code);
      scByFile.set(job.file, [...(scByFile.get(job.file) ?? []), at]);
    }
  }

  const implemented = IMPLEMENTED_CODES;
  const df = new Map<string, number>();
  const dfAt = new Map<string, number>();
  const started = process.hrtime.bigint();
  for (const file of files) {
    for (const at of dfoptShellFindings(texts.get(file)!)) {
      add(df, `${file}:${lineAndCode(at)}`);
      add(dfAt, `${file}:${at}`);
    }
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;

  const rows: string[][] = [['code', 'shellcheck', 'dfopt', 'agreed', 'same column', 'dfopt-only', 'sc-only', 'explained', 'precision', 'recall']];
  const diffs: string[] = [];
  const unexplained: string[] = [];
  const stale = new Set(Object.keys(knownDifferences));
  for (const code of [...implemented].sort()) {
    let nSc = 0;
    let nDf = 0;
    let agreed = 0;
    let explained = 0;
    const keys = new Set([...sc.keys(), ...df.keys()].filter((k) => k.endsWith(`:${code}`)));
    for (const k of keys) {
      const a = sc.get(k) ?? 0;
      const b = df.get(k) ?? 0;
      nSc += a;
      nDf += b;
      agreed += Math.min(a, b);
      if (a === b) continue;
      stale.delete(k);
      if (knownDifferences[k]) explained += Math.abs(a - b);
      else unexplained.push(`${a > b ? 'sc-only   ' : 'dfopt-only'} ${k} (${a} vs ${b})`);
      if (code === showCode) diffs.push(`${a > b ? 'sc-only   ' : 'dfopt-only'} ${k.replace(`:${code}`, '')} (${a} vs ${b})${knownDifferences[k] ? ` known: ${knownDifferences[k]}` : ''}`);
    }
    let sameColumn = 0;
    for (const [k, n] of scAt) if (codeOf(k) === code) sameColumn += Math.min(n, dfAt.get(k) ?? 0);
    const pct = (n: number, d: number) => (d === 0 ? '-' : (n / d).toFixed(3));
    rows.push([code, String(nSc), String(nDf), String(agreed), String(sameColumn), String(nDf - agreed), String(nSc - agreed), String(explained), pct(agreed, nDf), pct(agreed, nSc)]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(r.map((c, i) => c.padStart(widths[i]!)).join('  '));
  console.log(`\n${jobs.length} scripts from ${files.length} files; dfopt shell rules: ${ms.toFixed(0)} ms for the whole corpus (lint of each file with only them)`);
  if (top > 0) {
    console.log(`\nShellCheck's ${top} most frequent codes:`);
    for (const [code, n] of [...scByCode].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${code} ${n}${implemented.has(code) ? ' (native)' : ''}`);
  }
  if (diffs.length > 0) console.log(`\n${showCode} differences:\n${diffs.sort().join('\n')}`);
  if (record) writeSample(scByFile);
  if (unexplained.length > 0) console.log(`\nNot in known-differences.json:\n${unexplained.sort().join('\n')}`);
  if (stale.size > 0) console.log(`\nListed in known-differences.json but agreeing now (remove them):\n${[...stale].sort().join('\n')}`);
  if (unexplained.length > 0 || stale.size > 0) process.exitCode = 1;
}

/**
 * A deterministic sample: for each implemented code, the smallest few files where ShellCheck reports it,
 * then small files with other or no findings, up to SAMPLE_SIZE; each stored as a reference (name and sha256 of the
 * corpus file, never its text) with every ShellCheck finding (`line:column:SCxxxx`, implemented or not, so a code
 * implemented later is compared too).
 */
function writeSample(scByFile: ReadonlyMap<string, readonly string[]>): void {
  const small = files.filter((f) => texts.get(f)!.length <= SAMPLE_MAX_CHARS && jobs.some((j) => j.file === f));
  const chosen = new Set<string>();
  for (const code of [...IMPLEMENTED_CODES].sort()) {
    const having = files
      .filter((f) => (scByFile.get(f) ?? []).some((at) => at.endsWith(`:${code}`)))
      .sort((a, b) => texts.get(a)!.length - texts.get(b)!.length || a.localeCompare(b));
    for (const f of having.slice(0, SAMPLE_PER_CODE)) chosen.add(f);
  }
  for (const f of small) {
    if (chosen.size >= SAMPLE_SIZE) break;
    // Every 7th small file: a spread over the corpus rather than its first names.
    if (Number.parseInt(hash(f).slice(0, 4), 16) % 7 === 0) chosen.add(f);
  }
  const sample: RecordedSample = {
    shellcheck: '0.9.0',
    files: [...chosen].sort().map((name) => ({ name, sha256: sha256(texts.get(name)!), findings: [...(scByFile.get(name) ?? [])].sort() })),
  };
  writeFileSync(join(conformanceDir, 'sample.json'), `${JSON.stringify(sample, null, 1)}\n`);
  console.log(`\nwrote test/conformance/shellcheck/sample.json: ${sample.files.length} files`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
