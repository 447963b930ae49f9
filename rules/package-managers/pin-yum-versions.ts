import { definePinRule } from './definePinRule';

export default definePinRule({
  id: 'pin-yum-versions',
  code: 'DL3033',
  tools: ['yum'],
  docs: {
    summary: 'Flags `yum install` of a package without a version (`httpd` instead of `httpd-2.4.57`), and `yum module install` without a stream.',
    rationale:
      'An unversioned `yum install` takes the newest build in the enabled repositories, so rebuilds drift as the ' +
      'repositories are updated. Write `name-version` (or a module as `name:stream`) so each build installs the same thing.',
    bad: 'FROM rockylinux:9\nRUN yum install -y httpd python3-pip && yum clean all\n',
    good: 'FROM rockylinux:9\nRUN yum install -y httpd-2.4.62 /tmp/local.rpm \\\n && yum module install -y nodejs:20 \\\n && yum clean all\n',
    notes:
      'Pinned: a `-` followed by a digit (`httpd-2.4.57`, `httpd-2.4*`), `.rpm` files, paths and URLs, and `@group` ' +
      'names (groups have no version). Modules need `:stream`. Difference from hadolint 2.12: hadolint takes any dash ' +
      'for a version, so `python3-pip` or `epel-release` pass; here the part after the dash must start with a digit. ' +
      'Package words from ARG/ENV are checked with their value and run-time variables are not guessed at.',
  },
});
