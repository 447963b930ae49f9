import { defineRule } from '../../src/engine';
import { keyValuePairs } from '../../src/model';
import type { InstructionNode } from '../../src/parse';
import type { TextEdit } from '../../src/engine';
import { stageChain } from './support';

const AUTHORS = 'org.opencontainers.image.authors';

export default defineRule({
  meta: {
    id: 'no-maintainer',
    aliases: ['DL4000', 'MaintainerDeprecated'],
    category: 'maintainability',
    severity: 'error',
    fix: 'safe',
    docs: {
      summary: 'Flags the deprecated `MAINTAINER` instruction.',
      rationale:
        'MAINTAINER has been deprecated since Docker 1.13; it sets a legacy image field that tools no longer read. The ' +
        'author belongs in the `org.opencontainers.image.authors` label, which registries and scanners show.',
      bad: 'FROM debian:12-slim\nMAINTAINER Jane Doe <jane@example.com>\n',
      good: 'FROM debian:12-slim\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n',
      fixSafety:
        'The fix rewrites `MAINTAINER Jane Doe <jane@example.com>` as ' +
        '`LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"` (`maintainer` → `label` in a lower-case ' +
        'file), with the same text as the value: `"`, `$` and the escape character are escaped, because MAINTAINER takes ' +
        'its text literally while LABEL expands variables. Continuation lines and the comment lines inside them stay ' +
        'where they are. It is safe by DESIGN.md\'s definition: the image\'s file system, user, environment and ' +
        'command do not change; only metadata does: the deprecated `Author` field is left empty and the label is set ' +
        'instead (a script that reads `.Author` from `docker inspect` would notice). No fix when a LABEL in the stage ' +
        '(or a stage it is built FROM) already sets `org.opencontainers.image.authors`: the MAINTAINER would then ' +
        'override or be overridden by it, so which value wins is for you to decide.',
      notes: '`ONBUILD MAINTAINER` is reported by valid-onbuild-trigger (DL3043) instead, as in hadolint.',
    },
  },
  create(context) {
    const hasAuthorsLabel = (node: InstructionNode): boolean => {
      const stage = context.model.stageOf(node);
      if (!stage) return false;
      return stageChain(stage).some((s) =>
        s.instructions.some((i) => i.keyword === 'LABEL' && keyValuePairs(i).some((p) => p.key.replace(/^["']|["']$/g, '') === AUTHORS)),
      );
    };
    const fixFor = (node: InstructionNode): TextEdit[] | null => {
      const { text, sourceOffsets } = node.argsText;
      const start = text.length - text.trimStart().length;
      const end = text.trimEnd().length;
      if (end <= start || hasAuthorsLabel(node)) return null;
      const escape = context.ast.escapeChar;
      const from = sourceOffsets[start]!;
      const to = sourceOffsets[end - 1]! + 1;
      // Rewrite the source span char by char, so continuation lines and comment lines inside it stay as they are;
      // only characters Docker sees (the logical text) are escaped.
      const needsEscape = new Set<number>();
      for (let i = start; i < end; i++) {
        const c = text[i]!;
        if (c === '"' || c === '$' || c === escape) needsEscape.add(sourceOffsets[i]!);
      }
      const source = context.ast.source.text;
      let value = '';
      for (let o = from; o < to; o++) value += (needsEscape.has(o) ? escape : '') + source[o]!;
      const keyword = node.keywordText === node.keywordText.toLowerCase() ? 'label' : 'LABEL';
      return [
        { start: node.keywordRange.start.offset, end: node.keywordRange.end.offset, text: keyword },
        { start: from, end: to, text: `${AUTHORS}="${value}"` },
      ];
    };
    return {
      MAINTAINER(node) {
        context.report({
          range: node.keywordRange,
          message: `MAINTAINER at line ${node.range.start.line + 1} is deprecated; set the author with LABEL org.opencontainers.image.authors="…" instead.`,
          fix: () => fixFor(node),
        });
      },
    };
  },
});
