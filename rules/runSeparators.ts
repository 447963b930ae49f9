/**
 * Which instructions between two RUNs of a stage may move above the first one so the two can merge (chain-run, and
 * remove-in-same-layer merging a removal into the RUN that installed the package): the ones that cannot change what
 * either RUN runs or sees.
 */
import type { RuleContext } from '../src/engine';
import type { BuildState, Stage } from '../src/model';
import type { InstructionNode } from '../src/parse';
import { basename, effectiveArgv, parseScript, runScripts } from '../src/shell';
import { canonicalPath } from '../src/shell/packageManagers';

/** Image metadata: nothing a build step sees. */
const METADATA = new Set(['LABEL', 'EXPOSE', 'MAINTAINER', 'STOPSIGNAL']);

/**
 * Variables that programs read without a command naming them: the shell's and libc's own, locales and time zone,
 * proxies, apt/debconf, compilers and linkers, and the package managers and language toolchains that take settings
 * from the environment. An ENV or ARG setting one of these is never moved.
 */
const READ_IMPLICITLY =
  /^(PATH|HOME|USER|LOGNAME|SHELL|ENV|BASH_ENV|IFS|PWD|OLDPWD|CDPATH|TERM|TZ|TZDIR|LANG|LANGUAGE|LC_\w+|TMPDIR|TEMP|TMP|HOSTNAME|\w*_proxy|\w*_PROXY|DEBIAN_\w+|DEBCONF_\w+|APT_\w+|DPKG_\w+|LD_\w+|CC|CXX|CPP|FC|AR|AS|LD|NM|RANLIB|STRIP|\w*FLAGS|LIBS|MAKE\w*|PKG_CONFIG\w*|GO\w*|CGO_\w+|NODE\w*|NPM_\w+|npm_\w+|YARN_\w+|PNPM_\w+|COREPACK_\w+|PYTHON\w*|PIP_\w+|PIPENV_\w+|POETRY_\w+|UV_\w+|VIRTUAL_ENV|CONDA\w*|CARGO_\w+|RUSTUP_\w+|RUST\w*|JAVA\w*|JDK_\w+|_JAVA_OPTIONS|MAVEN_\w+|M2_HOME|GRADLE_\w+|GEM_\w+|BUNDLE\w*|RUBY\w*|PERL\w*|PHP\w*|COMPOSER_\w+|SSL_\w+|OPENSSL_\w+|CURL_\w+|WGETRC|GIT_\w+|DOCKER_\w+|BUILDKIT_\w+|DOTNET_\w+|NUGET_\w+|CMAKE_\w+|CCACHE_\w+|XDG_\w+|TARGET\w*|BUILD\w*)$/;

/**
 * Programs that read no variable of the environment beyond the ones their documentation lists (all in
 * READ_IMPLICITLY): file utilities, the distros' package managers, downloaders and archivers, user tools. An ENV or
 * ARG moves above a RUN only when it runs nothing else: a build tool, an interpreter, npm or a script may read any
 * name (`CYPRESS_INSTALL_BINARY`, `BOOT_JVM_OPTIONS`, `XDG_CACHE_HOME` for go's build cache).
 */
const READS_ONLY_KNOWN = new Set([
  'apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf', 'zypper', 'dpkg', 'rpm', 'update-ca-certificates', 'ldconfig',
  'mkdir', 'rmdir', 'rm', 'cp', 'mv', 'ln', 'touch', 'chmod', 'chown', 'chgrp', 'install', 'echo', 'printf', 'cat',
  'ls', 'true', 'false', 'test', '[', 'sed', 'grep', 'tee', 'head', 'tail', 'cut', 'tr', 'sort', 'uniq', 'wc',
  'sha256sum', 'sha512sum', 'md5sum', 'tar', 'gzip', 'gunzip', 'zcat', 'xz', 'unxz', 'bzip2', 'unzip', 'zip',
  'curl', 'wget', 'useradd', 'groupadd', 'usermod', 'adduser', 'addgroup', 'id', 'whoami', 'date', 'sleep',
]);

/** Whether every program `run` starts (command substitutions included, no wrapper such as `env` or `sudo`) is in READS_ONLY_KNOWN. */
function readsOnlyKnown(run: InstructionNode): boolean {
  if (run.execForm || run.heredocs.length > 0) return false;
  return runScripts(run).every((script) =>
    parseScript(script.text).allCommands.every((c) => {
      const word = c.argv[0];
      if (!word) return true;
      return word.literal !== false && c.argv.length === effectiveArgv(c).length && READS_ONLY_KNOWN.has(basename(word.value));
    }),
  );
}

