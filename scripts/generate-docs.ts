// Generates docs/rules/<id>.md for every rule, docs/rules/README.md, and the rules table in README.md between
// <!-- rules:start --> and <!-- rules:end -->.  `--check` writes nothing and exits 1 if any of them is stale.
//   npm run docs        (node scripts/run-ts.js scripts/generate-docs.ts)
//   npm run docs:check  (… --check)
import { existsSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderDocsFiles, renderRulesTable, replaceRulesTable, RULES_TABLE_END, RULES_TABLE_START } from '../src/docs/renderRuleDocs';
import { createDefaultRegistry } from '../src/index';

const root = path.resolve(__dirname, '..');
const docsDir = path.join(root, 'docs', 'rules');
const readmePath = path.join(root, 'README.md');
const check = process.argv.includes('--check');

const metas = createDefaultRegistry().rules.map((rule) => rule.meta);
const expected = renderDocsFiles(metas);

const read = (file: string): string | null => (existsSync(file) ? readFileSync(file, 'utf8') : null);
const rel = (file: string): string => path.relative(root, file);

const missing: string[] = [];
const stale: string[] = [];
const written: string[] = [];

for (const [name, content] of expected) {
  const file = path.join(docsDir, name);
  const current = read(file);
  if (current === content) continue;
  (current === null ? missing : stale).push(rel(file));
  if (!check) {
    mkdirSync(docsDir, { recursive: true });
    writeFileSync(file, content);
    written.push(rel(file));
  }
}

// Pages of rules that no longer exist (renamed or removed). Only Markdown is ours; anything else is left alone.
const extra = existsSync(docsDir)
  ? readdirSync(docsDir)
      .filter((name) => name.endsWith('.md') && !expected.has(name))
      .sort()
      .map((name) => rel(path.join(docsDir, name)))
  : [];
if (!check) for (const file of extra) unlinkSync(path.join(root, file));

const readme = read(readmePath);
if (readme === null) {
  console.log(`notice: ${rel(readmePath)} does not exist; skipped its rules table.`);
} else {
  const updated = replaceRulesTable(readme, renderRulesTable(metas, 'docs/rules/'));
  if (updated === null) {
    console.log(`notice: ${rel(readmePath)} has no ${RULES_TABLE_START} … ${RULES_TABLE_END} markers; skipped its rules table.`);
  } else if (updated !== readme) {
    stale.push(rel(readmePath));
    if (!check) {
      writeFileSync(readmePath, updated);
      written.push(rel(readmePath));
    }
  }
}

if (check) {
  const problems = [
    ...missing.map((f) => `  missing  ${f}`),
    ...stale.map((f) => `  stale    ${f}`),
    ...extra.map((f) => `  extra    ${f}`),
  ];
  if (problems.length > 0) {
    console.error(`docs are stale: run npm run docs\n${problems.join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log(`docs are up to date (${metas.length} rules).`);
  }
} else {
  const changes = written.length + extra.length;
  for (const file of written) console.log(`wrote    ${file}`);
  for (const file of extra) console.log(`removed  ${file}`);
  console.log(changes === 0 ? `docs are up to date (${metas.length} rules).` : `${changes} file(s) changed (${metas.length} rules).`);
}
