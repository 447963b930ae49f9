import { defineRule } from '../../src/engine';
import { onLabelPairs } from './support';

export default defineRule({
  meta: {
    id: 'no-extra-labels',
    aliases: ['DL3050'],
    category: 'maintainability',
    severity: 'info',
    fix: 'none',
    docs: {
      summary: 'With `strictLabels`, flags labels that are not in the configured `labelSchema`.',
      rationale:
        'A strict label schema keeps image metadata to an agreed set of keys, so tools that read labels can rely on ' +
        'them and stray or misspelt keys (`maintaner`, `org.opencontainers.image.url2`) are caught in review.',
      bad: 'FROM alpine:3.20\nLABEL maintainer="platform@example.com" \\\n      colour="blue"\n',
      good: 'FROM alpine:3.20\nLABEL maintainer="platform@example.com"\n',
      exampleSettings: { labelSchema: { maintainer: 'email' }, strictLabels: true },
      notes:
        'Silent unless `strictLabels` is true; then every label whose key is not in `labelSchema` is reported, one ' +
        'finding per key. `ONBUILD LABEL` is checked too (hadolint skips it). Keys built from a variable are skipped.',
    },
  },
  create(context) {
    if (!context.settings.strictLabels) return {};
    const schema = context.settings.labelSchema;
    return onLabelPairs(context, (pair) => {
      if (pair.dynamicKey || Object.prototype.hasOwnProperty.call(schema, pair.key)) return;
      context.report({
        range: pair.keyRange,
        message: `Label '${pair.key}' is not in labelSchema and strictLabels allows no others; remove it or add it to labelSchema.`,
      });
    });
  },
});
