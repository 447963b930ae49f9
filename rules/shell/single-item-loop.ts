import { defineRule } from '../../src/engine';
import { shellScriptListeners, unquotedText, walkShell } from './support';

export default defineRule({
  meta: {
    id: 'single-item-loop',
    aliases: ['SC2043'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags a `for` loop over one literal word, which runs once (ShellCheck SC2043).',
      rationale:
        '`for pkg in "curl git"; do …` runs the body once with the whole string; `for f in /opt/*.jar` without the ' +
        'glob, or `for v in $VERSIONS` written as `for v in VERSIONS`, likewise. Either the loop is not needed or the ' +
        'list was meant to be split, globbed or expanded.',
      bad: 'FROM debian:12\nRUN for pkg in "curl git"; do apt-get install -y --no-install-recommends $pkg; done\n',
      good: 'FROM debian:12\nRUN for pkg in curl git; do echo "$pkg"; done && for f in /opt/*.jar; do echo "$f"; done\n',
      notes:
        'Not flagged: an item with an expansion, glob or braces; a single-quoted item (ShellCheck reports SC2041 there). ' +
        'In `recommended` at the severity ShellCheck gives it, as hadolint reports it.',
    },
  },
  create(context) {
    return shellScriptListeners(context, (target) => {
      walkShell(target.ast, {
        compound(node) {
          if (node.kind !== 'for' || node.words.length !== 2) return;
          const item = node.words[1]!;
          if (/^'.*'$/s.test(item.raw) || /[$`]/.test(item.raw) || /[{*?[]/.test(unquotedText(item.raw))) return;
          const range = target.range(item.start, item.end);
          context.report({
            range,
            message: `The for loop at line ${range.start.line + 1} runs once, over the single word ${item.raw}; list the items unquoted or drop the loop.`,
          });
        },
      });
    });
  },
});
