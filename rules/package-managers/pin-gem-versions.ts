import { definePinRule } from './definePinRule';

export default definePinRule({
  id: 'pin-gem-versions',
  code: 'DL3028',
  tools: ['gem'],
  docs: {
    summary: 'Flags `gem install` of a gem without a version (`rails` instead of `rails:7.2.2` or `-v 7.2.2`).',
    rationale:
      'Without a version, `gem install` fetches the newest release at build time, so rebuilding the same Dockerfile ' +
      'can pull in a new major version. Name the version (`gem:version` or `-v`), or install from a Gemfile.lock with Bundler.',
    bad: 'FROM ruby:3.3\nRUN gem install rails bundler\n',
    good: 'FROM ruby:3.3\nRUN gem install rails:7.2.2 \\\n && gem install bundler -v 2.5.23 --no-document\n',
    notes:
      'Pinned: `gem:version`, `-v`/`--version` (for the whole command), local `.gem` files and paths. Values of ' +
      '`--install-dir`, `--source`, `--platform` and similar options are not gems. Differences from hadolint 2.12: ' +
      'local `.gem` files count as pinned and option values are not taken for gems.',
  },
});
