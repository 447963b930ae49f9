import { defineRule } from '../../src/engine';
import { onEveryRun, toolCommands } from './toolCommands';

/** `apt` subcommands that query rather than change: apt-cache does those. */
const QUERIES = new Set(['search', 'show', 'showsrc', 'policy', 'depends', 'rdepends', 'madison', 'showpkg']);

export default defineRule({
  meta: {
    id: 'prefer-apt-get',
    aliases: ['DL3027'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags `apt` used in a RUN, where `apt-get` or `apt-cache` belong.',
      rationale:
        '`apt` is the interactive front end: its output and behaviour may change between releases, and it warns ' +
        '"apt does not have a stable CLI interface. Use with caution in scripts." `apt-get` and `apt-cache` are the ' +
        'stable, scriptable commands with the same subcommands.',
      bad: 'FROM debian:12\nRUN apt update && apt install -y curl\n',
      good: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n && apt-cache policy curl \\\n && rm -rf /var/lib/apt/lists/*\n',
      notes:
        'Any command named `apt` is reported, also behind `sudo` or as `/usr/bin/apt` (hadolint 2.12 only sees a ' +
        'bare `apt`), in heredoc bodies and exec-form RUNs. `apt-get`, `apt-cache` and `aptitude` are not. The ' +
        'message suggests apt-cache for query subcommands (`search`, `show`, `policy`, …).',
    },
  },
  create(context) {
    return onEveryRun(context, (run, state) => {
      for (const command of toolCommands(context, run, state)) {
        const { invocation } = command;
        if (invocation.tool !== 'apt') continue;
        const sub = invocation.subcommand;
        const replacement = QUERIES.has(sub) ? 'apt-cache' : 'apt-get';
        const range = command.range(invocation.commandWord, invocation.subcommandWord ?? invocation.commandWord);
        const what = sub ? `apt ${sub}` : 'apt';
        context.report({
          range,
          message:
            `${what} at line ${range.start.line + 1} uses apt, whose command line is not stable for scripts; ` +
            `use \`${replacement}${sub ? ` ${sub}` : ''}\` instead.`,
        });
      }
    });
  },
});
