import { type Hover, MarkupKind } from 'vscode-languageserver';
import type { RuleRegistry } from '../engine';
import type { Keyword } from '../parse';
import { withoutLoneCarriageReturns } from '../parse/parseDockerfile';
import { scanDockerfile } from '../parse/scan';
import type { Analysis } from './analysis';
import { INSTRUCTION_REFERENCE, instructionDocsUrl } from './instructionReference';
import { contains, mentionAt, stageLabel } from './navigation';

/**
 * What is under the cursor, most specific first: the findings there (rule summary, docs link, and the reasoning of
 * an optimizer rewrite), then a stage name or reference (the stage and what copies from it), then the keyword.
 */
export function hover(analysis: Analysis, offset: number, registry: RuleRegistry): Hover | null {
  const sections: string[] = [];
  for (const finding of analysis.findings) {
    if (!contains(finding.range, offset)) continue;
    const meta = registry.meta(finding.ruleId);
    const aliases = finding.aliases.length > 0 ? ` (${finding.aliases.join(', ')})` : '';
    const lines = [`**${finding.ruleId}**${aliases}: ${meta?.docs.summary ?? finding.message}`];
    if (finding.fix) {
      lines.push('', `Fix (${finding.fix.safety})${finding.fix.description ? `: ${finding.fix.description}` : ''}`);
      for (const point of finding.fix.explanation ?? []) lines.push(`- ${point}`);
    }
    lines.push('', `[Documentation](${finding.docsUrl})`);
    sections.push(lines.join('\n'));
  }
  const mention = mentionAt(analysis, offset);
  if (mention) {
    const { stage } = mention;
    const users = (analysis.model?.stages ?? []).flatMap((s) =>
      s.dependencies.filter((d) => d.stage === stage).map((d) => `line ${d.via.range.start.line + 1}: \`${d.via.keyword}\`${d.kind === 'from' ? '' : ` --${d.kind === 'copy' ? 'from' : 'mount'}`} in ${stageLabel(s)}`),
    );
    const lines = [`**${stageLabel(stage)}**: \`FROM ${stage.base.written}\` at line ${stage.from.range.start.line + 1}${stage.isFinal ? ' (the final stage)' : ''}`];
    lines.push('', users.length > 0 ? `Used by:\n${users.map((u) => `- ${u}`).join('\n')}` : 'Nothing copies from it or builds on it.');
    sections.push(lines.join('\n'));
  } else {
    const keyword = analysis.ast ? analysis.ast.instructions.find((i) => contains(i.keywordRange, offset))?.keyword : keywordWithoutTree(analysis, offset);
    if (keyword) {
      const ref = INSTRUCTION_REFERENCE[keyword];
      sections.push(`\`\`\`dockerfile\n${ref.syntax}\n\`\`\`\n${ref.text}\n\n[Dockerfile reference](${instructionDocsUrl(keyword)})`);
    }
  }
  if (sections.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') } };
}

/**
 * The instruction keyword at `offset` in a file that has no tree: one with a syntax error, as a file is halfway
 * through typing a new line (`RU`). Hover then still explains the instructions around it, found by the same scan of
 * lines the parser starts with (continuations and heredocs are no keywords there either).
 */
function keywordWithoutTree(analysis: Analysis, offset: number): Keyword | undefined {
  // A document over the size limit is not read at all (it gets one diagnostic saying so), nor scanned here.
  if (analysis.tooLarge !== null) return undefined;
  const { text, lineStarts } = analysis.source;
  const found = scanDockerfile(withoutLoneCarriageReturns(text), lineStarts).instructions.find((i) => i.start <= offset && offset <= i.instructionEnd);
  const keyword = found?.instruction.toUpperCase();
  return keyword !== undefined && Object.hasOwn(INSTRUCTION_REFERENCE, keyword) ? (keyword as Keyword) : undefined;
}
