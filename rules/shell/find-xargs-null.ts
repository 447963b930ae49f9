import { defineRule } from '../../src/engine';
import { commandName, shellScriptListeners, walkShell } from './support';

export default defineRule({
  meta: {
    id: 'find-xargs-null',
    aliases: ['SC2038'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags `find … | xargs …` without `-print0` and `xargs -0` (ShellCheck SC2038).',
      rationale:
        'xargs splits its input on blanks and treats quotes and backslashes specially, so a file name with a space or ' +
        'a quote is split or makes xargs fail. `find … -print0 | xargs -0 …` passes names NUL-separated, and ' +
        '`find … -exec cmd {} +` needs no xargs at all.',
      bad: 'FROM debian:12\nRUN find /opt/app -name "*.pyc" | xargs rm -f\n',
      good: 'FROM debian:12\nRUN find /opt/app -name "*.pyc" -print0 | xargs -0 rm -f && find /srv -name "*.tmp" -exec rm -f {} +\n',
      notes: 'In `recommended` at the severity ShellCheck gives it, as hadolint reports it.',
    },
  },
  create(context) {
    return shellScriptListeners(context, (target) => {
      walkShell(target.ast, {
        andOr(item) {
          // As ShellCheck: find first in the pipeline, xargs right after it.
          for (const pipeline of item.pipelines) {
            const [find, xargs] = pipeline.commands;
            if (find?.type !== 'simple' || xargs?.type !== 'simple') continue;
            if (commandName(find) !== 'find' || commandName(xargs) !== 'xargs') continue;
            if (find.argv.some((w) => /^-print0$|^-printf$/.test(w.value))) continue;
            if (xargs.argv.some((w) => /^(-0|--null|-d.*|--delimiter.*|-[a-zA-Z]*0[a-zA-Z]*)$/.test(w.value))) continue;
            const range = target.range(find.start, xargs.end);
            context.report({
              range,
              message: `find | xargs at line ${range.start.line + 1} splits file names on blanks and quotes; use find -print0 | xargs -0, or find -exec … +.`,
            });
          }
        },
      });
    });
  },
});
