import { defineRule } from '../../src/engine';
import { checkLabelFormat, FORMAT_NOTES } from './support';

export default defineRule({
  meta: {
    id: 'label-valid-email',
    aliases: ['DL3058'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary:
        'Flags labels that the configured `labelSchema` types as `email` ' +
        'whose value is not an e-mail address.',
      rationale:
        'An address label is how people reach the owner of an image. A name alone, or a name with the address in ' +
        'angle brackets, is not an address that tools can use.',
      bad: 'FROM alpine:3.20\nLABEL maintainer="Jane Doe"\n',
      good: 'FROM alpine:3.20\nLABEL maintainer="jane.doe@example.com"\n',
      exampleSettings: { labelSchema: { 'maintainer': 'email' } },
      notes:
        `${FORMAT_NOTES} ` +
        'The value must be an RFC 5322 addr-spec (`local@domain`); `Name <addr>` is rejected, as in hadolint.',
    },
  },
  create: checkLabelFormat('email'),
});
