import { defineRule } from '../../src/engine';

export default defineRule({
  meta: {
    id: 'no-maintainer',
    aliases: ['DL4000', 'MaintainerDeprecated'],
    category: 'maintainability',
    severity: 'error',
    fix: 'none',
    docs: {
      summary: 'Flags the deprecated `MAINTAINER` instruction.',
      rationale:
        'MAINTAINER has been deprecated since Docker 1.13; it sets a legacy image field that tools no longer read. The ' +
        'author belongs in the `org.opencontainers.image.authors` label, which registries and scanners show.',
      bad: 'FROM debian:12-slim\nMAINTAINER Jane Doe <jane@example.com>\n',
      good: 'FROM debian:12-slim\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n',
      notes: '`ONBUILD MAINTAINER` is reported by valid-onbuild-trigger (DL3043) instead, as in hadolint.',
    },
  },
  create(context) {
    return {
      MAINTAINER(node) {
        context.report({
          range: node.keywordRange,
          message: `MAINTAINER at line ${node.range.start.line + 1} is deprecated; set the author with LABEL org.opencontainers.image.authors="…" instead.`,
        });
      },
    };
  },
});
