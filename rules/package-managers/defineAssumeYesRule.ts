import { defineRule, type RuleDocs, type RuleModule } from '../../src/engine';
import type { PinTool, ToolInvocation } from '../../src/shell/packageManagers';
import { onEveryRun, type ToolCommand, toolCommands } from './toolCommands';
import { type AptSettings, aptSettingsTracker } from './aptConfig';

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
  readonly docs: RuleDocs;
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
      fix: 'none',
      docs: options.docs,
    },
    create(context) {
      const apt = aptSettingsTracker(context);
      return onEveryRun(context, (run, state) => {
        for (const command of toolCommands(context, run, state)) {
          const { invocation } = command;
          if (!options.tools.includes(invocation.tool) || !options.prompts(invocation)) continue;
          if (command.pipedFromYes || options.answered(invocation, apt.settingsAt(run, command.sourceStart))) continue;
          report(command);
        }
      });

      function report(command: ToolCommand): void {
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
        });
      }
    },
  });
}
