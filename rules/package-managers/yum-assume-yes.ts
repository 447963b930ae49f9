import { rpmAnswered, rpmPrompts } from './rpmPrompts';
import { defineAssumeYesRule } from './defineAssumeYesRule';

export default defineAssumeYesRule({
  id: 'yum-assume-yes',
  code: 'DL3030',
  tools: ['yum'],
  prompts: rpmPrompts,
  answered: rpmAnswered,
  advice: () => '-y',
  fix: { flag: '-y', where: 'after' },
  docs: {
    summary: 'Flags `yum install` (and the other installing transactions) without `-y`.',
    rationale:
      'yum asks "Is this ok [y/N]" before every transaction. A build has no terminal, so the answer is no and the ' +
      'build fails — or, for `yum update`, passes only while there is nothing to update. `-y` answers yes up front.',
    bad: 'FROM rockylinux:9\nRUN yum install httpd-2.4.62 && yum clean all\n',
    good: 'FROM rockylinux:9\nRUN yum -y install httpd-2.4.62 \\\n && yum module enable -y nodejs:20 \\\n && yum clean all\n',
    fixSafety:
      'Unsafe (applied with `--unsafe`): it adds a word to the command, and dfopt\'s safe fixes never change the ' +
      'commands a RUN executes. It is low-risk: it inserts `-y` right after the subcommand (after the nested one for `group install` and `module enable`). ' +
      '`-y` only answers the "Is this ok [y/N]" prompt, which in a build reads end-of-file and cancels the ' +
      'transaction; a build that succeeds without `-y` never reached it and builds the same image with it.',
    notes:
      'Accepted: `-y`, `--assumeyes` (before or after the subcommand, also in combined flags), ' +
      '`--setopt=assumeyes=1`, and `yes | yum …`. Difference from hadolint 2.12: besides `install`, `groupinstall` and ' +
      '`localinstall`, the other installing transactions are checked (`reinstall`, `swap`, `group install`, ' +
      '`module enable|install`). Updates and removals are not, as in hadolint: their prompt fails the build at once.',
  },
});
