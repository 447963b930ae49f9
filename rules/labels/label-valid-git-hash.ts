import { defineRule } from '../../src/engine';
import { checkLabelFormat, FORMAT_NOTES } from './support';

export default defineRule({
  meta: {
    id: 'label-valid-git-hash',
    aliases: ['DL3055'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary:
        'Flags labels that the configured `labelSchema` types as `hash` ' +
        'whose value is not a git commit hash.',
      rationale:
        'A revision label is how an image is traced back to the exact commit it was built from. A branch name or a ' +
        'tag moves, so it does not identify the source of the image.',
      bad: 'FROM alpine:3.20\nLABEL org.opencontainers.image.revision="main"\n',
      good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.revision="4f1c2a9e0b7d3c5a8e6f1b2d9c0a7e3f5b8d1c4a"\n',
      exampleSettings: { labelSchema: { 'org.opencontainers.image.revision': 'hash' } },
      notes:
        `${FORMAT_NOTES} ` +
        'Lower-case hex only, as git prints it. hadolint 2.12 accepts exactly 7 or 40 digits; we also accept the longer ' +
        'abbreviations git prints in big repositories (8 to 39 digits, `git rev-parse --short`) and 64-digit SHA-256 ' +
        'object names.',
    },
  },
  create: checkLabelFormat('hash'),
});
