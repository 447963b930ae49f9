import { defineRule } from '../../src/engine';
import { onEveryRun, toolCommands } from './toolCommands';

const DIST_UPGRADE = new Set(['dist-upgrade', 'dup']);

export default defineRule({
  meta: {
    id: 'no-zypper-dist-upgrade',
    aliases: ['DL3035'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags `zypper dist-upgrade` (`zypper dup`) in a RUN.',
      rationale:
        '`zypper dist-upgrade` moves every package to the newest version the repositories offer, installing and ' +
        'removing packages as needed: the image no longer matches its base and differs from build to build. Pull a ' +
        'newer base image instead.',
      bad: 'FROM opensuse/leap:15.6\nRUN zypper -n dup && zypper clean --all\n',
      good: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0 && zypper clean --all\n',
      notes: 'As hadolint 2.12: `zypper update` and `zypper patch` are not reported. Commands behind `sudo` are seen too.',
    },
  },
  create(context) {
    return onEveryRun(context, (run, state) => {
      for (const command of toolCommands(context, run, state)) {
        const { invocation } = command;
        if (invocation.tool !== 'zypper' || !DIST_UPGRADE.has(invocation.subcommand)) continue;
        const range = command.range(invocation.commandWord, invocation.subcommandWord!);
        context.report({
          range,
          message: `zypper ${invocation.subcommand} at line ${range.start.line + 1} upgrades the whole base system; use a newer base image instead.`,
        });
      }
    });
  },
});
