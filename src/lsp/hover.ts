import { type Hover, MarkupKind } from 'vscode-languageserver';
import type { RuleRegistry } from '../engine';
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
    const instruction = analysis.ast?.instructions.find((i) => contains(i.keywordRange, offset));
    if (instruction) {
      const ref = INSTRUCTION_REFERENCE[instruction.keyword];
      sections.push(`\`\`\`dockerfile\n${ref.syntax}\n\`\`\`\n${ref.text}\n\n[Dockerfile reference](${instructionDocsUrl(instruction.keyword)})`);
    }
  }
  if (sections.length === 0) return null;
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') } };
}
