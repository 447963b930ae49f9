import { defineRule } from '../../src/engine';
import { onLabelPairs } from './support';

export default defineRule({
  meta: {
    id: 'label-not-empty',
    aliases: ['DL3051'],
    category: 'maintainability',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags labels of the configured `labelSchema` that are set to an empty value.',
      rationale:
        'An empty label satisfies a presence check while telling nobody anything: `maintainer=""` is as good as ' +
        'no maintainer, and tools that read the label get an empty string instead of an error.',
      bad: 'FROM alpine:3.20\nLABEL maintainer=""\n',
      good: 'FROM alpine:3.20\nLABEL maintainer="platform@example.com"\n',
      exampleSettings: { labelSchema: { maintainer: 'text' } },
      notes:
        'Silent unless `labelSchema` is set; only labels it names are checked. A value of only spaces counts as ' +
        'empty (hadolint accepts it). Values that use a variable are skipped, since only the build knows them. ' +
        '`ONBUILD LABEL` is checked too (hadolint skips it).',
    },
  },
  create(context) {
    const schema = context.settings.labelSchema;
    if (Object.keys(schema).length === 0) return {};
    return onLabelPairs(context, (pair) => {
      if (!Object.prototype.hasOwnProperty.call(schema, pair.key)) return;
      if (pair.value === null || pair.dynamicValue || pair.value.trim() !== '') return;
      context.report({
        range: pair.range,
        message: `Label '${pair.key}' is empty; give it a value, since labelSchema requires it.`,
      });
    });
  },
});
