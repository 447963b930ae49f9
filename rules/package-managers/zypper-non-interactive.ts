import { hasAnyOption } from '../../src/shell/packageManagers';
import { defineAssumeYesRule } from './defineAssumeYesRule';

/** zypper commands that ask for confirmation. */
const PROMPTING = new Set([
  'install', 'in', 'remove', 'rm', 'source-install', 'si', 'patch', 'update', 'up', 'dist-upgrade', 'dup',
  'install-new-recommends', 'inr', 'verify', 've',
]);

export default defineAssumeYesRule({
  id: 'zypper-non-interactive',
  code: 'DL3034',
  tools: ['zypper'],
  prompts: (inv) => PROMPTING.has(inv.subcommand),
  answered: (inv) => {
    const sub = inv.subcommandWord?.start ?? Infinity;
    // -n before the subcommand is --non-interactive; after `install` it is --name.
    const global = inv.args.options.some((o) => (o.name === '-n' || o.name === '--non-interactive') && o.word.start < sub);
    return global || hasAnyOption(inv.args, '-y', '--no-confirm', '--non-interactive');
  },
  advice: (inv) => `zypper --non-interactive ${inv.subcommand}`,
  fix: { flag: '-n', where: 'before' },
  docs: {
    summary: 'Flags `zypper install` (and other zypper commands that ask) without `--non-interactive` or `-y`.',
    rationale:
      'zypper asks "Continue? [y/n/v/...? shows all options] (y)" before changing packages. A build has no terminal, ' +
      'so zypper aborts and the build fails. `zypper -n …` (global `--non-interactive`) or `-y`/`--no-confirm` after ' +
      'the subcommand answers for it.',
    bad: 'FROM opensuse/leap:15.6\nRUN zypper install curl=8.6.0 && zypper clean --all\n',
    good: 'FROM opensuse/leap:15.6\nRUN zypper --non-interactive install curl=8.6.0 \\\n && zypper rm -y vim \\\n && zypper clean --all\n',
    fixSafety:
      'Unsafe (applied with `--unsafe`): it adds a word to the command, and dfopt\'s safe fixes never change the ' +
      'commands a RUN executes. It is low-risk: it inserts the global `-n` (`--non-interactive`) in front of the subcommand (`zypper -n install curl`). ' +
      'It makes zypper take the default answer of each prompt instead of reading it; in a build there is no terminal ' +
      'to answer from, so a build that succeeds without `-n` gets the same answers, and the same image, with it.',
    notes:
      'Accepted: `-n`/`--non-interactive` before the subcommand, `-y`/`--no-confirm` after it. Checked subcommands: ' +
      '`install`, `remove`, `source-install`, `patch`, `update`, `dist-upgrade`, `install-new-recommends`, `verify` ' +
      '(and their short forms). Differences from hadolint 2.12: `update` and `dist-upgrade` are checked too; `-n` ' +
      'after the subcommand is not accepted, because there it means `--name`, not non-interactive.',
  },
});
