import { defineRule } from '../../src/engine';

export default defineRule({
  meta: {
    id: 'from-first',
    aliases: ['DL3061'],
    category: 'correctness',
    severity: 'error',
    fix: 'none',
    docs: {
      summary: 'Flags instructions other than `ARG` before the first `FROM`.',
      rationale:
        'A Dockerfile starts its first stage with FROM; only ARG (declaring values FROM lines can use), parser directives ' +
        'and comments may come before it. Anything else fails the build, usually because a FROM line was lost in a merge.',
      bad: 'LABEL org.opencontainers.image.source="https://example.com/app"\nFROM debian:12-slim\n',
      good: '# syntax=docker/dockerfile:1\nARG DEBIAN_TAG=12-slim\nFROM debian:${DEBIAN_TAG}\nLABEL org.opencontainers.image.source="https://example.com/app"\n',
      notes: 'Each instruction before the first FROM is reported, as in hadolint.',
    },
  },
  create(context) {
    return {
      'dockerfile:exit'() {
        for (const node of context.ast.instructions) {
          if (node.keyword === 'FROM') break;
          if (node.keyword === 'ARG') continue;
          context.report({
            range: node.keywordRange,
            message: `${node.keyword} at line ${node.range.start.line + 1} comes before the first FROM; only ARG may precede FROM, so move it into a stage.`,
          });
        }
      },
    };
  },
});
