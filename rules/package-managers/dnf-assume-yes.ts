import { rpmAnswered, rpmPrompts } from './rpmPrompts';
import { defineAssumeYesRule } from './defineAssumeYesRule';

export default defineAssumeYesRule({
  id: 'dnf-assume-yes',
  code: 'DL3038',
  tools: ['dnf', 'microdnf'],
  prompts: rpmPrompts,
  answered: rpmAnswered,
  advice: () => '-y',
  fix: { flag: '-y', where: 'after' },
  docs: {
    summary: 'Flags `dnf`/`microdnf install` (and the other installing transactions) without `-y`.',
    rationale:
      'dnf asks "Is this ok [y/N]" before every transaction, and so does microdnf in current releases (older ones assumed yes). A ' +
      'build has no terminal, so the answer is no and the build fails — or, for `dnf upgrade`, passes only while ' +
      'there is nothing to upgrade. `-y` answers yes up front.',
    bad: 'FROM fedora:41\nRUN dnf install httpd-2.4.62 && dnf clean all\n',
    good: 'FROM fedora:41\nRUN dnf install -y httpd-2.4.62 \\\n && microdnf --assumeyes remove vim-minimal \\\n && dnf clean all\n',
    fixSafety:
      'Unsafe (applied with `--unsafe`): it adds a word to the command, and dfopt\'s safe fixes never change the ' +
      'commands a RUN executes. It is low-risk: it inserts `-y` right after the subcommand (after the nested one for `group install` and `module enable`). ' +
      '`-y` only answers the "Is this ok [y/N]" prompt, which in a build reads end-of-file and cancels the ' +
      'transaction; a build that succeeds without `-y` never reached it and builds the same image with it. ' +
      'microdnf accepts `-y` in every release (early ones took it as a no-op, as they never asked).',
    notes:
      'Covers `dnf`, `dnf5` and `microdnf`. Accepted: `-y`, `--assumeyes` (before or after the subcommand, also in ' +
      'combined flags), `--setopt=assumeyes=1`, and `yes | dnf …`. Difference from hadolint 2.12: besides `install`, ' +
      '`groupinstall` and `localinstall`, the other installing transactions are checked (`reinstall`, `swap`, ' +
      '`group install`, `module enable|install`). Updates and removals are not, as in hadolint: their prompt fails ' +
      'the build at once.',
  },
});
