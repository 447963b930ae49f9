import { defineRule, fixer, fixOrDeclined } from '../src/engine';
import { aptListsEstimate } from '../src/sizes';
import { debianDataApplies, sizeSuffix } from './size/estimates';
import { type BuildState, finalImageStages } from '../src/model';
import type { InstructionNode } from '../src/parse';
import { effectiveArgv, isPosixShell, runCommands, type ShellScript, type SimpleCommand } from '../src/shell';
import {
  cacheDirs,
  cleanedDirs,
  cleansFor,
  covers,
  deletedDir,
  deletedOperands,
  displayPath,
  explicitCacheDir,
  hasOption,
  type ManagerCommand,
  managerCommand,
  type ManagerId,
  scratchMountTargets,
} from '../src/shell/packageManagers';
import { cleanupFix } from './cleanPackageCacheFix';
import { stageOrigin } from './shell-commands/busyboxStage';
import { parseImageRef } from '../src/model/imageRef';

/** pip disables its cache for any value its strtobool accepts, `0`/`false` included (kept for backwards compatibility). */
const PIP_BOOL = /^(y|yes|t|true|on|1|n|no|f|false|off|0)$/i;


interface Located {
  readonly command: SimpleCommand;
  readonly script: ShellScript;
  readonly argv: ReturnType<typeof effectiveArgv>;
  readonly manager: ManagerCommand | null;
}

/** The directories whose leftovers this rule reports for an install command. */
function reportedDirs(cmd: ManagerCommand, cwd: string): readonly string[] {
  const explicit = explicitCacheDir(cmd, cwd);
  if (explicit) return [explicit];
  // apt-get update writes the index lists; Debian/Ubuntu images already drop downloaded .debs (docker-clean).
  if (cmd.manager === 'apt') return ['/var/lib/apt/lists'];
  return cacheDirs(cmd.manager);
}

/**
 * Where `yum`/`dnf` keep their cache on an image whose `yum` is dnf: Fedora 22+, RHEL/UBI, CentOS (Stream), Rocky,
 * Alma and Oracle Linux 8+, Amazon Linux 2023 (yum is a link to dnf-3 there, which uses /var/cache/dnf), and dnf5's
 * /var/cache/libdnf5 on Fedora 41+. Null when the image is not one of these (CentOS 7 and Amazon Linux 2 run the
 * real yum and its /var/cache/yum) or is not known.
 */
export function dnfCacheDir(image: string | null): string | null {
  if (image === null) return null;
  const { repository, tag } = parseImageRef(image);
  const parts = repository.toLowerCase().split('/');
  const name = parts[parts.length - 1]!;
  const major = (t: string | null): number | null => (t !== null && /^\d+/.test(t) ? Number(/^\d+/.exec(t)![0]) : null);
  const v = major(tag);
  if (name === 'fedora') {
    if (v === null) return tag === null || /^(latest|rawhide)$/.test(tag) ? '/var/cache/libdnf5' : null;
    return v >= 41 ? '/var/cache/libdnf5' : v >= 22 ? '/var/cache/dnf' : null;
  }
  if (name === 'amazonlinux') return tag === null || tag === 'latest' || v === 2023 ? '/var/cache/dnf' : null;
  if (name === 'rockylinux' || name === 'almalinux') return '/var/cache/dnf';
  if (name === 'oraclelinux') return v !== null && v >= 8 ? '/var/cache/dnf' : null;
  if (name === 'centos') return (v !== null && v >= 8) || /^stream\d/.test(tag ?? '') ? '/var/cache/dnf' : null;
  // registry.access.redhat.com/ubi9/ubi, redhat/ubi8, registry.redhat.io/rhel9/…: the version is in the path.
  const rh = parts.map((p) => /^(?:ubi|rhel)(\d+)(?:$|-)/.exec(p)).find((m) => m !== null);
  return rh && Number(rh[1]) >= 8 ? '/var/cache/dnf' : null;
}

