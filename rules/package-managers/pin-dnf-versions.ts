import { definePinRule } from './definePinRule';

export default definePinRule({
  id: 'pin-dnf-versions',
  code: 'DL3041',
  tools: ['dnf', 'microdnf'],
  docs: {
    summary: 'Flags `dnf`/`microdnf install` of a package without a version (`httpd` instead of `httpd-2.4.62`), and `dnf module install` without a stream.',
    rationale:
      'An unversioned install takes the newest build in the enabled repositories, so rebuilds drift as the ' +
      'repositories are updated. Write `name-version` (or a module as `name:stream`) so each build installs the same thing.',
    bad: 'FROM fedora:41\nRUN dnf install -y httpd git && dnf clean all\n',
    good: 'FROM fedora:41\nRUN dnf install -y httpd-2.4.62 ./local.rpm \\\n && dnf module install -y nodejs:20 \\\n && dnf clean all\n',
    notes:
      'Covers `dnf`, `dnf5` and `microdnf`. Pinned: a `-` followed by a digit, `.rpm` files, paths and URLs, and ' +
      '`@group` names. Modules need `:stream`. Difference from hadolint 2.12: hadolint takes any dash for a version ' +
      '(`python3-pip` passes); here the part after the dash must start with a digit. Package words from ARG/ENV are ' +
      'checked with their value and run-time variables are not guessed at.',
  },
});
