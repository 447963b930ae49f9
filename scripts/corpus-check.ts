// `npm run corpus`: runs the real CLI (`dfopt lint --format json`) once per file of the shared corpus, as a user
// would, and checks that every run exits 0 or 1, prints valid JSON, and that every finding's range lies inside
// its file. Prints findings per rule. Slow (one process per file); not part of `npm test`.
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

interface JsonFinding {
  rule: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

const root = resolve(__dirname, '..');
const corpus = process.env.DFOPT_CORPUS ?? resolve(root, '..', 'shared', 'corpus', 'files');
const files = readdirSync(corpus)
  .filter((f) => f.endsWith('.Dockerfile'))
  .sort();
const bin = join(root, 'bin', 'dfopt.js');

function run(file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [bin, 'lint', '--format', 'json', file], { cwd: corpus });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

function rangeProblem(text: string, f: JsonFinding): string | null {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const inside = (line: number, column: number) =>
    line >= 1 && line <= lines.length && column >= 1 && column <= (lines[line - 1]?.length ?? 0) + 1;
  if (!inside(f.line, f.column) || !inside(f.endLine, f.endColumn)) return 'outside the file';
  if (f.endLine < f.line || (f.endLine === f.line && f.endColumn < f.column)) return 'ends before it starts';
  return null;
}

async function main(): Promise<void> {
  const started = Date.now();
  const exitCodes = new Map<string, number>();
  const perRule = new Map<string, { findings: number; files: Set<string> }>();
  const failures: string[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const file = files[next++]!;
      const r = await run(file);
      exitCodes.set(String(r.code), (exitCodes.get(String(r.code)) ?? 0) + 1);
      if (r.code !== 0 && r.code !== 1) failures.push(`${file}: exit ${r.code}: ${r.stderr.trim().split('\n')[0]}`);
      if (r.stderr.trim()) failures.push(`${file}: stderr: ${r.stderr.trim().split('\n')[0]}`);
      let parsed: Array<{ file: string; findings: JsonFinding[] }>;
      try {
        parsed = JSON.parse(r.stdout) as typeof parsed;
      } catch {
        failures.push(`${file}: output is not JSON`);
        continue;
      }
      const text = readFileSync(join(corpus, file), 'utf8');
      for (const f of parsed[0]?.findings ?? []) {
        const entry = perRule.get(f.rule) ?? { findings: 0, files: new Set<string>() };
        entry.findings++;
        entry.files.add(file);
        perRule.set(f.rule, entry);
        const problem = rangeProblem(text, f);
        if (problem) failures.push(`${file}: ${f.rule} at ${f.line}:${f.column}-${f.endLine}:${f.endColumn} is ${problem}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, cpus().length) }, worker));

  const total = [...perRule.values()].reduce((n, e) => n + e.findings, 0);
  console.log(`dfopt lint --format json, one process per file: ${files.length} files in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`exit codes: ${[...exitCodes].map(([c, n]) => `${c} × ${n}`).join(', ')}`);
  console.log(`findings: ${total}`);
  for (const [rule, e] of [...perRule].sort((a, b) => b[1].findings - a[1].findings)) {
    console.log(`  ${rule.padEnd(24)} ${String(e.findings).padStart(6)} findings in ${String(e.files.size).padStart(5)} files`);
  }
  console.log(`failures: ${failures.length}`);
  for (const f of failures.slice(0, 20)) console.log(`  ${f}`);
  process.exitCode = failures.length > 0 ? 1 : 0;
}

void main();
