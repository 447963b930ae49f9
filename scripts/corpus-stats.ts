// `node scripts/run-ts.js scripts/corpus-stats.ts [--sample N --seed S]`: lints every corpus file in
// process under the default config and prints findings per file (mean, median, p90) and findings per rule, as JSON.
// With --sample, prints N findings picked with a fixed seed (for a hand check of precision) instead.
// --extends P lints under another preset (recommended, strict, all, hadolint); --rule ID keeps only that rule's findings.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lintText, type DfoptConfig } from '../src';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const root = resolve(__dirname, '..');
const corpus = process.env.DFOPT_CORPUS ?? resolve(root, '..', 'shared', 'corpus', 'files');
const files = readdirSync(corpus).filter((f) => f.endsWith('.Dockerfile')).sort();

const perFile: number[] = [];
const perRule = new Map<string, number>();
const all: Array<{ file: string; line: number; rule: string; message: string }> = [];
for (const file of files) {
  const preset = opt('--extends');
  const only = opt('--rule');
  const findings = lintText(readFileSync(join(corpus, file), 'utf8'), preset === undefined ? undefined : { extends: preset as DfoptConfig['extends'] })
    .findings.filter((f) => only === undefined || f.ruleId === only);
  perFile.push(findings.length);
  for (const f of findings) {
    perRule.set(f.ruleId, (perRule.get(f.ruleId) ?? 0) + 1);
    all.push({ file, line: f.range.start.line + 1, rule: f.ruleId, message: f.message });
  }
}

const sample = opt('--sample');
if (sample !== undefined) {
  // mulberry32: a fixed seed gives the same sample on every machine.
  let s = Number(opt('--seed') ?? 19) >>> 0;
  const random = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const picked = new Set<number>();
  while (picked.size < Math.min(Number(sample), all.length)) picked.add(Math.floor(random() * all.length));
  for (const i of [...picked].sort((a, b) => a - b)) console.log(JSON.stringify(all[i]));
} else {
  const sorted = [...perFile].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  const total = perFile.reduce((a, b) => a + b, 0);
  console.log(JSON.stringify({
    files: files.length,
    findings: total,
    mean: Number((total / files.length).toFixed(2)),
    median: at(0.5),
    p90: at(0.9),
    perRule: Object.fromEntries([...perRule].sort((a, b) => b[1] - a[1])),
  }, null, 1));
}
