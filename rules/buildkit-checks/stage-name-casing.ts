import { defineRule } from '../../src/engine';

export default defineRule({
  meta: {
    id: 'stage-name-casing',
    aliases: ['StageNameCasing'],
    category: 'style',
    severity: 'style',
    fix: 'none',
    docs: {
      summary: 'Flags stage names (`FROM … AS Name`) that are not all lowercase.',
      rationale:
        'BuildKit lowercases stage names anyway, so `AS BuilderBase` and `--from=builderbase` are the same stage; writing ' +
        'them in lowercase keeps identifiers apart from instruction keywords and avoids mismatched spellings of one name.',
      bad: 'FROM alpine:3.20 AS BuilderBase\nRUN echo hi\n',
      good: 'FROM alpine:3.20 AS builder-base\nRUN echo hi\n',
      notes:
        'Same check as BuildKit\'s StageNameCasing (only `FROM image AS name` with exactly three arguments). Severity ' +
        '`style`: BuildKit reports every check as a warning, but this one never changes the build.',
    },
  },
  create(context) {
    return {
      FROM(from) {
        const [, as, name] = from.words;
        if (from.words.length !== 3 || !as || !name || as.value.toLowerCase() !== 'as') return;
        if (name.value === name.value.toLowerCase()) return;
        context.report({
          node: name,
          message: `Stage name '${name.value}' should be lowercase; write it as '${name.value.toLowerCase()}'.`,
        });
      },
    };
  },
});
