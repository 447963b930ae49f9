import { definePinRule } from './definePinRule';

export default definePinRule({
  id: 'pin-apt-versions',
  code: 'DL3008',
  tools: ['apt-get'],
  docs: {
    summary: 'Flags `apt-get install` of a package without a version (`curl` instead of `curl=7.88.1-10+deb12u5`).',
    rationale:
      'Without a version, `apt-get install` takes whatever the archive holds on the day of the build, so two builds of ' +
      'the same Dockerfile can ship different packages and a rebuild can break for reasons unrelated to your change. ' +
      'Pinning `pkg=version` (or a wildcard such as `pkg=7.88.*`) makes the result repeatable and the upgrade a visible edit.',
    bad: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl ca-certificates \\\n && rm -rf /var/lib/apt/lists/*\n',
    good:
      'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 ./vendor/tool.deb \\\n' +
      ' && rm -rf /var/lib/apt/lists/*\n',
    notes:
      'Pinned: `pkg=version` (wildcards allowed), `pkg/release` (as hadolint), local `.deb` files and paths. Values of ' +
      '`-t`/`-o`/`-c` are not packages; a simulated install (`-s`, `--simulate`, `--dry-run`) installs nothing and is not checked. One finding per command, ranged on the unpinned packages. Only `apt-get` is ' +
      'checked (`apt` is reported by prefer-apt-get). Commands behind `sudo`/`env` and in heredoc bodies and exec-form ' +
      'RUNs are checked; `sh -c \'…\'` strings are not looked into (as hadolint). Differences from hadolint 2.12: a ' +
      'package word from an ARG or ENV is checked with its value (`ARG PKGS="curl=7.88.1-10"` passes), and a variable ' +
      'whose value is only known at run time (undeclared, an ARG without default, a loop variable) is not guessed at, ' +
      'where hadolint flags every `$VAR`.',
  },
});
