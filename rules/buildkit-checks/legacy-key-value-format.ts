import { defineRule, type TextEdit } from '../../src/engine';
import { type DockerfileAST, type InstructionNode, memoKey, memoSharedInRange } from '../../src/parse';
import { isLegacyKeyValue } from './support';

export default defineRule({
  meta: {
    id: 'legacy-key-value-format',
    aliases: ['LegacyKeyValueFormat'],
    category: 'maintainability',
    severity: 'warning',
    fix: 'safe',
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
      fixSafety:
        'The fix writes `ENV key value with spaces` as `ENV key="value with spaces"`: the blanks (and a line break) ' +
        'between key and value become `="`, and a `"` closes the value after its last character; continuation lines ' +
        'inside the value stay as they are. BuildKit takes the legacy value as the rest of the line and then expands ' +
        'it as one word, exactly as it does a double-quoted value, as long as the value has no quote and no escape ' +
        'character: `$VAR` expands the same, and blanks and the indentation of continuation lines are kept either ' +
        'way. So the fix is only offered for such values (and a plain key, with no comment line between key and ' +
        'value); the ENV or LABEL then sets exactly the same value. A value that is one quoted string on one line ' +
        '(`LABEL maintainer "Jane Doe <jane@example.com>"`) is one word either way: the fix puts `=` in place of the ' +
        'blanks and keeps the quotes. Any other case says why it has no fix (`fixDeclined`).',
    },
  },
  create(context) {
    const check = (inst: InstructionNode): void => {
      if (!isLegacyKeyValue(inst)) return;
      const key = inst.words[0]!;
      if (inst.words.length < 2) return; // `ENV KEY` alone is a parse error in BuildKit, not this check.
      // Read from the instruction's own text alone: kept with its parse, which the language server reuses while the
      // line is unchanged (twelve ENV lines of the bench's file each made their edits again at every keystroke).
      const fix = memoSharedInRange(inst, QUOTED_FORM, quotedFormOf, context.ast);
      context.report({
        node: key,
        message: `${inst.keywordText} ${key.value} uses the legacy 'key value' form; write ${inst.keywordText} ${key.value}=<value> (quote values with spaces).`,
        ...(typeof fix === 'string' ? { fixDeclined: fix } : { fix: () => fix }),
      });
    };
    return { ENV: check, LABEL: check };
  },
});

/** BuildKit's reWhitespace, which splits the legacy form into key and value. */
const BLANKS = /[\t\v\f\r ]+/;
/** A key with nothing BuildKit's word processing would change. */
const PLAIN_KEY = /^[A-Za-z0-9_][A-Za-z0-9_./:@-]*$/;
/** Whitespace JavaScript and Go trim differently: where it occurs, the exact value is not worth guessing. */
const ODD_SPACE = /[\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/**
 * `key value` → `key="value"`, or null when that might not give the same value: the value (the rest of the logical
 * line, as BuildKit's parseNameVal takes it) must hold no quote and no escape character, because unquoted the word
 * processing removes escapes and quotes while inside double quotes it keeps most of them. `$` expansions are the
 * same in both.
 */
const QUOTED_FORM = memoKey('legacyKeyValueFormat.quotedForm');
const quotedFormOf = (inst: InstructionNode, ast: DockerfileAST): readonly TextEdit[] | string => quotedForm(ast, inst);

function quotedForm(ast: DockerfileAST, inst: InstructionNode): TextEdit[] | string {
  const { text, sourceOffsets } = inst.argsText;
  if (ODD_SPACE.test(text)) return 'the value holds unusual whitespace that BuildKit and the rewrite might trim differently';
  const start = text.length - text.trimStart().length;
  const end = text.trimEnd().length;
  const rest = text.slice(start, end);
  const gap = BLANKS.exec(rest);
  if (!gap) return 'no value follows the key on this line';
  const key = rest.slice(0, gap.index);
  const value = rest.slice(gap.index + gap[0].length);
  if (!PLAIN_KEY.test(key) || key !== inst.words[0]?.value || value === '') {
    return 'the key holds characters that word processing could change, so key=value might name another key';
  }
  const keyEnd = sourceOffsets[start + key.length - 1]! + 1;
  const valueStart = sourceOffsets[start + gap.index + gap[0].length]!;
  const valueEnd = sourceOffsets[end - 1]! + 1;
  // The gap may hold a line continuation; a comment line there would be lost.
  if (ast.source.text.slice(keyEnd, valueStart).includes('#')) return 'a comment line between key and value would be lost';
  // `LABEL maintainer "Jane Doe"`: one quoted word is the same word after `=`, quotes and all.
  const q = value[0];
  if ((q === '"' || q === "'") && value.length >= 2 && value.endsWith(q) && !value.slice(1, -1).includes(q) &&
      !value.includes(ast.escapeChar) && !/\s/.test(value.slice(1, -1).replace(/ /g, ''))) {
    return [{ start: keyEnd, end: valueStart, text: '=' }];
  }
  if (/["']/.test(value)) return 'the value mixes quotes with other text, which key=value would read differently';
  if (value.includes(ast.escapeChar)) {
    return `the value holds the escape character ${ast.escapeChar}, which key=value would read differently`;
  }
  return [
    { start: keyEnd, end: valueStart, text: '="' },
    { start: valueEnd, end: valueEnd, text: '"' },
  ];
}
