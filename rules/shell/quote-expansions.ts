import { defineRule } from '../../src/engine';
import { commandName, expansionsOf, shellScriptListeners, walkShell, walkSplitWords } from './support';
import { PROXY_VARIABLES, VariableFlow } from './variables';

const PROXY: ReadonlySet<string> = new Set(PROXY_VARIABLES);

export default defineRule({
  meta: {
    id: 'quote-expansions',
    aliases: ['SC2086'],
    category: 'correctness',
    severity: 'info',
    fix: 'unsafe',
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
      fixSafety:
        'Unsafe: the quotes are what ShellCheck suggests, but they change what runs whenever the value holds blanks or ' +
        'globs (one argument instead of several) or is empty (an empty argument instead of none), and a list split on ' +
        'purpose (`$buildDeps`) is exactly such a value. Review each one. `$*` gets no fix (quoted it joins all ' +
        'arguments into one; `"$@"` is usually meant), nor does an expansion broken by a line continuation, nor the ' +
        'one file of `cat $f | cmd` (quoted, it is a useless cat: give the file to cmd instead).',
    },
  },
  create(context) {
    return shellScriptListeners(context, (target) => {
      // Looked up, not copied: a Set of every ARG/ENV name in scope per RUN made N RUNs after N ENVs cost O(N²).
      const { args, env } = target.state;
      const declared = { has: (name: string) => PROXY.has(name) || args.has(name) || env.has(name) };
      // Made at the first unquoted expansion, which most scripts do not have: the flow's walk and maps, and the set of
      // cat files, were 4 MB of a 4,900-RUN fuzz giant's lint, made for RUNs that expand nothing.
      let flow: VariableFlow | undefined;
      let catFiles: Set<number> | undefined;
      walkSplitWords(target, (word) => {
        for (const e of expansionsOf(word)) {
          if (e.quoted || e.kind !== 'parameter') continue;
          if (e.name === '@' || e.name.startsWith('#') || /\[[@*]\]/.test(e.name)) continue;
          if (/^[$?!#-]$/.test(e.name)) continue;
          if (/^[A-Za-z_]/.test(e.name)) {
            const status = (flow ??= new VariableFlow(target.ast, target.script.text, declared)).statusAt(e.start);
            if (status !== 'dirty' && status !== 'empty') continue;
          }
          const range = target.range(e.start, e.end);
          const shown = target.script.text.slice(e.start, e.end);
          // One piece of source text: quotes around an expansion broken by a continuation would land on two lines.
          const contiguous = target.script.toSource(e.end - 1) - target.script.toSource(e.start) === e.end - 1 - e.start;
          context.report({
            range,
            message: `${shown} at line ${range.start.line + 1} is unquoted, so it is split on blanks and glob-expanded; double-quote it ("${shown}").`,
            fix: contiguous && e.name !== '*' && !(catFiles ??= catFileWords(target.ast)).has(word.start) ? (f) => f.replace(range, `"${shown}"`) : undefined,
          });
        }
      });
    });
  },
});

/** Starts of the words that are the one file of `cat file | …`: quoting them would turn them into useless-cat findings. */
function catFileWords(ast: Parameters<typeof walkShell>[0]): Set<number> {
  const starts = new Set<number>();
  walkShell(ast, {
    andOr(item) {
      for (const pipeline of item.pipelines) {
        const [cat, next] = pipeline.commands;
        if (next && cat?.type === 'simple' && commandName(cat) === 'cat' && cat.argv.length === 2) starts.add(cat.argv[1]!.start);
      }
    },
  });
  return starts;
}
