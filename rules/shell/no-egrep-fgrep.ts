import { defineRule } from '../../src/engine';
import { commandName, shellScriptListeners, walkShell } from './support';

const REPLACEMENT: ReadonlyMap<string, { code: string; flag: string }> = new Map([
  ['egrep', { code: 'SC2196', flag: '-E' }],
  ['fgrep', { code: 'SC2197', flag: '-F' }],
]);

export default defineRule({
  meta: {
    id: 'no-egrep-fgrep',
    aliases: ['SC2196', 'SC2197'],
    category: 'maintainability',
    severity: 'info',
    fix: 'safe',
    docs: {
      summary: 'Flags `egrep` and `fgrep`, deprecated aliases of `grep -E` and `grep -F` (ShellCheck SC2196, SC2197).',
      rationale:
        'GNU grep 3.8 prints "egrep: warning: egrep is obsolescent" on every call, and the commands are not in POSIX. ' +
        '`grep -E` and `grep -F` do the same everywhere.',
      bad: 'FROM debian:12\nRUN egrep -q "^deb " /etc/apt/sources.list\n',
      good: 'FROM debian:12\nRUN grep -Eq "^deb " /etc/apt/sources.list\n',
      fixSafety:
        'Safe: egrep and fgrep are scripts that run `grep -E` / `grep -F` with the same arguments, so the command does ' +
        'the same; only the obsolescence warning on stderr goes away. A path such as /bin/egrep is left alone.',
      notes: 'In `recommended` at the severity ShellCheck gives it, as hadolint reports it.',
    },
  },
  create(context) {
    return shellScriptListeners(context, (target) => {
      walkShell(target.ast, {
        simple(node) {
          const name = commandName(node);
          const replacement = name === null ? undefined : REPLACEMENT.get(name);
          if (!replacement) return;
          const word = node.argv[0]!;
          const range = target.range(word.start, word.end);
          context.report({
            range,
            code: replacement.code,
            message: `${name} at line ${range.start.line + 1} is deprecated; use grep ${replacement.flag}.`,
            fix: word.raw === name ? (f) => f.replace(range, `grep ${replacement.flag}`) : undefined,
          });
        },
      });
    }, [...REPLACEMENT.keys()]);
  },
});
