import type { Listeners, RuleContext } from '../../src/engine';
import type { BuildState } from '../../src/model';
import type { InstructionNode } from '../../src/parse';
import { isPosixShell } from '../../src/shell';

/**
 * RUN (and, when `onbuild` is set, ONBUILD RUN) listeners for a rule about the commands a RUN executes. Shell-form
 * RUNs in a non-POSIX SHELL stage (PowerShell, cmd) are skipped unless `anyShell` is set (the rule then copes
 * with such scripts itself); exec-form RUNs run no shell and are always checked.
 */
export function runListeners(
  context: RuleContext,
  check: (run: InstructionNode, state: BuildState) => void,
  { onbuild, anyShell = false }: { onbuild: boolean; anyShell?: boolean },
): Listeners {
  const visit = (run: InstructionNode, state: BuildState): void => {
    if (!anyShell && !run.execForm && !isPosixShell(state.shell)) return;
    check(run, state);
  };
  return {
    RUN(run) {
      visit(run, context.stateBefore(run));
    },
    ...(onbuild
      ? {
          ONBUILD(onbuild: InstructionNode) {
            if (onbuild.trigger?.keyword === 'RUN') visit(onbuild.trigger, context.stateBefore(onbuild));
          },
        }
      : {}),
  };
}
