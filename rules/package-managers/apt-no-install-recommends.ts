import { defineRule } from '../../src/engine';
import { hasAnyOption, optionValues } from '../../src/shell/packageManagers';
import { DEBIAN_DATA, debianRecommendsEstimate } from '../../src/sizes';
import { debianDataApplies, sizeSuffix } from '../size/estimates';
import { aptSettingsTracker } from './aptConfig';
import { insertArgument } from './fixEdits';
import { onEveryRun, toolCommands } from './toolCommands';

const FALSE = /^(0|false|no|off)$/i;

/**
 * Recommends that the named programs cannot work without, kept by the fix (issue 21 item 4), each with why:
 * - `ca-certificates`: a *recommends* of curl (through libcurl), wget, git, wget2, aria2, httpie, lftp, subversion
 *   and mercurial, which verify TLS servers against the system CA bundle. Without it `curl https://…` fails with
 *   exit 77 and `git clone https://…` with "server certificate verification failed".
 * - `libc6-dev`: a *recommends* of gcc and g++ (`libc6-dev | libc-dev`): the C library's headers and crt1.o. Without
 *   it every compile or link fails (`stdio.h: No such file`, `cannot find crt1.o`).
 * Other recommends are left to the user: git's `openssh-client` (only for ssh remotes), python3-pip's
 * `build-essential` (only to build wheels) cost more than they are usually needed.
 */
const NEEDED_RECOMMENDS: ReadonlyArray<readonly [ReadonlySet<string>, string]> = [
  [new Set(['curl', 'libcurl4', 'libcurl3-gnutls', 'libcurl4-openssl-dev', 'wget', 'wget2', 'git', 'aria2', 'httpie', 'lftp', 'subversion', 'mercurial']), 'ca-certificates'],
  [new Set(['gcc', 'g++', 'gcc-12', 'g++-12', 'gcc-13', 'g++-13', 'gcc-14', 'g++-14', 'cc', 'c++']), 'libc6-dev'],
];
const packageName = (operand: string): string => {
  // What `operand.split(/[=:/]/)[0]` is, without the array of every part.
  const end = operand.search(/[=:/]/);
  return end === -1 ? operand : operand.slice(0, end);
};
/** The recommends the fix names for these installs (so they are not part of what the fix saves). */
const neededRecommends = (names: readonly string[]): string[] =>
  NEEDED_RECOMMENDS.filter(([programs, needed]) => names.some((n) => programs.has(n)) && !names.includes(needed) && !(needed === 'libc6-dev' && names.includes('build-essential'))).map(([, needed]) => needed);

export default defineRule({
  meta: {
    id: 'apt-no-install-recommends',
    aliases: ['DL3015'],
    category: 'size',
    severity: 'info',
    fix: 'unsafe',
    docs: {
      summary: 'Flags `apt-get install` without `--no-install-recommends`.',
      rationale:
        'By default apt-get also installs every package the requested ones merely *recommend*: documentation, ' +
        'optional helpers, sometimes whole toolchains. They are rarely needed in an image and often double its size. ' +
        '`--no-install-recommends` installs what the packages depend on and nothing more.',
      bad: 'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y curl=7.88.1-10+deb12u8 \\\n && rm -rf /var/lib/apt/lists/*\n',
      good:
        'FROM debian:12\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 \\\n' +
        ' && apt-get install -y -o APT::Install-Recommends=false git=1:2.39.5-0+deb12u1 \\\n && rm -rf /var/lib/apt/lists/*\n',
      fixSafety:
        'Unsafe: inserts `--no-install-recommends` right after `install`. That changes which packages are installed: ' +
        'anything the image relied on that came in only as a recommendation (CA certificates, locales, a helper a ' +
        'script calls) is gone, and the image may fail at run time. When the install names a TLS client (curl, wget, ' +
        'git, wget2, aria2, httpie, lftp, subversion, mercurial, libcurl) and not `ca-certificates`, the fix also adds ' +
        '`ca-certificates` after the last package, since without it every https request fails certificate ' +
        'verification (curl exit 77); for gcc or g++ (without build-essential or libc6-dev) it adds `libc6-dev`, the C ' +
        'library headers and crt1.o without which every compile fails. Check what the other recommended packages were before applying it, and add the ' +
        'ones you need by name.',
      notes:
        'Accepted: `--no-install-recommends` before or after the subcommand, `--install-recommends=false`, ' +
        '`-o APT::Install-Recommends=false` (or `0`, `no`, `off`; key case-insensitive), and ' +
        '`APT::Install-Recommends "false";` written to apt\'s configuration by an earlier RUN of the stage or its base ' +
        'stages (or earlier in the same RUN). Severity info, as hadolint. Differences from hadolint 2.12: hadolint only ' +
        'accepts the exact `APT::Install-Recommends=false` and does not see configuration written by earlier RUNs.',
    },
  },
  create(context) {
    const apt = aptSettingsTracker(context);
    return onEveryRun(context, (run, state) => {
      for (const command of toolCommands(context, run, state)) {
        const { invocation } = command;
        if (invocation.tool !== 'apt-get' || invocation.subcommand !== 'install') continue;
        if (hasAnyOption(invocation.args, '--no-install-recommends')) continue;
        const values = [
          ...optionValues(invocation.args, '-o', '--option').map((v) => /^APT::Install-Recommends=(.*)$/i.exec(v)?.[1]),
          ...optionValues(invocation.args, '--install-recommends'),
        ];
        if (values.some((v) => v !== undefined && FALSE.test(v))) continue;
        if (apt.settingsAt(run, command.sourceStart).noRecommends) continue;
        const range = command.range(invocation.commandWord, invocation.subcommandWord!);
        const names = invocation.args.operands.map((w) => w.value);
        const kept = [...names, ...neededRecommends(names.map(packageName))];
        const estimate =
          debianDataApplies(context.model.stageOf(run)) && names.every((n) => !/[$*?[]/.test(n)) ? debianRecommendsEstimate(kept) : null;
        context.report({
          range,
          // When the data knows these packages recommend nothing, "also installs recommended packages (~0 B)" would be untrue.
          message:
            estimate?.bytes === 0
              ? `${invocation.name} install at line ${range.start.line + 1} would also install recommended packages (none for these packages in the ${DEBIAN_DATA.release} data); ` +
                'add `--no-install-recommends`.'
              : `${invocation.name} install at line ${range.start.line + 1} also installs recommended packages${sizeSuffix(estimate)}; ` +
                'add `--no-install-recommends`.',
          ...(estimate ? { estimate } : {}),
          fix: (f) => {
            const flag = insertArgument(f, context.ast, run, command, invocation.subcommandWord!, '--no-install-recommends');
            const operands = invocation.args.operands;
            const names = operands.flatMap((w) => command.expand(w) ?? [w.value]).map(packageName);
            const last = operands[operands.length - 1];
            const needed = neededRecommends(names);
            if (!flag || !last || needed.length === 0) return flag;
            // The recommends the programs need (the CA bundle of a TLS client, gcc's libc6-dev): named, so they stay.
            const named = insertArgument(f, context.ast, run, command, last, needed[0]!);
            if (!named) return null;
            // One insertion for all of them: in exec form each is its own array element.
            const text = run.execForm ? needed.map((n) => `, ${JSON.stringify(n)}`).join('') : ` ${needed.join(' ')}`;
            return [flag, { ...named, text }];
          },
        });
      }
    });
  },
});
