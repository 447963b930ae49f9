import { defineRule } from '../../src/engine';
import { checkLabelFormat, FORMAT_NOTES } from './support';

export default defineRule({
  meta: {
    id: 'label-valid-spdx',
    aliases: ['DL3054'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary:
        'Flags labels that the configured `labelSchema` types as `spdx` ' +
        'whose value is not an SPDX license expression.',
      rationale:
        'The OCI annotation `org.opencontainers.image.licenses` holds an SPDX license expression, and licence scanners ' +
        'match it against the SPDX list. Free text (`Apache 2`, `GPL`) cannot be matched, so the image shows up as ' +
        'unlicensed or needs manual review.',
      bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.licenses="Apache 2"\n',
      good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.licenses="Apache-2.0"\n',
      exampleSettings: { labelSchema: { 'org.opencontainers.image.licenses': 'spdx' } },
      notes:
        `${FORMAT_NOTES} ` +
        'Ids come from the SPDX License List (deprecated ids included) and match case-insensitively, as the SPDX spec says. ' +
        'Unlike hadolint 2.12, which accepts a single id only, full SPDX expressions pass (`MIT OR Apache-2.0`, ' +
        '`GPL-2.0-only WITH Classpath-exception-2.0`, `LicenseRef-Proprietary`), because the OCI annotation is ' +
        'defined as an expression.',
    },
  },
  create: checkLabelFormat('spdx'),
});
