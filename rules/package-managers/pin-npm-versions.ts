import { definePinRule } from './definePinRule';

export default definePinRule({
  id: 'pin-npm-versions',
  code: 'DL3016',
  tools: ['npm'],
  docs: {
    summary: 'Flags `npm install <package>` without a version (`typescript` instead of `typescript@5.6.3`).',
    rationale:
      'A package named without a version (or with a moving dist-tag such as `@latest`) installs whatever is newest when ' +
      'the image is built, so rebuilds drift. `npm install` (or `npm ci`) with no package names installs what ' +
      'package.json and the lockfile say, which is the repeatable way; for global tools, name the version.',
    bad: 'FROM node:22\nRUN npm install -g typescript pnpm@latest\n',
    good: 'FROM node:22\nCOPY package.json package-lock.json ./\nRUN npm ci && npm install -g typescript@5.6.3\n',
    notes:
      'Pinned: `pkg@version` or range (`@scope/pkg@^1.2`), git URLs with `#ref`, `user/repo#ref`, tarballs, URLs and ' +
      'folders. `npm install` with no packages is fine. Subcommands checked: `install` and its aliases (`i`, `add`, ' +
      '`isntall`, …). Differences from hadolint 2.12: the aliases are checked (hadolint only sees `install`); a dist-tag ' +
      '(`@latest`, `@next`) is not a version; `.`/`..` and `user/repo#ref` count as pinned; values of `--prefix`, ' +
      '`--registry` and similar options are not packages; run-time variables are not guessed at.',
  },
});
