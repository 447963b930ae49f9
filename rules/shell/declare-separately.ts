import { defineRule } from '../../src/engine';
import { commandName, DECLARATIONS, expansionsOf, shellScriptListeners, walkShell } from './support';

/** The scripts worth a walk: those running one of these (see shellScriptListeners). */
const DECLARATION_NAMES = [...DECLARATIONS];

export default defineRule({
  meta: {
    id: 'declare-separately',
    aliases: ['SC2155'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    recommended: false,
    docs: {
      summary: 'Flags `export NAME=$(cmd)` (and `local`, `readonly`, `declare`), which hides a failure of cmd (ShellCheck SC2155).',
      rationale:
        "The exit status of `export NAME=$(cmd)` is export's, which succeeds, so a failing cmd goes unnoticed even " +
        'under `set -e` or `&&`: the build continues with an empty variable. Assign first, then export: ' +
        '`NAME=$(cmd) && export NAME`.',
      bad: 'FROM debian:12\nRUN export VERSION=$(cat /opt/app/VERSION) && echo "$VERSION"\n',
      good: 'FROM debian:12\nRUN VERSION=$(cat /opt/app/VERSION) && export VERSION && echo "$VERSION"\n',
      notes:
        'Off in `recommended`: the finding is true but rarely worth acting on; in a hand check of 20 seeded corpus ' +
        'findings every command substituted was one that practically cannot fail (`mktemp -d` for GNUPGHOME, `pwd`, ' +
        'a pipeline ending in sed). `strict` and `all` turn it on.',
    },
  },
  create(context) {
    return shellScriptListeners(context, (target) => {
      walkShell(target.ast, {
        simple(node) {
          const name = commandName(node);
          if (name === null || !DECLARATIONS.has(name)) return;
          for (const word of node.argv.slice(1)) {
            const m = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?\+?=/.exec(word.raw);
            if (!m || !expansionsOf(word).some((e) => e.kind === 'command' || e.kind === 'backtick')) continue;
            const range = target.range(word.start, word.start + m[1]!.length);
            context.report({
              range,
              message: `${name} ${m[1]}=$(…) at line ${range.start.line + 1} returns ${name}'s status and hides a failure of the command; assign first, then ${name} ${m[1]}.`,
            });
          }
        },
      });
    }, DECLARATION_NAMES);
  },
});
