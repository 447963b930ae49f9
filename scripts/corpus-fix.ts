// `npm run corpus:fix`: runs the real CLI (`dfopt fix`, then `dfopt fix --unsafe`) on a copy of every corpus file,
// as a user would, and checks each result: it parses, a second `dfopt fix --dry-run` would change nothing, RUN
// instructions never grow in number, and every comment line of the input is still there. Prints files changed,
// fixes per rule and RUN instructions before → after. Slow-ish (the copies are fixed by one process per mode, but
// each file is re-checked); not part of `npm test`, whose test/corpus/fix.test.ts checks the same in-process.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { finalImageRunCount, multiStageProblem } from '../src/optimize';
import { parseDockerfile } from '../src/parse';

const root = resolve(__dirname, '..');
const corpus = process.env.DFOPT_CORPUS ?? resolve(root, '..', 'shared', 'corpus', 'files');
const bin = join(root, 'bin', 'dfopt.js');
const files = readdirSync(corpus).filter((f) => f.endsWith('.Dockerfile')).sort();

const runCount = (text: string): number => parseDockerfile(text).instructions.filter((i) => i.keyword === 'RUN').length;
const commentLines = (text: string): string[] => text.split(/\r?\n/).filter((l) => /^\s*#/.test(l)).map((l) => l.trim());

/** One line per changed file: `path: applied N fixes (rule ×n, …); RUN instructions a → b`. */
const SUMMARY = /^(.+?): (?:would apply|applied) (\d+) fix(?:es)? \((.*)\); RUN instructions (\d+) → (\d+)(?:; stages \d+ → \d+, RUN layers in the final image \d+ → \d+)?$/;

function dfopt(args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function checkMode(unsafe: boolean): number {
  const started = Date.now();
  const work = mkdtempSync(join(tmpdir(), 'dfopt-corpus-fix-'));
  // One directory per file, so each is its own build context, as in a repository.
  const paths = files.map((f) => {
    const dir = join(work, f.replace(/\.Dockerfile$/, ''));
    mkdirSync(dir);
    copyFileSync(join(corpus, f), join(dir, 'Dockerfile'));
    chmodSync(join(dir, 'Dockerfile'), 0o644); // the shared corpus is read-only, and fix refuses read-only files
    return join(f.replace(/\.Dockerfile$/, ''), 'Dockerfile');
  });
  const flags = ['fix', '--no-color', ...(unsafe ? ['--unsafe'] : [])];
  const failures: string[] = [];
  const first = dfopt([...flags, ...paths], work);
  const applied = new Map<string, number>();
  const changed = new Set<string>();
  const multiStage = new Set<string>();
  const unfixable = new Map<string, number>();
  for (const line of first.stdout.split('\n')) {
    // The optimizer's findings that came without a fix say why (stylish output: `  1:6  warning  … (no automatic fix: …).  use-multi-stage`).
    const reason = /\(no automatic fix: (.*)\)\.\s+use-multi-stage$/.exec(line)?.[1];
    if (reason) {
      const key = reason.replace(/`[^`]*`/g, '`…`').replace(/line \d+/g, 'line N').replace(/(base image|FROM stage|ARG) \S+/g, '$1 …');
      unfixable.set(key, (unfixable.get(key) ?? 0) + 1);
    }
    const m = SUMMARY.exec(line);
    if (!m) continue;
    changed.add(m[1]!);
    if (m[3]!.includes('use-multi-stage ×')) multiStage.add(m[1]!);
    for (const part of m[3]!.split(', ')) {
      const [rule, n] = part.split(' ×');
      applied.set(rule!, (applied.get(rule!) ?? 0) + Number(n));
    }
  }
  // The only input errors expected are files that are not Dockerfiles at all (syntax errors: nothing written).
  const problems = first.stderr.split('\n').filter(Boolean);
  const declined = problems.filter((p) => p.includes(': does not parse ('));
  for (const p of problems) if (!declined.includes(p)) failures.push(`first run: ${p}`);

  let runsBefore = 0;
  let runsAfter = 0;
  for (const [i, path] of paths.entries()) {
    const before = readFileSync(join(corpus, files[i]!), 'utf8');
    const after = readFileSync(join(work, path), 'utf8');
    if (before !== after && !changed.has(path)) failures.push(`${path}: changed but not reported`);
    if (before === after) continue;
    let runs: [number, number];
    try {
      runs = [runCount(before), runCount(after)];
    } catch (error) {
      failures.push(`${files[i]}: fixed output does not parse: ${(error as Error).message}`);
      continue;
    }
    runsBefore += runs[0];
    runsAfter += runs[1];
    if (multiStage.has(path)) {
      // Builder RUNs the optimizer adds are in no layer of the image: there the final image's RUN layers count.
      const image = [finalImageRunCount(before), finalImageRunCount(after)];
      if (image[1]! > image[0]!) failures.push(`${files[i]}: RUN layers of the final image grew ${image[0]} → ${image[1]}`);
      const problem = multiStageProblem(before, after);
      if (problem) failures.push(`${files[i]}: multi-stage rewrite: ${problem}`);
    } else if (runs[1] > runs[0]) failures.push(`${files[i]}: RUN instructions grew ${runs[0]} → ${runs[1]}`);
    const kept = new Set(commentLines(after));
    const lost = commentLines(before).filter((c) => !kept.has(c));
    if (lost.length > 0) failures.push(`${files[i]}: comment lines lost: ${JSON.stringify(lost.slice(0, 2))}`);
  }
  // Idempotence, through the CLI: fixing the fixed files again would change nothing.
  const again = dfopt([...flags, '--dry-run', ...[...changed]], work);
  for (const line of again.stdout.split('\n')) if (SUMMARY.test(line)) failures.push(`not idempotent: ${line}`);
  for (const p of again.stderr.split('\n').filter(Boolean)) failures.push(`second run: ${p}`);
  rmSync(work, { recursive: true, force: true });

  const total = [...applied.values()].reduce((a, b) => a + b, 0);
  console.log(`\ndfopt fix${unsafe ? ' --unsafe' : ''} on ${files.length} corpus files (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  console.log(`files changed: ${changed.size}; not Dockerfiles (syntax errors, left untouched): ${declined.length}`);
  console.log(`RUN instructions in changed files: ${runsBefore} → ${runsAfter}`);
  if (unsafe) {
    console.log(`multi-stage rewrites: ${multiStage.size}; declined (finding without a fix): ${[...unfixable.values()].reduce((a, b) => a + b, 0)}`);
    for (const [why, n] of [...unfixable].sort((a, b) => b[1] - a[1])) console.log(`  ${String(n).padStart(5)} × ${why}`);
  }
  console.log(`fixes applied: ${total}`);
  for (const [rule, n] of [...applied].sort((a, b) => b[1] - a[1])) console.log(`  ${rule.padEnd(32)} ${String(n).padStart(6)}`);
  console.log(`failures: ${failures.length}`);
  for (const f of failures.slice(0, 20)) console.log(`  ${f}`);
  return failures.length;
}

const failed = checkMode(false) + checkMode(true);
process.exitCode = failed > 0 ? 1 : 0;
