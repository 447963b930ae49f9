import { defineRule } from '../../src/engine';
import { commandName, expansionsOf, shellScriptListeners, walkShell } from './support';

export default defineRule({
  meta: {
    id: 'printf-variable-format',
    aliases: ['SC2059'],
    category: 'correctness',
    severity: 'info',
    fix: 'none',
    docs: {
      summary: "Flags a variable in printf's format string, where a `%` or `\\` in its value is interpreted (ShellCheck SC2059).",
      rationale:
        '`printf "$MSG\\n"` treats a `%s` or `%d` in MSG as a directive and a backslash as an escape, so the output ' +
        'differs from the value. Pass values as arguments: `printf \'%s\\n\' "$MSG"`.',
      bad: 'FROM debian:12\nARG GREETING\nRUN printf "$GREETING\\n" > /etc/motd\n',
      good: 'FROM debian:12\nARG GREETING\nRUN printf \'%s\\n\' "$GREETING" > /etc/motd\n',
      notes: 'In `recommended` at the severity ShellCheck gives it, as hadolint reports it.',
    },
  },
  create(context) {
    return shellScriptListeners(context, (target) => {
      walkShell(target.ast, {
        simple(node) {
          if (commandName(node) !== 'printf') return;
          let i = 1;
          if (node.argv[i]?.value === '-v') i += 2;
          if (node.argv[i]?.value === '--') i++;
          const format = node.argv[i];
          if (!format || !expansionsOf(format).some((e) => e.kind !== 'arithmetic')) return;
          const range = target.range(format.start, format.end);
          context.report({
            range,
            message: `printf at line ${range.start.line + 1} takes its format from a variable, so % and \\ in the value are interpreted; use printf '%s' "$var".`,
          });
        },
      });
    }, ['printf']);
  },
});
