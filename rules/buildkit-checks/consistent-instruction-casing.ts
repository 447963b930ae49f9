import { defineRule } from '../../src/engine';
import type { InstructionNode } from '../../src/parse';

// Read character by character for ASCII text (every keyword): toLowerCase/toUpperCase made a string per instruction.
const isLower = (s: string): boolean => (isAscii(s) ? !hasCharIn(s, 65, 90) : s === s.toLowerCase());
const isUpper = (s: string): boolean => (isAscii(s) ? !hasCharIn(s, 97, 122) : s === s.toUpperCase());

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

function hasCharIn(s: string, low: number, high: number): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= low && c <= high) return true;
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'consistent-instruction-casing',
    aliases: ['ConsistentInstructionCasing'],
    category: 'style',
    severity: 'style',
    fix: 'safe',
    docs: {
      summary: 'Flags instruction keywords that are mixed-case (`Run`) or differ from the casing most of the file uses.',
      rationale:
        'Docker accepts keywords in any case, but a file that mixes `RUN`, `run` and `Run` is harder to scan; pick one ' +
        'case (uppercase is the convention) and use it everywhere.',
      bad: 'FROM alpine:3.20\nRUN echo hello > /greeting.txt\nEntryPoint ["cat", "/greeting.txt"]\n',
      good: 'FROM alpine:3.20\nRUN echo hello > /greeting.txt\nENTRYPOINT ["cat", "/greeting.txt"]\n',
      fixSafety: 'Only the keyword\'s casing changes, to the majority casing; Docker reads keywords case-insensitively.',
      notes:
        'Same check as BuildKit\'s ConsistentInstructionCasing: the majority is counted over keywords that are all ' +
        'lowercase or all uppercase; a tie counts as uppercase. Unlike BuildKit, ARGs before the first FROM are counted ' +
        'and checked too (BuildKit skips them only because it parses them separately). ONBUILD triggers are not checked. ' +
        'Severity `style`: BuildKit reports it as a warning, but it never changes the build.',
    },
  },
  create(context) {
    return {
      'dockerfile:exit'() {
        const instructions: readonly InstructionNode[] = context.ast.instructions;
        let lower = 0;
        let upper = 0;
        for (const inst of instructions) {
          if (isLower(inst.keywordText)) lower++;
          else if (isUpper(inst.keywordText)) upper++;
        }
        const majorityLower = lower > upper;
        for (const inst of instructions) {
          const text = inst.keywordText;
          if (majorityLower ? isLower(text) : isUpper(text)) continue;
          const wanted = majorityLower ? text.toLowerCase() : text.toUpperCase();
          context.report({
            range: inst.keywordRange,
            message: `Instruction '${text}' should match the ${majorityLower ? 'lowercase' : 'uppercase'} casing of most instructions; write '${wanted}'.`,
            fix: (f) => f.replace(inst.keywordRange, wanted),
          });
        }
      },
    };
  },
});
