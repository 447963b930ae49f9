import { defineRule } from '../../src/engine';
import { checkLabelFormat, FORMAT_NOTES } from './support';

export default defineRule({
  meta: {
    id: 'label-valid-url',
    aliases: ['DL3052'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary:
        'Flags labels that the configured `labelSchema` types as `url` ' +
        'whose value is not an absolute URL.',
      rationale:
        'Tools follow URL labels: registries link `org.opencontainers.image.source` to the repository, scanners fetch ' +
        'documentation links. A value without a scheme, or with spaces, is not a link anything can follow.',
      bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="github.com/example/shop"\n',
      good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.source="https://github.com/example/shop"\n',
      exampleSettings: { labelSchema: { 'org.opencontainers.image.source': 'url' } },
      notes:
        `${FORMAT_NOTES} ` +
        'Any absolute URI in RFC 3986 syntax passes, whatever its scheme (`https://…`, `git+ssh://…`, `mailto:…`), as in hadolint.',
    },
  },
  create: checkLabelFormat('url'),
});
