import { definePinRule } from './definePinRule';

export default definePinRule({
  id: 'pin-apk-versions',
  code: 'DL3018',
  tools: ['apk'],
  docs: {
    summary: 'Flags `apk add` of a package without a version (`curl` instead of `curl=8.11.1-r0`).',
    rationale:
      'Alpine repositories move: an unpinned `apk add` installs a different build as soon as the branch is updated, so ' +
      'the same Dockerfile produces different images. Pin `pkg=version` (or a fuzzy `pkg~1.2`) to keep builds repeatable.',
    bad: 'FROM alpine:3.21\nRUN apk add --no-cache curl bash\n',
    good: 'FROM alpine:3.21\nRUN apk add --no-cache --virtual .build-deps curl=8.11.1-r0 \'bash~5.2\' ./local/tool.apk\n',
    notes:
      'Pinned: `=`, `~`, `<`, `>` constraints, `.apk` files and local paths. The `--virtual`/`-t` group name and ' +
      '`--repository`/`-X` URLs are not packages. Differences from hadolint 2.12: `pkg~1.2` and `pkg<2` count as ' +
      'pinned (hadolint only accepts `=`); package words from ARG/ENV are checked with their value and run-time ' +
      'variables are not guessed at.',
  },
});
