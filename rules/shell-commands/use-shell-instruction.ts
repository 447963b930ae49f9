import { defineRule } from '../../src/engine';
import { commandUses, parseOptions, wordSpan } from '../../src/shell/commandQueries';
import { runListeners } from './runListeners';

const SHELL_PATHS = new Set(['/bin/sh', '/usr/bin/sh']);
const BIN_DIRS = new Set(['/bin', '/bin/', '/usr/bin', '/usr/bin/']);

export default defineRule({
  meta: {
    id: 'use-shell-instruction',
    aliases: ['DL4005'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags `ln` that replaces /bin/sh to change the default shell: use the SHELL instruction.',
      rationale:
        'Relinking /bin/sh changes the shell of every script and program in the image that calls `sh`, not only of ' +
        'later RUN instructions, and package upgrades may silently restore the link. The SHELL instruction changes ' +
        'the shell RUN uses, visibly and for this Dockerfile only.',
      bad: 'FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n',
      good: 'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN ln -s /bin/sh /usr/local/bin/mysh\n',
      notes:
        'Flagged when the link created is /bin/sh or /usr/bin/sh (the last operand, or a `sh` operand linked into ' +
        '/bin or /usr/bin). Deliberate difference from hadolint 2.12, which flags any `ln` with a `/bin/sh` argument: ' +
        'using /bin/sh as the link target (`ln -s /bin/sh /bin/mysh`) leaves the default shell alone and is not ' +
        'flagged. Checked in shell form, heredoc bodies, exec form and ONBUILD RUN.',
    },
  },
  create(context) {
    return runListeners(
      context,
      (run) => {
        for (const use of commandUses(run)) {
          if (use.name !== 'ln') continue;
          const { operands, options } = parseOptions(use.args, { shortWithValue: 'St', longWithValue: ['suffix', 'target-directory'] });
          if (options.some((o) => o.name === 't' || o.name === 'target-directory') || operands.length < 2) continue;
          const link = operands[operands.length - 1]!;
          const replacesSh =
            SHELL_PATHS.has(link.value) ||
            (BIN_DIRS.has(link.value) && operands.slice(0, -1).some((w) => w.value === 'sh' || w.value.endsWith('/sh')));
          if (!replacesSh) continue;
          const span = wordSpan(use, link);
          const range = context.ast.source.range(span.start, span.end);
          context.report({
            range,
            message: `ln at line ${range.start.line + 1} replaces /bin/sh to change the default shell; use a SHELL instruction (e.g. SHELL ["/bin/bash", "-c"]) instead.`,
          });
        }
      },
      { onbuild: true },
    );
  },
});
