import { defineRule } from '../../src/engine';
import { commandUses } from '../../src/shell/commandQueries';
import { runListeners } from './runListeners';

/** Programs that need a terminal, a running system or a live network to mean anything. */
const POINTLESS = new Map<string, string>([
  ['ssh', 'connects to another machine'],
  ['vim', 'is an interactive editor'],
  ['shutdown', 'stops a running system'],
  ['service', 'manages services that do not outlive the RUN'],
  ['ps', 'lists processes of a throw-away build container'],
  ['free', 'reports the memory of a throw-away build container'],
  ['top', 'is an interactive process monitor'],
  ['kill', 'signals processes of a throw-away build container'],
  ['mount', 'mounts nothing that is kept in the image'],
  ['ifconfig', 'configures a network that is not kept in the image'],
]);

export default defineRule({
  meta: {
    id: 'avoid-interactive-commands',
    aliases: ['DL3001'],
    category: 'correctness',
    severity: 'info',
    fix: 'none',
    docs: {
      summary: 'Flags RUN commands that make no sense while building an image: ssh, vim, shutdown, service, ps, free, top, kill, mount, ifconfig.',
      rationale:
        'A RUN executes once, without a terminal, in a throw-away container whose processes, mounts and network ' +
        'settings are gone when the step ends; only the file system is kept. Editors and monitors hang or fail, ' +
        '`service … start` starts a daemon that dies with the step, and `ps`, `free` or `kill` look at a container ' +
        'nobody will run. Such commands are leftovers from an interactive session: write files with COPY or a heredoc, ' +
        'and start services from CMD or ENTRYPOINT.',
      bad: 'FROM debian:12\nRUN service nginx start\nRUN echo ready && vim /etc/hosts\n',
      good:
        'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-client=1:9.2p1-2+deb12u3 \\\n' +
        '    && rm -rf /var/lib/apt/lists/*\nRUN ssh-keygen -A\nCMD ["nginx", "-g", "daemon off;"]\n',
      notes:
        'Matched on the program that runs (its basename, also behind sudo/env), in shell form, heredoc bodies, exec ' +
        'form and ONBUILD RUN; the same words as arguments (`apt-get install openssh-server`, `echo ps`) are not ' +
        'flagged. hadolint 2.12 names ifconfig in its message but does not check it; we do. Severity info, as hadolint.',
    },
  },
  create(context) {
    return runListeners(
      context,
      (run) => {
        for (const use of commandUses(run)) {
          const why = POINTLESS.get(use.name);
          if (!why) continue;
          const range = context.ast.source.range(use.sourceStart, use.sourceEnd);
          context.report({
            range,
            message: `\`${use.name}\` at line ${range.start.line + 1} ${why}, which is pointless in a build step; remove it (start services from CMD or ENTRYPOINT).`,
          });
        }
      },
      { onbuild: true },
    );
  },
});