/** Whether `text` names the variable (`$X`, `${X}`, `X=`, or the name in any other word). */
const names = (text: string, name: string): boolean =>
  new RegExp(`(?<![A-Za-z0-9_])${name.replace(/[^A-Za-z0-9_]/g, '\\$&')}(?![A-Za-z0-9_])`).test(text);

/** The text a RUN runs: its line (or exec-form words) and its heredoc bodies. */
const runText = (run: InstructionNode): string =>
  run.execForm ? run.execForm.join(' ') : [run.argsText.text, ...run.heredocs.map((h) => h.content)].join('\n');

/** Names whose value `inst` sets or changes (an ENV or ARG). */
function setNames(before: BuildState, after: BuildState): string[] {
  const changed: string[] = [];
  for (const [name, value] of after.env) if (!before.env.has(name) || value === null || before.env.get(name) !== value) changed.push(name);
  for (const [name, value] of after.args) if (!before.args.has(name) || value === null || before.args.get(name) !== value) changed.push(name);
  return changed;
}

/**
 * The instructions between `prev` and `next` (RUNs of one stage, in that order), when every one of them may move
 * above `prev` without changing what either RUN does; null when one may not (or when a RUN stands between). Harmless:
 * LABEL, EXPOSE, MAINTAINER, STOPSIGNAL; a WORKDIR that leaves the working directory as it was (for a directory
 * other than `/`, only when neither RUN names it: `rm -rf /app` before `WORKDIR /app` relies on it being made again);
 * an ENV or ARG whose variables neither RUN names and none of which a program reads on its own (see READ_IMPLICITLY),
 * when `prev` runs only programs that read no other variable (see READS_ONLY_KNOWN).
 */
export function harmlessSeparators(context: RuleContext, prev: InstructionNode, next: InstructionNode): InstructionNode[] | null {
  const stage = context.model.stageOf(prev);
  if (!stage || context.model.stageOf(next) !== stage) return null;
  const between = instructionsBetween(stage, prev, next);
  const texts = [runText(prev), runText(next)];
  for (const inst of between) {
    if (METADATA.has(inst.keyword)) continue;
    const after = instructionAfter(stage, inst);
    if (!after) return null;
    const was = context.stateBefore(inst);
    const is = context.stateBefore(after);
    if (inst.keyword === 'WORKDIR') {
      const dir = canonicalPath(was.workdir, '/');
      if (dir !== canonicalPath(is.workdir, '/')) return null;
      if (dir !== '/' && texts.some((t) => t.includes(dir))) return null;
      continue;
    }
    if (inst.keyword === 'ENV' || inst.keyword === 'ARG') {
      const set = setNames(was, is);
      if (set.length === 0) continue;
      // Moved above `prev`, the variables reach its commands, which did not see them before.
      if (!readsOnlyKnown(prev)) return null;
      if (set.some((n) => READ_IMPLICITLY.test(n) || texts.some((t) => names(t, n)))) return null;
      continue;
    }
    return null;
  }
  return between;
}

/** The keywords `harmlessSeparators` may accept, for rules that track a run of RUNs instruction by instruction. */
export const MAYBE_HARMLESS = new Set([...METADATA, 'WORKDIR', 'ENV', 'ARG']);

/**
 * The instructions of `stage` after `first` and before `last`, found by binary search on their positions: a filter
 * over the whole stage for every pair of RUNs made a stage of 4,000 RUNs cost 16 million visits.
 */
export function instructionsBetween(stage: Stage, first: InstructionNode, last: InstructionNode): InstructionNode[] {
  return stage.instructions.slice(firstAfter(stage.instructions, first.index), firstAfter(stage.instructions, last.index - 1));
}

/** The instruction of `stage` right after `inst`, if any. */
export const instructionAfter = (stage: Stage, inst: InstructionNode): InstructionNode | undefined =>
  stage.instructions[positionAfter(stage, inst)];

/** Where in `stage.instructions` the instructions after `inst` start. */
export const positionAfter = (stage: Stage, inst: InstructionNode): number => firstAfter(stage.instructions, inst.index);

/** Where the first instruction placed after position `index` is in `list` (in file order). */
function firstAfter(list: readonly InstructionNode[], index: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.index <= index) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
