import type { FixSafety, OptionSchema, RuleMeta } from '../engine/types';
import { aliasReferenceUrl, HADOLINT_CODE, SHELLCHECK_CODE } from './buildkitChecks';

/**
 * Renders rule metadata as Markdown, in ruff's section order. Pure: `scripts/generate-docs.ts` writes the output to
 * `docs/rules/`, and the meta-tests render again and compare, so the generated files can never go stale unnoticed.
 * Output depends only on the metadata (sorted, no dates), so regenerating without a change is a no-op.
 */

export const RULES_TABLE_START = '<!-- rules:start -->';
export const RULES_TABLE_END = '<!-- rules:end -->';

const GENERATED_NOTICE = '<!-- Generated from the rule\'s metadata by `npm run docs`; do not edit by hand. -->';

/** Rules in the order every generated list uses: by id. */
export function sortRules(metas: readonly RuleMeta[]): RuleMeta[] {
  return [...metas].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** `docs/rules/<id>.md`. */
export function renderRuleDoc(meta: RuleMeta): string {
  const { docs } = meta;
  const parts: string[] = [GENERATED_NOTICE, `# ${meta.id}`, oneLine(docs.summary), renderMetaTable(meta)];

  parts.push('## Why is this bad?', block(docs.rationale));
  parts.push('## Example');
  const settings = Object.entries(docs.exampleSettings ?? {});
  if (settings.length > 0) {
    const yaml = settings.map(([key, value]) => `${key}: ${yamlFlow(value)}`).join('\n');
    parts.push('With these settings in `.dfopt.yaml`:', fenced(yaml, 'yaml'));
  }
  for (const [name, content] of Object.entries(docs.exampleContext ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    parts.push(`With this \`${name}\` in the build context:`, fenced(content, 'text'));
  }
  parts.push(fenced(docs.bad, 'dockerfile'));
  parts.push('## Use instead', fenced(docs.good, 'dockerfile'));
  parts.push('## Fix safety', renderFixSafety(meta));
  if (docs.notes?.trim()) parts.push('## Notes', block(docs.notes));
  const options = Object.entries(meta.options ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (options.length > 0) parts.push('## Options', renderOptions(meta.id, meta.severity, options));
  const references = renderReferences(meta.aliases);
  if (references) parts.push('## References', references);

  return `${parts.join('\n\n')}\n`;
}

/**
 * The rules as a Markdown table (id, aliases, category, severity, fix), each id linked to its page.
 * `linkPrefix` is the path from the table's file to `docs/rules/`: `''` inside it, `'docs/rules/'` from the README.
 */
export function renderRulesTable(metas: readonly RuleMeta[], linkPrefix = ''): string {
  const rows = sortRules(metas).map((m) =>
    row([
      `[\`${m.id}\`](${linkPrefix}${m.id}.md)`,
      m.aliases.length > 0 ? m.aliases.map((a) => `\`${a}\``).join(', ') : '',
      m.category,
      m.severity,
      FIX_LABEL[m.fix],
      m.recommended === false ? '' : '✓',
    ]),
  );
  return [row(['Rule', 'Aliases', 'Category', 'Severity', 'Fix', 'Recommended']), row(['---', '---', '---', '---', '---', ':---:']), ...rows].join(
    '\n',
  );
}

/** `docs/rules/README.md`: the index of every rule. */
export function renderRulesIndex(metas: readonly RuleMeta[]): string {
  return [
    GENERATED_NOTICE,
    '# Rules',
    `dfopt has ${metas.length} rules. Any id or alias works wherever a rule is named: in \`.dfopt.yaml\`, in \`--rule\`, ` +
      'and in inline comments (`# dfopt-disable-next-line`, `# hadolint ignore=`, `# check=skip=`). ' +
      'Fix: `safe` fixes are applied by `dfopt fix`, `unsafe` ones only with `--unsafe`. ' +
      'Recommended: on in the default `recommended` preset; `all` and `strict` turn on every rule.',
    renderRulesTable(metas),
  ].join('\n\n') + '\n';
}

/**
 * Replaces what lies between the rules-table markers in `text` (the project README) with `content`;
 * null when the markers are missing or out of order.
 */
export function replaceRulesTable(text: string, content: string): string | null {
  const start = text.indexOf(RULES_TABLE_START);
  const end = text.indexOf(RULES_TABLE_END, start + RULES_TABLE_START.length);
  if (start === -1 || end === -1) return null;
  return `${text.slice(0, start + RULES_TABLE_START.length)}\n${content}\n${text.slice(end)}`;
}

/** Every generated file under `docs/rules/`, keyed by file name, in a stable order. */
export function renderDocsFiles(metas: readonly RuleMeta[]): Map<string, string> {
  const files = new Map<string, string>();
  files.set('README.md', renderRulesIndex(metas));
  for (const meta of sortRules(metas)) files.set(`${meta.id}.md`, renderRuleDoc(meta));
  return files;
}

const FIX_LABEL: Readonly<Record<FixSafety, string>> = { none: '', safe: 'safe', unsafe: 'unsafe' };

function renderMetaTable(meta: RuleMeta): string {
  const aliases = meta.aliases.length > 0 ? meta.aliases.map((a) => `\`${a}\``).join(', ') : '—';
  const fix =
    meta.fix === 'none' ? 'none' : meta.fix === 'safe' ? 'safe (`dfopt fix`)' : 'unsafe (`dfopt fix --unsafe`)';
  return [
    row(['', '']),
    row(['---', '---']),
    row(['Aliases', aliases]),
    row(['Category', meta.category]),
    row(['Default severity', meta.severity]),
    row(['Fix', fix]),
    row(['In `recommended`', meta.recommended === false ? 'no' : 'yes']),
  ].join('\n');
}

function renderFixSafety(meta: RuleMeta): string {
  if (meta.fix === 'none') return 'No automatic fix yet.';
  const lead =
    meta.fix === 'safe'
      ? 'The fix is **safe**: `dfopt fix` applies it, because it does not change what the image contains or runs.'
      : 'The fix is **unsafe**: `dfopt fix` applies it only with `--unsafe`, because it can change what the image contains or runs.';
  return meta.docs.fixSafety?.trim() ? `${lead}\n\n${block(meta.docs.fixSafety)}` : lead;
}

function renderOptions(id: string, severity: string, options: ReadonlyArray<readonly [string, OptionSchema]>): string {
  const table = [
    row(['Option', 'Type', 'Default', 'Description']),
    row(['---', '---', '---', '---']),
    ...options.map(([name, o]) => row([`\`${name}\``, `\`${o.type}\``, renderDefault(o), oneLine(o.description)])),
  ].join('\n');
  // JSON values are valid YAML flow values, so the defaults can be shown as written in a config file.
  const example = options.map(([name, o]) => `${name}: ${JSON.stringify(o.default).replace(/","/g, '", "')}`).join(', ');
  const yaml = `rules:\n  ${id}: [${severity}, { ${example} }]`;
  return `${table}\n\nIn \`.dfopt.yaml\` (shown with the defaults):\n\n${fenced(yaml, 'yaml')}`;
}

/** The default, and the `recommended` preset's own where it differs. */
function renderDefault(o: OptionSchema): string {
  const value = `\`${JSON.stringify(o.default)}\``;
  if (o.recommendedDefault === undefined) return value;
  return `\`${JSON.stringify(o.recommendedDefault)}\` under \`recommended\`, ${value} under \`strict\`, \`all\` and \`hadolint\``;
}

/** A value as a YAML flow value; JSON scalars are valid YAML, so only the spacing of collections is added. */
function yamlFlow(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(yamlFlow).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{ ${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${yamlFlow(v)}`).join(', ')} }`;
  }
  return JSON.stringify(value);
}

function renderReferences(aliases: readonly string[]): string {
  const lines: string[] = [];
  for (const alias of aliases) {
    const url = aliasReferenceUrl(alias);
    if (!url) continue;
    const source = HADOLINT_CODE.test(alias) ? 'hadolint' : SHELLCHECK_CODE.test(alias) ? 'ShellCheck' : 'BuildKit check';
    lines.push(`- [${source} \`${alias}\`](${url})`);
  }
  return lines.join('\n');
}

/** A fenced code block whose fence is longer than any backtick run inside the code. */
function fenced(code: string, lang: string): string {
  const longest = Math.max(0, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}${lang}\n${trimEnd(code.replace(/\r\n?/g, '\n'))}\n${fence}`;
}

/** A table row; pipes and line breaks inside cells would break the table. */
const row = (cells: readonly string[]): string => `| ${cells.map((c) => oneLine(c).replace(/\|/g, '\\|')).join(' | ')} |`;

const oneLine = (text: string): string => text.trim().replace(/\s*\r?\n\s*/g, ' ');
const block = (text: string): string => trimEnd(text.trim().replace(/\r\n?/g, '\n'));
const trimEnd = (text: string): string => text.replace(/\s+$/, '');
