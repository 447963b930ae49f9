import { defineRule } from '../../src/engine';
import { onEveryRun, toolCommands } from './toolCommands';

const DIST_UPGRADE = new Set(['dist-upgrade', 'full-upgrade']);

export default defineRule({
  meta: {
    id: 'no-apt-upgrade',
    aliases: ['DL3005'],
    category: 'correctness',
    severity: 'error',
    fix: 'none',
    docs: {
      summary: 'Flags `apt-get dist-upgrade` (and `full-upgrade`) in a RUN.',
      rationale:
        '`dist-upgrade` may install new packages and remove others to move the whole system to newer versions: the ' +
        'image stops matching its base, grows, and differs from build to build. Upgrades belong in the base image: ' +
        'pull a newer tag (or rebuild on a fresh base) instead.',
      bad: 'FROM debian:12\nRUN apt-get update \\\n && apt-get -y dist-upgrade \\\n && rm -rf /var/lib/apt/lists/*\n',
      good: 'FROM debian:12.8\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n && rm -rf /var/lib/apt/lists/*\n',
      notes:
        'This follows hadolint 2.12\'s DL3005, which only reports `dist-upgrade` (earlier hadolint versions also ' +
        'reported `apt-get upgrade`; 2.13 dropped the rule). `full-upgrade`, the same command under its newer name, is ' +
        'reported too. `apt dist-upgrade` is left to prefer-apt-get. Severity error, as hadolint.',
    },
  },
  create(context) {
    return onEveryRun(context, (run, state) => {
      for (const command of toolCommands(context, run, state)) {
        const { invocation } = command;
        if (invocation.tool !== 'apt-get' || !DIST_UPGRADE.has(invocation.subcommand)) continue;
        const range = command.range(invocation.commandWord, invocation.subcommandWord!);
        context.report({
          range,
          message:
            `apt-get ${invocation.subcommand} at line ${range.start.line + 1} upgrades the whole base system; ` +
            'use a newer base image instead.',
        });
      }
    });
  },
});
