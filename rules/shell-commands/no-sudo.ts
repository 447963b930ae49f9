import { defineRule } from '../../src/engine';
import { commandUses } from '../../src/shell/commandQueries';
import { runListeners } from './runListeners';

export default defineRule({
  meta: {
    id: 'no-sudo',
    aliases: ['DL3004'],
    category: 'security',
    severity: 'error',
    fix: 'none',
    docs: {
      summary: 'Flags `sudo` in RUN.',
      rationale:
        'RUN already executes as the user set by USER, root by default, so `sudo` is either useless or a sign that the ' +
        'image ships sudo and a sudoers entry that lets the runtime user become root. sudo also changes the ' +
        'environment and needs a TTY or password configuration to behave. Switch with `USER root` … `USER app` around ' +
        'the privileged steps, and use gosu or su-exec in an entrypoint that must drop privileges.',
      bad: 'FROM debian:12\nUSER app\nRUN sudo apt-get update\n',
      good:
        'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends gosu=1.14-1+b6 \\\n' +
        '    && rm -rf /var/lib/apt/lists/*\nUSER app\nRUN echo sudo is only a word here\n',
      notes:
        'Matches a command whose first word is sudo, also by path (`/usr/bin/sudo`), in shell form, heredoc bodies, exec ' +
        'form and ONBUILD RUN. Reported once per RUN, at its first sudo, as hadolint does; the message counts the others. As in hadolint, sudo handed to another program (`xargs sudo …`) is not flagged, and ' +
        'neither is installing the sudo package or editing /etc/sudoers.',
    },
  },
  create(context) {
    return runListeners(
      context,
      (run) => {
        // One finding per RUN, as hadolint's DL3004 (a simpleRule on the instruction): a RUN that needs root once
        // usually says sudo on every line (01672 has nine in one RUN), and one USER root covers them all.
        // The command itself is sudo (`env` only sets variables); `xargs sudo` is an argument of xargs, as hadolint reads it.
        const sudos = commandUses(run).filter((use) => use.name === 'sudo' || use.wrappers.find((w) => w !== 'env') === 'sudo');
        if (sudos.length === 0) return;
        const first = sudos.reduce((a, b) => (b.sourceStart < a.sourceStart ? b : a));
        const range = context.ast.source.range(first.sourceStart, first.sourceEnd);
        const more = sudos.length > 1 ? ` (and ${sudos.length - 1} more in this RUN)` : '';
        context.report({
          range,
          message: `sudo at line ${range.start.line + 1}${more} is not needed in a build step; switch users with USER (and use gosu/su-exec at run time) instead.`,
        });
      },
      { onbuild: true },
    );
  },
});
