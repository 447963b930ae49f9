import { defineRule } from '../../src/engine';
import { checkLabelFormat, FORMAT_NOTES } from './support';

export default defineRule({
  meta: {
    id: 'label-valid-semver',
    aliases: ['DL3056'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary:
        'Flags labels that the configured `labelSchema` types as `semver` ' +
        'whose value is not a semantic version.',
      rationale:
        'Version labels typed as semver are compared and sorted by tools; `v1.4` or `latest` cannot be ordered ' +
        'against `1.4.2`, so upgrade checks and policies that rely on the version break.',
      bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version="v1.4"\n',
      good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.version="1.4.0"\n',
      exampleSettings: { labelSchema: { 'org.opencontainers.image.version': 'semver' } },
      notes:
        `${FORMAT_NOTES} ` +
        'Semantic Versioning 2.0.0 exactly: three numbers without leading zeros, an optional `-pre.release` and ' +
        'optional `+build` metadata; no `v` prefix.',
    },
  },
  create: checkLabelFormat('semver'),
});
