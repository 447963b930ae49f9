import { defineRule } from '../../src/engine';

const isUpper = (s: string): boolean => s === s.toUpperCase();
const isLower = (s: string): boolean => s === s.toLowerCase();

export default defineRule({
  meta: {
    id: 'from-as-casing',
    aliases: ['FromAsCasing'],
    category: 'style',
    severity: 'style',
    fix: 'safe',
    docs: {
      summary: 'Flags an `AS` keyword whose casing does not match its `FROM` (`FROM image as name`).',
      rationale: 'Keywords are case-insensitive, but mixing `FROM` with `as` on one line reads as a typo; keep them in the same case.',
      bad: 'FROM debian:12 as builder\nRUN echo hi\n',
      good: 'FROM debian:12 AS builder\nRUN echo hi\n\nfrom debian:12 as runner\n',
      fixSafety: 'Only the casing of the `AS` keyword changes; Docker reads keywords case-insensitively.',
      notes:
        'Same check as BuildKit\'s FromAsCasing: a `FROM` that is itself mixed-case (`From`) is left to ' +
        '`consistent-instruction-casing`. Severity `style`: BuildKit reports it as a warning, but it never changes the build.',
    },
  },
  create(context) {
    return {
      FROM(from) {
        const as = from.words[1];
        if (from.words.length < 3 || !as || as.value.toLowerCase() !== 'as') return;
        const keyword = from.keywordText;
        const wantLower = isLower(keyword);
        if (!wantLower && !isUpper(keyword)) return;
        if (wantLower ? isLower(as.value) : isUpper(as.value)) return;
        const wanted = wantLower ? 'as' : 'AS';
        context.report({
          node: as,
          message: `'${as.value}' does not match the casing of '${keyword}'; write '${wanted}'.`,
          fix: (f) => f.replace(as.range, wanted),
        });
      },
    };
  },
});
