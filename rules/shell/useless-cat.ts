import { defineRule } from '../../src/engine';
import { commandName, expansionsOf, shellScriptListeners, unquotedText, walkShell } from './support';

export default defineRule({
  meta: {
    id: 'useless-cat',
    aliases: ['SC2002'],
    category: 'style',
    severity: 'style',
    fix: 'none',
    docs: {
      summary: 'Flags `cat file | cmd`, where cmd can read the file itself (ShellCheck SC2002).',
      rationale: 'One process and one pipe fewer: `grep x file` or `cmd < file` read the same data.',
      bad: 'FROM debian:12\nRUN cat /etc/os-release | grep VERSION_ID\n',
      good: 'FROM debian:12\nRUN grep VERSION_ID /etc/os-release && cat /etc/os-release /etc/debian_version | sha256sum\n',
      notes: 'Not flagged: cat with options, several files, a glob or an unquoted variable. In `recommended` at the severity ShellCheck gives it, as hadolint reports it.',
    },
  },
  create(context) {
    return shellScriptListeners(context, (target) => {
      walkShell(target.ast, {
        andOr(item) {
          for (const pipeline of item.pipelines) {
            const [cat, next] = pipeline.commands;
            if (!next || cat?.type !== 'simple' || commandName(cat) !== 'cat' || cat.argv.length !== 2) continue;
            const file = cat.argv[1]!;
            // Several files may come out of a glob or an unquoted variable.
            if (file.value.startsWith('-') || /[*?[]/.test(unquotedText(file.raw)) || expansionsOf(file).some((e) => !e.quoted)) continue;
            const range = target.range(file.start, file.end);
            context.report({ range, message: `cat ${file.raw} | … at line ${range.start.line + 1} is a useless cat; give the file to the next command or redirect it with <.` });
          }
        },
      });
    });
  },
});
