import { rpmAnswered, rpmPrompts } from './rpmPrompts';
import { defineAssumeYesRule } from './defineAssumeYesRule';

export default defineAssumeYesRule({
  id: 'dnf-assume-yes',
  code: 'DL3038',
  tools: ['dnf', 'microdnf'],
  prompts: rpmPrompts,
  answered: rpmAnswered,
  advice: () => '-y',
  docs: {
    summary: 'Flags `dnf`/`microdnf install` (and the other installing transactions) without `-y`.',
    rationale:
      'dnf asks "Is this ok [y/N]" before every transaction, and so does microdnf in current releases (older ones assumed yes). A ' +
      'build has no terminal, so the answer is no and the build fails — or, for `dnf upgrade`, passes only while ' +
      'there is nothing to upgrade. `-y` answers yes up front.',
    bad: 'FROM fedora:41\nRUN dnf install httpd-2.4.62 && dnf clean all\n',
    good: 'FROM fedora:41\nRUN dnf install -y httpd-2.4.62 \\\n && microdnf --assumeyes remove vim-minimal \\\n && dnf clean all\n',
    notes:
      'Covers `dnf`, `dnf5` and `microdnf`. Accepted: `-y`, `--assumeyes` (before or after the subcommand, also in ' +
      'combined flags), `--setopt=assumeyes=1`, and `yes | dnf …`. Difference from hadolint 2.12: besides `install`, ' +
      '`groupinstall` and `localinstall`, the other installing transactions are checked (`reinstall`, `swap`, ' +
      '`group install`, `module enable|install`). Updates and removals are not, as in hadolint: their prompt fails ' +
      'the build at once.',
  },
});
