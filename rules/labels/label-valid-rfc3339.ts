import { defineRule } from '../../src/engine';
import { checkLabelFormat, FORMAT_NOTES } from './support';

export default defineRule({
  meta: {
    id: 'label-valid-rfc3339',
    aliases: ['DL3053'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary:
        'Flags labels that the configured `labelSchema` types as `rfc3339` ' +
        'whose value is not an RFC 3339 date-time.',
      rationale:
        'The OCI annotation `org.opencontainers.image.created` is defined as an RFC 3339 date-time, and tools that sort ' +
        'or compare build dates parse it as one. A date without a time or a time without an offset is ambiguous.',
      bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.created="2024-05-01 12:30"\n',
      good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.created="2024-05-01T12:30:00Z"\n',
      exampleSettings: { labelSchema: { 'org.opencontainers.image.created': 'rfc3339' } },
      notes:
        `${FORMAT_NOTES} ` +
        'RFC 3339 requires a full date, `T`, a time with seconds, optional fractions and `Z` or a `±hh:mm` offset; ' +
        'impossible dates (`2023-02-30`) are rejected. Lower-case `t` and `z` are accepted, as RFC 3339 allows.',
    },
  },
  create: checkLabelFormat('rfc3339'),
});
