import { defineRule } from '../../src/engine';
import { commandName, shellScriptListeners, walkShell } from './support';

export default defineRule({
  meta: {
    id: 'read-without-r',
    aliases: ['SC2162'],
    category: 'correctness',
    severity: 'info',
    fix: 'none',
    docs: {
      summary: 'Flags `read` without `-r`, which eats backslashes in the input (ShellCheck SC2162).',
      rationale:
        'Without `-r`, read treats a backslash as an escape: `C:\\temp` becomes `C:temp` and a line ending in `\\` is ' +
        'joined with the next. `read -r` keeps the line as it is.',
      bad: 'FROM debian:12\nRUN while read line; do echo "$line" >> /etc/hosts.allow; done < /tmp/hosts\n',
      good: 'FROM debian:12\nRUN while IFS= read -r line; do echo "$line" >> /etc/hosts.allow; done < /tmp/hosts\n',
      notes: 'In `recommended` at the severity ShellCheck gives it, as hadolint reports it.',
    },
  },
  create(context) {
    return shellScriptListeners(context, (target) => {
      walkShell(target.ast, {
        simple(node) {
          if (commandName(node) !== 'read') return;
          if (node.argv.slice(1).some((w) => /^-[a-zA-Z]*r/.test(w.value))) return;
          const word = node.argv[0]!;
          const range = target.range(word.start, word.end);
          context.report({ range, message: `read at line ${range.start.line + 1} without -r treats backslashes in the input as escapes; use read -r.` });
        },
      });
    }, ['read']);
  },
});
