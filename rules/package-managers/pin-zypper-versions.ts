import { definePinRule } from './definePinRule';

export default definePinRule({
  id: 'pin-zypper-versions',
  code: 'DL3037',
  tools: ['zypper'],
  docs: {
    summary: 'Flags `zypper install` of a package without a version (`curl` instead of `curl=8.6.0` or `\'curl>=8.6\'`).',
    rationale:
      'An unversioned `zypper install` takes the newest package in the repositories, so rebuilds drift. Give a version ' +
      'or a version range so every build installs a known package.',
    bad: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl wget && zypper clean --all\n',
    good: 'FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0 \'wget>=1.21\' && zypper clean --all\n',
    notes:
      'Pinned: `=`, `<`, `>` (and `<=`, `>=`), `.rpm` files, paths and URLs. `zypper install -t pattern|patch|product` ' +
      'is skipped (those are not versioned packages) and the values of `-t`, `-r`/`--repo` and `--from` are not ' +
      'packages. Differences from hadolint 2.12: option values are not taken for packages; package words from ARG/ENV ' +
      'are checked with their value and run-time variables are not guessed at.',
  },
});
