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
    // GNU and BusyBox find (every Linux base image) search `.` when no path is given; only BSD find and POSIX need
    // one, so in a Dockerfile this is portability advice for a script copied elsewhere. Both findings of the seeded
    // hand check of 2026-12-09 were judged debatable. `extends: hadolint` (SC2185), `strict` and `all` keep it.
    recommended: false,
    docs: {
      summary: 'Flags `find` without a starting path, which BSD find and POSIX require (ShellCheck SC2185).',
      rationale:
        'GNU and BusyBox find search the current directory when no path is given, but BSD find and POSIX need one: ' +
        'the same `find -name "*.pyc" -delete` fails on macOS. Naming the directory also says where the search runs.',
      bad: 'FROM debian:12\nWORKDIR /opt/app\nRUN find -name "*.pyc" -delete\n',
      good: 'FROM debian:12\nWORKDIR /opt/app\nRUN find . -name "*.pyc" -delete && find -L /usr/lib -name "*.so"\n',
      notes:
        'As in ShellCheck: `-H`, `-L`, `-P`, `-O` and `-D` before the path are skipped. Not in `recommended`: GNU and ' +
        'BusyBox find (checked with BusyBox 1.35) default to `.`, so on Linux base images the RUN works as written. On ' +
        'under `extends: hadolint` (SC2185, as hadolint reports it), `strict` and `all`, at the severity ShellCheck gives it.',
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
          context.report({ range, message: `find at line ${range.start.line + 1} has no starting path; GNU and BusyBox find default to ., BSD find and POSIX need one; name it (find . …).` });
        },
      });
    }, ['find']);
  },
});
