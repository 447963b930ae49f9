import { defineRule } from '../../src/engine';
import type { InstructionNode } from '../../src/parse';
import { isLegacyKeyValue } from './support';

export default defineRule({
  meta: {
    id: 'legacy-key-value-format',
    aliases: ['LegacyKeyValueFormat'],
    category: 'maintainability',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags `ENV key value` and `LABEL key value`, the deprecated whitespace-separated form.',
      rationale:
        'The legacy form sets exactly one variable whose value is the rest of the line, spaces, quotes and continuation ' +
        'indentation included, which is easy to misread; it is deprecated in favour of `key=value`, which can also set ' +
        'several pairs in one instruction.',
      bad: 'FROM alpine:3.20\nENV DEPS \\\n    curl \\\n    git\nLABEL maintainer Jane\n',
      good: 'FROM alpine:3.20\nENV DEPS="curl git"\nLABEL maintainer="Jane"\n',
      notes:
        'Same check as BuildKit\'s LegacyKeyValueFormat, which runs for ENV and LABEL only: `ARG foo bar` is not the ' +
        'legacy form but two ARGs without defaults (BuildKit\'s docs show it as an example, but its parser does not ' +
        'flag it). When rewriting, keep in mind that in the legacy form the leading whitespace of continuation lines is ' +
        'part of the value.',
    },
  },
  create(context) {
    const check = (inst: InstructionNode): void => {
      if (!isLegacyKeyValue(inst)) return;
      const key = inst.words[0]!;
      if (inst.words.length < 2) return; // `ENV KEY` alone is a parse error in BuildKit, not this check.
      context.report({
        node: key,
        message: `${inst.keywordText} ${key.value} uses the legacy 'key value' form; write ${inst.keywordText} ${key.value}=<value> (quote values with spaces).`,
      });
    };
    return { ENV: check, LABEL: check };
  },
});
