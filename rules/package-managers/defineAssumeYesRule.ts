import { defineRule, type RuleDocs, type RuleModule } from '../../src/engine';
import type { InstructionNode } from '../../src/parse';
import type { PinTool, ToolInvocation } from '../../src/shell/packageManagers';
import { onEveryRun, type ToolCommand, toolCommands } from './toolCommands';
import { type AptSettings, aptSettingsTracker } from './aptConfig';
import { insertArgument } from './fixEdits';

const NESTING = new Set(['module', 'group', 'groups']);

interface AssumeYesRuleOptions {
  readonly id: string;
  readonly code: string;
  readonly tools: readonly PinTool[];
  /** Whether the command can stop at a confirmation prompt. */
  readonly prompts: (invocation: ToolInvocation) => boolean;
  /** Whether the command already answers it (given apt configuration written earlier in the stage). */
  readonly answered: (invocation: ToolInvocation, apt: AptSettings) => boolean;
  /** The flag to suggest, e.g. `-y`. */
  readonly advice: (invocation: ToolInvocation) => string;
  /**
   * The fix: `flag` inserted right after the subcommand (after the nested one for `group install`, `module enable`),
   * or, with `before`, in front of the subcommand (a global option such as zypper's `-n`).
   */
  readonly fix: { readonly flag: string; readonly where: 'after' | 'before' };
  /** Must include `fixSafety`. */
  readonly docs: RuleDocs & { readonly fixSafety: string };
}

/**
 * A non-interactive-flag rule (DL3014, DL3030, DL3034, DL3038): a package-manager command that asks for
 * confirmation reads EOF from the build's stdin, answers no and fails the build. Ranged on the command and subcommand.
 */
export function defineAssumeYesRule(options: AssumeYesRuleOptions): RuleModule {
  return defineRule({
    meta: {
      id: options.id,
      aliases: [options.code],
      category: 'correctness',
      severity: 'warning',
      fix: 'unsafe',
      docs: options.docs,
    },
    create(context) {
      const apt = aptSettingsTracker(context);
      return onEveryRun(context, (run, state) => {
        for (const command of toolCommands(context, run, state)) {
          const { invocation } = command;
          if (!options.tools.includes(invocation.tool) || !options.prompts(invocation)) continue;
          if (command.pipedFromYes || options.answered(invocation, apt.settingsAt(run, command.sourceStart))) continue;
          report(run, command);
        }
      });

      function report(run: InstructionNode, command: ToolCommand): void {
        const { invocation } = command;
        // `dnf module enable`, `yum group install`: the nested subcommand belongs to the name.
        const nested = NESTING.has(invocation.subcommand) ? invocation.args.operands[0] : undefined;
        const range = command.range(invocation.commandWord, nested ?? invocation.subcommandWord ?? invocation.commandWord);
        const what = `${invocation.name} ${invocation.subcommand}${nested ? ` ${nested.value}` : ''}`.trim();
        context.report({
          range,
          message:
            `${what} at line ${range.start.line + 1} can stop at a confirmation prompt, which fails the build; ` +
            `add \`${options.advice(invocation)}\`.`,
          fix: (f) => {
            const { flag, where } = options.fix;
            const at = where === 'after' ? (nested ?? invocation.subcommandWord) : invocation.subcommandWord;
            return at ? insertArgument(f, context.ast, run, command, at, flag, where) : null;
          },
        });
      }
    },
  });
}
