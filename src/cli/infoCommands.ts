import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RuleMeta, RuleRegistry } from '../engine';
import { docsUrl } from '../engine';
import { printable } from '../report';
import type { CommandIO } from './lintCommand';
import { EXIT_OK, EXIT_USAGE } from './lintCommand';

/** `dfopt rules`: every rule, one line each (or JSON). */
export function runRules(registry: RuleRegistry, format: 'table' | 'json', io: CommandIO): number {
  const metas = registry.rules.map((r) => r.meta);
  if (format === 'json') {
    io.stdout(
      `${JSON.stringify(
        metas.map((m) => ({
          id: m.id,
          aliases: m.aliases,
          category: m.category,
          severity: m.severity,
          fix: m.fix,
          recommended: m.recommended !== false,
          summary: m.docs.summary,
        })),
        null,
        2,
      )}\n`,
    );
    return EXIT_OK;
  }
  const header = ['RULE', 'ALIASES', 'CATEGORY', 'SEVERITY', 'FIX', 'RECOMMENDED'];
  const rows = metas.map((m) => [m.id, m.aliases.join(',') || '-', m.category, m.severity, m.fix, m.recommended === false ? 'no' : 'yes']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => `${cells.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`;
  io.stdout(line(header) + rows.map(line).join('') + `\n${metas.length} rules. 'dfopt explain <rule>' shows one rule's documentation.\n`);
  return EXIT_OK;
}

/** `dfopt explain <id|alias>`: the rule's documentation as text, offline. */
export function runExplain(registry: RuleRegistry, idOrAlias: string, io: CommandIO): number {
  const rule = registry.get(idOrAlias);
  if (!rule) {
    const suggestion = registry.suggest(idOrAlias);
    io.stderr(`dfopt: unknown rule '${printable(idOrAlias)}'${suggestion ? ` (did you mean '${suggestion}'?)` : ''}; 'dfopt rules' lists them all\n`);
    return EXIT_USAGE;
  }
  io.stdout(explainText(rule.meta));
  return EXIT_OK;
}

export function explainText(meta: RuleMeta): string {
  const { docs } = meta;
  const section = (title: string, body: string | undefined): string => (body ? `\n${title}\n${indent(body.trimEnd())}\n` : '');
  return (
    `${meta.id}${meta.aliases.length ? ` (${meta.aliases.join(', ')})` : ''}\n` +
    `${docs.summary}\n\n` +
    `  category: ${meta.category}   severity: ${meta.severity}   fix: ${meta.fix}   recommended: ${meta.recommended === false ? 'no' : 'yes'}\n` +
    section('Why is this bad?', docs.rationale) +
    section('Example', docs.bad) +
    section('Use instead', docs.good) +
    section('Fix safety', meta.fix === 'none' ? undefined : docs.fixSafety) +
    section('Notes', docs.notes) +
    `\nDocs: ${docsUrl(meta.id)}\n` +
    (localDocs(meta.id) ? `      ${localDocs(meta.id)} (offline)\n` : '')
  );
}

/** The rule's page as shipped in the package (docs/ beside dist/), for readers without a network. */
function localDocs(id: string): string | null {
  const path = join(__dirname, '..', 'docs', 'rules', `${id}.md`);
  return existsSync(path) ? path : null;
}

const indent = (text: string): string =>
  text
    .split('\n')
    .map((l) => (l ? `    ${l}` : l))
    .join('\n');
