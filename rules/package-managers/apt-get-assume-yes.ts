import { hasAnyOption, optionValues, type ToolInvocation } from '../../src/shell/packageManagers';
import { defineAssumeYesRule } from './defineAssumeYesRule';

/**
 * apt-get subcommands that install and ask before doing more than asked. Upgrades and removals prompt too, but as in
 * hadolint they are not checked: an upgrade is already reported by no-apt-upgrade, and a removal that prompts fails
 * the build at once, loudly, whereas an install prompts only once its dependencies grow.
 */
const PROMPTING = new Set(['install', 'reinstall', 'build-dep', 'satisfy']);
const TRUE = /^(1|true|yes|on)$/i;

/** `-qq` (quiet level 2) implies `-y`, per apt-get(8); a single `-q` does not. */
function quietLevel(invocation: ToolInvocation): number {
  let level = 0;
  for (const o of invocation.args.options) {
    if (o.name !== '-q' && o.name !== '--quiet') continue;
    level = o.value !== null && /^\d+$/.test(o.value) ? Number(o.value) : level + 1;
  }
  return level;
}

export default defineAssumeYesRule({
  id: 'apt-get-assume-yes',
  code: 'DL3014',
  tools: ['apt-get'],
  prompts: (inv) => PROMPTING.has(inv.subcommand),
  answered: (inv, apt) =>
    apt.assumeYes ||
    hasAnyOption(inv.args, '-y', '--yes', '--assume-yes', '-s', '--simulate', '--dry-run', '--just-print', '--no-act', '--recon') ||
    quietLevel(inv) >= 2 ||
    optionValues(inv.args, '-o', '--option').some((v) => {
      const m = /^(?:APT::Get::Assume-?Yes|quiet)=(.*)$/i.exec(v);
      return m !== null && (m[0].toLowerCase().startsWith('quiet') ? Number(m[1]) >= 2 : TRUE.test(m[1]!));
    }),
  advice: () => '-y',
  fix: { flag: '-y', where: 'after' },
  docs: {
    summary: 'Flags `apt-get install` (and `reinstall`, `build-dep`, `satisfy`) without `-y`.',
    rationale:
      'apt-get asks "Do you want to continue? [Y/n]" whenever it installs more than the packages named or removes ' +
      'anything. A build has no terminal: the prompt reads end-of-file, apt-get answers no and aborts, and the build ' +
      'fails — or passes today and fails the day a dependency is added. `-y` answers yes up front.',
    bad: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install --no-install-recommends curl=7.88.1-10+deb12u8 \\\n && rm -rf /var/lib/apt/lists/*\n',
    good:
      'FROM debian:12\nRUN apt-get update \\\n && apt-get install -qy --no-install-recommends curl=7.88.1-10+deb12u8 \\\n' +
      ' && apt-get -qq purge --auto-remove wget \\\n && rm -rf /var/lib/apt/lists/*\n',
    fixSafety:
      'Unsafe (applied with `--unsafe`): it adds a word to the command, and dfopt\'s safe fixes never change the ' +
      'commands a RUN executes. It is low-risk: it inserts `-y` right after the subcommand (`apt-get install -y curl`). `-y` only answers the ' +
      '"Do you want to continue?" prompt. In a build that prompt reads end-of-file and aborts, so a build that ' +
      'succeeds without `-y` never reached it and builds the same image with it; the only change is that a build ' +
      'which would have aborted now goes on.',
    notes:
      'Accepted: `-y`, `--yes`, `--assume-yes` (also inside combined flags such as `-qy`), quiet level 2 (`-qq`, ' +
      '`-q -q`, `-q=2`), `-o APT::Get::Assume-Yes=true`, simulation (`-s`), `yes | apt-get …`, and ' +
      '`APT::Get::Assume-Yes "true";` written to apt\'s configuration by an earlier RUN of the stage (or its base ' +
      'stages). Differences from hadolint 2.12: `reinstall`, `build-dep` and `satisfy` install too and are checked; a ' +
      'single `-q` does not count (it only quiets the output; apt-get still prompts). Upgrades and removals are not ' +
      'checked, as in hadolint: no-apt-upgrade reports upgrades, and a removal that prompts fails the build at once.',
  },
});
