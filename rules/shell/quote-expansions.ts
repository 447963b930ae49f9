import { defineRule } from '../../src/engine';
import { expansionsOf, shellScriptListeners, walkSplitWords } from './support';
import { PROXY_VARIABLES, VariableFlow } from './variables';

const PROXY: ReadonlySet<string> = new Set(PROXY_VARIABLES);

export default defineRule({
  meta: {
    id: 'quote-expansions',
    aliases: ['SC2086'],
    category: 'correctness',
    severity: 'info',
    fix: 'none',
    recommended: false,
    docs: {
      summary: 'Flags an unquoted `$var` in a RUN command that may hold spaces or globs (ShellCheck SC2086).',
      rationale:
        'An unquoted expansion is split on blanks and each piece is glob-expanded, so `rm -rf $DIR` with a DIR ' +
        'holding a space removes two paths, and a `*` in it matches files. Double quotes keep the value one word. ' +
        'As in ShellCheck, a variable that holds a plain literal without blanks or globs on every path that reaches the ' +
        'expansion is left alone (ARG and ENV values count, as hadolint declares them); an assignment later in an ' +
        '`&&` chain, in an `if` without `else` or in a loop may not run, so it does not make the variable safe.',
      bad: 'FROM debian:12\nRUN dir=$(mktemp -d) && rm -rf $dir\n',
      good: 'FROM debian:12\nRUN dir=$(mktemp -d) && rm -rf "$dir"\n',
      notes:
        'Not flagged, as in ShellCheck: assignments, `[[ … ]]` operands, `case` words, `for` lists, arithmetic, ' +
        '`$#`, `$?`, `$$`, `$!`, `${#x}`, `$@` (ShellCheck reports that as SC2068), and in bash the values given to ' +
        '`export`/`local`/`declare`/`readonly`. Off in `recommended`: in a hand check of 20 seeded corpus findings none ' +
        'needed the quotes (package lists split on purpose such as `$buildDeps`, literals assigned earlier in an `&&` ' +
        'chain, loop variables over plain names, numbers, the base image\'s ENV); `strict` and `all` turn it on.',
    },
  },
  create(context) {
    return shellScriptListeners(context, (target) => {
      // Looked up, not copied: a Set of every ARG/ENV name in scope per RUN made N RUNs after N ENVs cost O(N²).
      const { args, env } = target.state;
      const declared = { has: (name: string) => PROXY.has(name) || args.has(name) || env.has(name) };
      const flow = new VariableFlow(target.ast, target.script.text, declared);
      walkSplitWords(target, (word) => {
        for (const e of expansionsOf(word)) {
          if (e.quoted || e.kind !== 'parameter') continue;
          if (e.name === '@' || e.name.startsWith('#') || /\[[@*]\]/.test(e.name)) continue;
          if (/^[$?!#-]$/.test(e.name) || (/^[A-Za-z_]/.test(e.name) && flow.statusAt(e.start) !== 'dirty' && flow.statusAt(e.start) !== 'empty')) continue;
          const range = target.range(e.start, e.end);
          const shown = target.script.text.slice(e.start, e.end);
          context.report({
            range,
            message: `${shown} at line ${range.start.line + 1} is unquoted, so it is split on blanks and glob-expanded; double-quote it ("${shown}").`,
          });
        }
      });
    });
  },
});
