import { defineRule, type RuleDocs, type RuleModule } from '../../src/engine';
import type { ShellWord } from '../../src/shell';
import { hasAnyOption, isVersionPinned, type PinTool, pinExample, requestedPackages } from '../../src/shell/packageManagers';
import { listNames, onEveryRun, toolCommands } from './toolCommands';

interface PinRuleOptions {
  readonly id: string;
  readonly code: string;
  readonly tools: readonly PinTool[];
  readonly docs: RuleDocs;
}

const APT_SIMULATE = ['-s', '--simulate', '--dry-run', '--just-print', '--no-act', '--recon'];

/**
 * A version-pin rule (DL3008, DL3013, …): one finding per install command that names a package without a version,
 * ranged on the unpinned package words. Which commands install what, and how each tool writes a pin, live in
 * src/shell/packageManagers.ts.
 */
export function definePinRule(options: PinRuleOptions): RuleModule {
  return defineRule({
    meta: {
      id: options.id,
      aliases: [options.code],
      category: 'correctness',
      severity: 'warning',
      fix: 'none',
      // Off by default: in two hand checks of 60 default findings (docs/precision-review.md) package pins were 10 of
      // 17 and 11 of 19 debatable verdicts, and 24 % of all default findings on the corpus.
      recommended: false,
      docs: { ...options.docs, notes: `${options.docs.notes ? `${options.docs.notes} ` : ''}Off in \`recommended\`: pinning every package is a policy, not a defect (each pin is a version to bump by hand, and a distribution archive that drops the old version breaks the build); \`strict\`, \`all\` and \`hadolint\` turn it on.` },
    },
    create(context) {
      return onEveryRun(context, (run, state) => {
        for (const command of toolCommands(context, run, state)) {
          const { invocation } = command;
          if (!options.tools.includes(invocation.tool)) continue;
          const request = requestedPackages(invocation);
          if (!request) continue;
          // `apt-get install -s pkg` only simulates (often as a test inside `if`): nothing is installed to pin.
          if (invocation.tool === 'apt-get' && hasAnyOption(invocation.args, ...APT_SIMULATE)) continue;
          const unpinned: Array<{ word: ShellWord; spec: string }> = [];
          for (const word of request.packages) {
            const specs = command.expand(word) ?? [];
            for (const spec of specs) if (!isVersionPinned(invocation.tool, spec, request.modules)) unpinned.push({ word, spec });
          }
          if (unpinned.length === 0) continue;
          // Ranged on the first unpinned word (the others are named in the message).
          const range = command.range(unpinned[0]!.word);
          const what = `${invocation.name} ${invocation.subcommand}${request.modules ? ' install' : ''}`;
          const example = pinExample(invocation.tool, unpinned[0]!.spec, request.modules);
          const noun = request.modules ? 'stream' : 'version';
          context.report({
            range,
            message:
              `${what} at line ${range.start.line + 1} does not pin the ${noun} of ${listNames([...new Set(unpinned.map((u) => u.spec))])}; ` +
              `write \`${example}\` so every build installs the same ${request.modules ? 'module stream' : 'version'}.`,
          });
        }
      });
    },
  });
}