function advice(cmd: ManagerCommand): string {
  switch (cmd.manager) {
    case 'apt':
      return 'add `&& rm -rf /var/lib/apt/lists/*` to the same RUN';
    case 'apk':
      return 'use `apk add --no-cache`';
    case 'yum':
    case 'dnf':
    case 'microdnf':
      return `add \`&& ${cmd.tool} clean all\` to the same RUN`;
    case 'zypper':
      return 'add `&& zypper clean --all` to the same RUN';
    case 'pip':
      return `use \`${cmd.tool} install --no-cache-dir\` (or set PIP_NO_CACHE_DIR=1)`;
    case 'npm':
      return 'add `&& npm cache clean --force` to the same RUN';
    case 'yarn':
      return 'add `&& yarn cache clean` to the same RUN';
  }
}

const pipCacheDisabled = (value: string | null | undefined): boolean | undefined =>
  value === undefined ? undefined : value === null ? true : PIP_BOOL.test(value.trim());

/** hadolint's code for each manager's missing cleanup (npm has none). */
const HADOLINT_CODE: Partial<Record<ManagerId, string>> = {
  apt: 'DL3009',
  apk: 'DL3019',
  yum: 'DL3032',
  zypper: 'DL3036',
  dnf: 'DL3040',
  microdnf: 'DL3040',
  pip: 'DL3042',
  yarn: 'DL3060',
};

