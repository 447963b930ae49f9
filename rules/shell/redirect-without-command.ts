import { defineRule } from '../../src/engine';
import { shellScriptListeners, walkShell } from './support';

export default defineRule({
  meta: {
    id: 'redirect-without-command',
    aliases: ['SC2188'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    recommended: false,
    docs: {
      summary: 'Flags a redirection with no command, such as `> /etc/file` on its own (ShellCheck SC2188).',
      rationale:
        'A bare `> file` truncates the file in dash and bash but does nothing in zsh, and it often means the command ' +
        'meant to write there was lost on a continuation line. Write `: > file` (or `true > file`) to truncate on purpose.',
      bad: 'FROM debian:12\nRUN > /var/log/app.log && chmod 666 /var/log/app.log\n',
      good: 'FROM debian:12\nRUN : > /var/log/app.log && chmod 666 /var/log/app.log\n',
      notes:
        'Off in `recommended`: it has no finding in the 3,254 corpus files (neither has ShellCheck since the heredoc ' +
        'marker line is no longer checked as a script), so its precision is unmeasured, and in sh and bash, the ' +
        'shells checked, a bare `> file` does truncate the file as written. `strict` and `all` turn it on.',
    },
  },
  create(context) {
    return shellScriptListeners(context, (target) => {
      walkShell(target.ast, {
        simple(node) {
          if (node.argv.length > 0 || node.assignments.length > 0 || node.redirects.length === 0) return;
          const range = target.range(node.start, node.end);
          context.report({ range, message: `The redirection at line ${range.start.line + 1} has no command; write : > file to truncate, or move it to its command.` });
        },
      });
    });
  },
});
