import { defineRule } from '../../src/engine';
import { commandName, shellScriptListeners, walkShell } from './support';

/** find's options that come before the paths: symlink handling, debug and optimisation levels. */
const LEADING_OPTION = /^-(H|L|P|O\d*|D)$/;

export default defineRule({
  meta: {
    id: 'find-without-path',
    aliases: ['SC2185'],
    category: 'correctness',
    severity: 'info',
    fix: 'none',
    docs: {
      summary: 'Flags `find` without a starting path, which only GNU find defaults to `.` (ShellCheck SC2185).',
      rationale:
        'GNU find searches the current directory when no path is given, but BusyBox (Alpine) and BSD find need one: ' +
        '`find -name "*.pyc" -delete` fails there, or on BusyBox searches something else. Name the directory.',
      bad: 'FROM debian:12\nWORKDIR /opt/app\nRUN find -name "*.pyc" -delete\n',
      good: 'FROM debian:12\nWORKDIR /opt/app\nRUN find . -name "*.pyc" -delete && find -L /usr/lib -name "*.so"\n',
      notes: 'As in ShellCheck: `-H`, `-L`, `-P`, `-O` and `-D` before the path are skipped. In `recommended` at the severity ShellCheck gives it, as hadolint reports it.',
    },
  },
  create(context) {
    return shellScriptListeners(context, (target) => {
      walkShell(target.ast, {
        simple(node) {
          if (commandName(node) !== 'find') return;
          const args = node.argv.slice(1);
          let i = 0;
          while (i < args.length && LEADING_OPTION.test(args[i]!.raw)) i += args[i]!.raw === '-D' ? 2 : 1;
          const first = args[i];
          // Like ShellCheck, only a leading option counts as no path (`find ! -type d` is left alone).
          if (first && !first.value.startsWith('-')) return;
          const word = node.argv[0]!;
          const range = target.range(word.start, word.end);
          context.report({ range, message: `find at line ${range.start.line + 1} has no starting path, which only GNU find defaults to .; name it (find . …).` });
        },
      });
    });
  },
});