export default defineRule({
  meta: {
    id: 'clean-package-cache',
    aliases: ['DL3009', 'DL3019', 'DL3032', 'DL3036', 'DL3040', 'DL3042', 'DL3060'],
    category: 'size',
    severity: 'warning',
    fix: 'unsafe',
    docs: {
      summary:
        'Flags a package-manager install whose cache or index lists stay in the layer: apt, apk, yum, dnf, microdnf, zypper, pip, npm and yarn.',
      rationale:
        'A RUN that installs packages also writes the downloaded archives and index lists (`/var/lib/apt/lists`, ' +
        '`/var/cache/apk`, `/var/cache/yum`, `~/.cache/pip`, `~/.npm`, …). Nothing at run time needs them, yet they are ' +
        'committed with the layer, often tens of megabytes. Deleting them in a later RUN does not help, because the ' +
        'earlier layer still holds them: clean up in the same RUN, use the manager\'s no-cache option, or put the cache ' +
        'on a BuildKit cache mount.',
      bad:
        'FROM debian:12\n' +
        'RUN apt-get update && apt-get install -y --no-install-recommends curl\n' +
        'RUN pip install requests==2.32.3\n',
      good:
        'FROM debian:12\n' +
        'RUN apt-get update \\\n' +
        '    && apt-get install -y --no-install-recommends curl \\\n' +
        '    && rm -rf /var/lib/apt/lists/*\n' +
        'RUN --mount=type=cache,target=/root/.cache/pip pip install requests==2.32.3\n' +
        'RUN apk add --no-cache git\n',
      fixSafety:
        'Unsafe (applied with `--unsafe`): it adds to the commands the RUN executes and removes files from the layer, ' +
        'and dfopt\'s safe fixes never do either. It is low-risk: the cleanup goes into the same RUN, right after the ' +
        'install, and only removes what the layer would ' +
        'otherwise keep as a leftover. apt: ` && rm -rf /var/lib/apt/lists/*` after the last apt command of the RUN; ' +
        'apk: `--no-cache` after `add`; pip: `--no-cache-dir` after `install`; yum/dnf/microdnf: ` && yum clean all` ' +
        '(with the tool as written); zypper: ` && zypper clean --all`; npm: ` && npm cache clean --force`. The cleanup ' +
        'joins with `&&` inside an `&&` chain or at the end of the script, with `;` (or a new line in a heredoc body) ' +
        'where `&&` would change which failure stops the script. A later `rm -rf /var/lib/apt/lists/*` of the stage that ' +
        'would then delete nothing goes (the command with its `&&`, or its RUN when it ran nothing else), so the ' +
        'cleanup moves into the RUN that filled the lists; it stays when an instruction between may fill them again ' +
        '(an apt command other than a removal or clean, a command naming /var/lib/apt, COPY, ADD, VOLUME, USER, SHELL). No fix when it could change anything else: when a ' +
        'later RUN of the stage, a stage built FROM it or an ONBUILD trigger uses what is removed (apt ' +
        'installing without `apt-get update` first, while `apt-get remove`, `purge`, `autoremove` and `clean` work ' +
        'from dpkg\'s status and need no lists; apk without an index of its own, zypper at all, npm `--offline`, yum/dnf `-C`); when ' +
        'the install runs behind sudo/env or as a non-root USER (the cleanup would run as someone else, or fail); when ' +
        'a mount covers the directory; when the command sits inside `if`/`for`/a subshell/a pipeline, or the rest ' +
        'of the RUN mentions the tool again in a way we do not parse (`sh -c`, `$(…)`); for pip on base images whose ' +
        'pip predates `--no-cache-dir` (Ubuntu 14.04, Debian 8, CentOS 6); and never for yarn, because Yarn 2+ keeps ' +
        'a Plug\'n\'Play install\'s packages in its cache and `yarn cache clean` could break the app. Comments, ' +
        'continuations and line endings are kept.',
      notes:
        'One finding per install command, ranged on that command; the cleanup must come after it in the same RUN ' +
        '(heredoc bodies count). Accepted cleanups: apt — `rm -rf /var/lib/apt/lists/*` (only `apt-get update` is ' +
        'flagged, since it is what writes the lists; official Debian/Ubuntu images already delete downloaded .debs); ' +
        'apk — `--no-cache` or removing /var/cache/apk; yum/dnf — `yum|dnf clean …` or removing /var/cache/yum|dnf, ' +
        'microdnf — `microdnf clean …` or the same removal; zypper — `zypper clean|cc`; pip — `--no-cache-dir`, ' +
        '`PIP_NO_CACHE_DIR` (ENV, ARG, inline or exported), `pip cache purge`; npm — `npm cache clean --force` or removing ' +
        '~/.npm; yarn — `yarn cache clean`. A `--mount=type=cache` or `type=tmpfs` covering the cache directory means ' +
        'nothing is left. The message names the directory of the image\'s real manager: /var/cache/dnf for `yum` on ' +
        'images whose yum is dnf (Fedora 22+, RHEL/UBI, CentOS, Rocky, Alma and Oracle Linux 8+, CentOS Stream, Amazon ' +
        'Linux 2023), /var/cache/libdnf5 on Fedora 41+ (dnf5); `yum clean all` is right on all of them. Stages whose layers do not reach the final image (builder stages only used through ' +
        '`COPY --from`, unused stages) are not checked: hadolint 2.12 does the same for DL3009 and DL3060 but reports ' +
        'DL3019/DL3032/DL3036/DL3040/DL3042 in every stage. ONBUILD RUN is checked like RUN. Non-POSIX SHELL stages ' +
        'and exec-form RUN are skipped. Deliberate differences from hadolint 2.12: `PIP_NO_CACHE_DIR=0` (or `false`) ' +
        'counts as disabling the cache, because pip disables it for any boolean value; a cleanup placed before the ' +
        'install does not count; commands behind `sudo`/`env` and `apt update` (not only `apt-get update`) are checked; ' +
        '`yarn` with no subcommand counts as `yarn install`; npm (no hadolint code) is checked. ' +
        'Severity is warning for every manager (hadolint uses info for some, warning for others): a leftover cache is ' +
        'the same measurable waste whichever tool wrote it, and one rule has one default level.',
    },
  },
  create(context) {
    const shipped = new Set(finalImageStages(context.model));

    const check = (run: InstructionNode, state: BuildState, holder: InstructionNode): void => {
      if (!isPosixShell(state.shell)) return;
      // Only an install is reported: a RUN without one (most of them) needs none of what follows.
      const all = runCommands(run);
      let installs = false;
      for (let k = 0; k < all.length && !installs; k++) installs = managerCommand(effectiveArgv(all[k]!.command))?.action === 'install';
      if (!installs) return;
      const mounts = scratchMountTargets(run, state.workdir);
      const commands: Located[] = all.map(({ command, script }) => {
        const argv = effectiveArgv(command);
        return { command, script, argv, manager: managerCommand(argv) };
      });
      const stateValue = (name: string): string | null | undefined =>
        state.env.has(name) ? state.env.get(name) : state.args.get(name);
      let pipDisabled = pipCacheDisabled(stateValue('PIP_NO_CACHE_DIR')) ?? false;

      commands.forEach((located, i) => {
        const { command, script, argv, manager } = located;
        if (argv[0]?.value === 'export') {
          for (const w of argv.slice(1)) {
            const m = /^PIP_NO_CACHE_DIR=(.*)$/s.exec(w.value);
            if (m) pipDisabled = pipCacheDisabled(m[1]) ?? pipDisabled;
          }
        }
        if (!manager || manager.action !== 'install') return;
        if (manager.manager === 'apk' && hasOption(argv, '--no-cache')) return;
        // --no-network fetches nothing itself: an index in the layer can only come from an earlier apk command of this
        // RUN that may fetch (issue 19 hand check, docs/precision/hand-check-2026-12-05.md row 15).
        if (manager.manager === 'apk' && hasOption(argv, '--no-network')) {
          const fetchedBefore = commands.slice(0, i).some((o) =>
            o.manager?.manager === 'apk' && !hasOption(o.argv, '--no-cache') && !hasOption(o.argv, '--no-network'));
          if (!fetchedBefore) return;
        }
        if (manager.manager === 'pip') {
          if (hasOption(argv, '--no-cache-dir') || pipDisabled) return;
          const inline = [...command.assignments, ...command.argv].find((w) => w.value.startsWith('PIP_NO_CACHE_DIR='));
          if (inline && pipCacheDisabled(inline.value.slice('PIP_NO_CACHE_DIR='.length))) return;
        }
        let dirs = reportedDirs(manager, state.workdir);
        if ((manager.manager === 'yum' || manager.manager === 'dnf') && !explicitCacheDir(manager, state.workdir)) {
          const dnfDir = dnfCacheDir(stageOrigin(context, run).image);
          if (dnfDir) dirs = [dnfDir, ...dirs.filter((d) => d !== dnfDir)];
        }
        const mounted = (dir: string): boolean =>
          mounts.some((t) => covers(t, dir) || (manager.manager === 'yarn' && /yarn/.test(t)));
        if (dirs.some(mounted)) return;
        const later = commands.slice(i + 1);
        const cleaned = later.some((other) => {
          if (other.manager && cleansFor(other.manager, manager)) {
            if (cleanedDirs(other.manager).some((d) => dirs.some((dir) => covers(d, dir) || covers(dir, d)))) return true;
          }
          const operands = deletedOperands(other.argv) ?? findDeleteRoots(other.argv);
          return (operands ?? []).some((w) => {
            const d = deletedDir(w.value, state.workdir);
            return d !== null && d !== '/' && dirs.some((dir) => covers(d, dir) || covers(dir, d));
          });
        });
        if (cleaned) return;

        const source = context.ast.source;
        const range = source.range(script.toSource(command.start), script.toSource(command.end - 1) + 1);
        const name = manager.subcommand ? `${manager.tool} ${manager.subcommand}` : manager.tool;
        const what = manager.manager === 'apt' ? '' : manager.manager === 'apk' ? 'its index cache in ' : 'its cache in ';
        const where = displayPath(dirs[0]!, state.user);
        const estimate = manager.manager === 'apt' && debianDataApplies(context.model.stageOf(run)) ? aptListsEstimate(run.range.start.line + 1) : null;
        context.report({
          range,
          code: HADOLINT_CODE[manager.manager] ?? [],
          message: `${name} at line ${range.start.line + 1} leaves ${what}${where}${sizeSuffix(estimate)} in the layer; ${advice(manager)}.`,
          ...(estimate ? { estimate } : {}),
          ...fixOrDeclined(cleanupFix(fixer, { context, run, holder, state, commands, index: i })),
        });
      });
    };

    return {
      RUN(run) {
        const stage = context.model.stageOf(run);
        if (stage && shipped.has(stage)) check(run, context.stateBefore(run), run);
      },
      ONBUILD(onbuild) {
        const stage = context.model.stageOf(onbuild);
        if (onbuild.trigger?.keyword === 'RUN' && stage && shipped.has(stage)) check(onbuild.trigger, context.stateBefore(onbuild), onbuild);
      },
    };
  },
});

/** `find DIR … -delete` or `find DIR … -exec rm …`: the roots it searches, treated as cleaned. */
function findDeleteRoots(argv: ReturnType<typeof effectiveArgv>): ReturnType<typeof effectiveArgv> | null {
  if (argv[0]?.value !== 'find') return null;
  const deletes = argv.some((w, i) => w.value === '-delete' || (w.value === '-exec' && /(^|\/)rm$/.test(argv[i + 1]?.value ?? '')));
  if (!deletes) return null;
  const roots = [];
  for (const w of argv.slice(1)) {
    if (w.value.startsWith('-') || w.value === '(' || w.value === '!') break;
    roots.push(w);
  }
  return roots;
}

