/**
 * What the size rules need to know about package managers: which commands install (and leave a cache or index
 * behind), which commands clean, which packages a command adds or removes, and where each manager keeps its cache.
 * Paths under a home directory are written `~/…` (see `canonicalPath`), so `/root/.npm`, `/home/node/.npm` and
 * `$HOME/.npm` compare equal.
 */
import { mountOptions } from '../model/semanticModel';
import type { InstructionNode } from '../parse';
import { exactSize } from '../parse/exactSize';
import { memoOnObject, objectMemoKey } from '../parse/memo';
import { basename, type ShellWord } from './splitCommands';

export type ManagerId = 'apt' | 'apk' | 'yum' | 'dnf' | 'microdnf' | 'zypper' | 'pip' | 'npm' | 'yarn';

/** Managers whose installed packages share one database (apt-get installs, apt purges). */
export type PackageFamily = 'deb' | 'apk' | 'rpm' | 'zypp';

export interface ManagerCommand {
  readonly manager: ManagerId;
  /** How it was invoked, for messages: `apt-get`, `pip3`, `python3 -m pip`. */
  readonly tool: string;
  /** The subcommand as written (`install`, `in`, `ci`), or '' for a bare `yarn`. */
  readonly subcommand: string;
  /**
   * `install`: downloads packages or indexes and leaves a cache; `clean`: removes the cache; `remove`: uninstalls
   * packages; `other`: anything else.
   */
  readonly action: 'install' | 'clean' | 'remove' | 'other';
  /** Words after the subcommand. */
  readonly args: readonly ShellWord[];
}

/** Where a manager's download cache or index lives, canonical (`~` = the user's home). The first is shown in messages. */
const CACHE_DIRS: Record<ManagerId, readonly string[]> = {
  apt: ['/var/lib/apt/lists', '/var/cache/apt'],
  apk: ['/var/cache/apk'],
  yum: ['/var/cache/yum', '/var/cache/dnf'],
  dnf: ['/var/cache/dnf', '/var/cache/yum', '/var/cache/libdnf5'],
  microdnf: ['/var/cache/yum', '/var/cache/dnf'],
  zypper: ['/var/cache/zypp'],
  pip: ['~/.cache/pip'],
  npm: ['~/.npm'],
  yarn: ['/usr/local/share/.cache/yarn', '~/.cache/yarn', '~/.yarn/berry/cache'],
};

export const HADOLINT_CODE: Record<ManagerId, string | null> = {
  apt: 'DL3009',
  apk: 'DL3019',
  yum: 'DL3032',
  dnf: 'DL3040',
  microdnf: 'DL3040',
  zypper: 'DL3036',
  pip: 'DL3042',
  npm: null,
  yarn: 'DL3060',
};

export function cacheDirs(manager: ManagerId): readonly string[] {
  return CACHE_DIRS[manager];
}

const PACKAGE_FAMILY: Partial<Record<ManagerId, PackageFamily>> = {
  apt: 'deb',
  apk: 'apk',
  yum: 'rpm',
  dnf: 'rpm',
  microdnf: 'rpm',
  zypper: 'zypp',
};

export const packageFamily = (manager: ManagerId): PackageFamily | undefined => PACKAGE_FAMILY[manager];

/** Options that take a separate value, per manager, so the subcommand is found after them. */
const VALUE_OPTIONS: Partial<Record<ManagerId, ReadonlySet<string>>> = {
  apt: new Set(['-o', '-c', '-t', '--option', '--config-file', '--target-release', '--default-release']),
  apk: new Set(['-X', '--repository', '-p', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file', '-t', '--virtual']),
  yum: new Set(['-c', '--config', '-d', '--debuglevel', '-e', '--errorlevel', '-x', '--exclude', '--enablerepo', '--disablerepo', '--installroot', '--releasever', '--setopt', '--repo', '--repoid', '--nogpgcheck-x']),
  zypper: new Set(['-c', '--config', '-R', '--root', '-D', '--reposd-dir', '-C', '--cache-dir', '--raw-cache-dir', '--solv-cache-dir', '--pkg-cache-dir']),
  pip: new Set(['--cache-dir', '--log', '--proxy', '--retries', '--timeout', '--exists-action', '--trusted-host', '--cert', '--client-cert', '--python']),
  npm: new Set(['--prefix', '-C', '--cache', '--registry', '--loglevel', '-w', '--workspace']),
  yarn: new Set(['--cwd', '--cache-folder', '--modules-folder', '--registry', '--network-timeout', '--mutex']),
};
VALUE_OPTIONS.dnf = VALUE_OPTIONS.yum;
VALUE_OPTIONS.microdnf = VALUE_OPTIONS.yum;

const INSTALL: Record<ManagerId, ReadonlySet<string>> = {
  // apt-get install without a prior update reuses lists from an earlier layer; only `update` writes new lists.
  apt: new Set(['update']),
  apk: new Set(['add']),
  // Upgrades are left alone, as hadolint does: the install commands are where the advice is expected.
  yum: new Set(['install', 'groupinstall', 'localinstall', 'reinstall']),
  dnf: new Set(['install', 'groupinstall', 'localinstall', 'reinstall', 'builddep']),
  microdnf: new Set(['install', 'reinstall']),
  zypper: new Set(['install', 'in', 'source-install', 'si']),
  pip: new Set(['install', 'download', 'wheel']),
  npm: new Set(['install', 'i', 'in', 'ci', 'add', 'isntall', 'update', 'up', 'upgrade', 'install-clean', 'clean-install']),
  yarn: new Set(['install', '']),
};

/** Subcommands that download packages into a cache without necessarily being the index refresh (apt only). */
const APT_DOWNLOADS = new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'reinstall']);

const REMOVE: Partial<Record<ManagerId, ReadonlySet<string>>> = {
  apt: new Set(['remove', 'purge']),
  apk: new Set(['del']),
  yum: new Set(['remove', 'erase']),
  dnf: new Set(['remove', 'erase']),
  microdnf: new Set(['remove']),
  zypper: new Set(['remove', 'rm']),
};

const PYTHON = /^python(\d+(\.\d+)?)?$/;
const PIP = /^pip(\d+(\.\d+)?)?$/;

/** Recognises a package-manager invocation in an (effective) argv. */
export function managerCommand(argv: readonly ShellWord[]): ManagerCommand | null {
  // A dozen rules ask about every command of every RUN: recognised once per word list (the lists live as long as the
  // parsed script, which parseScript keeps across the lint, fix and fix --unsafe of one text).
  return argv.length === 0 ? null : memoOnObject(argv, MANAGER_COMMAND, managerCommandOf);
}

const MANAGER_COMMAND = objectMemoKey('managerCommand');

function managerCommandOf(argv: readonly ShellWord[]): ManagerCommand | null {
  const first = argv[0];
  if (!first) return null;
  const exe = basename(first.value);
  let manager: ManagerId | null = null;
  let tool = exe;
  let rest = argv.slice(1);
  if (exe === 'apt-get' || exe === 'apt' || exe === 'aptitude') manager = 'apt';
  else if (exe === 'apk') manager = 'apk';
  else if (exe === 'yum') manager = 'yum';
  else if (exe === 'dnf' || exe === 'dnf5' || exe === 'dnf-3') manager = 'dnf';
  else if (exe === 'microdnf') manager = 'microdnf';
  else if (exe === 'zypper') manager = 'zypper';
  else if (PIP.test(exe)) manager = 'pip';
  else if (exe === 'npm') manager = 'npm';
  else if (exe === 'yarn' || exe === 'yarnpkg') manager = 'yarn';
  else if (PYTHON.test(exe)) {
    // python -m pip …, python3 -m pip …
    const m = rest.findIndex((w) => w.value === '-m' || w.value === '-mpip');
    if (m === -1) return null;
    const modIsPip = rest[m]!.value === '-mpip' || rest[m + 1]?.value === 'pip';
    if (!modIsPip || rest.slice(0, m).some((w) => !w.value.startsWith('-'))) return null;
    manager = 'pip';
    tool = `${exe} -m pip`;
    rest = rest.slice(rest[m]!.value === '-mpip' ? m + 1 : m + 2);
  }
  if (!manager) return null;

  const valueOptions = VALUE_OPTIONS[manager] ?? new Set<string>();
  let i = 0;
  while (i < rest.length && rest[i]!.value.startsWith('-')) {
    const v = rest[i]!.value;
    i += valueOptions.has(v) ? 2 : 1;
  }
  const sub = rest[i];
  const subcommand = sub?.value ?? '';
  const args = sub ? rest.slice(i + 1) : [];
  // A bare `yarn` (flags only) is `yarn install`, unless a flag only prints something (`yarn --version`).
  if (manager === 'yarn' && !sub) {
    const printsOnly = rest.some((w) => YARN_PRINT_ONLY.has(w.value));
    return { manager, tool, subcommand: '', action: printsOnly ? 'other' : 'install', args: rest };
  }
  if (!sub) return null;

  let action: ManagerCommand['action'] = 'other';
  if (INSTALL[manager].has(subcommand)) action = 'install';
  else if (REMOVE[manager]?.has(subcommand)) action = 'remove';
  else if (isClean(manager, subcommand, args)) action = 'clean';
  else if (manager === 'apt' && APT_DOWNLOADS.has(subcommand)) action = 'other';
  return { manager, tool, subcommand, action, args };
}

const YARN_PRINT_ONLY = new Set(['--version', '-v', '-V', '--help', '-h']);

function isClean(manager: ManagerId, subcommand: string, args: readonly ShellWord[]): boolean {
  switch (manager) {
    case 'apt':
      // `dist-clean` (apt 2.7+) also empties /var/lib/apt/lists.
      return subcommand === 'clean' || subcommand === 'autoclean' || subcommand === 'dist-clean';
    case 'yum':
    case 'dnf':
    case 'microdnf':
      // hadolint accepts any `clean <what>`; so do we (a partial clean is still an attempt in the same layer).
      return subcommand === 'clean';
    case 'zypper':
      return subcommand === 'clean' || subcommand === 'cc';
    case 'apk':
      return subcommand === 'cache' && ['clean', 'purge'].includes(args[0]?.value ?? '');
    case 'pip':
      return subcommand === 'cache' && ['purge', 'remove'].includes(args[0]?.value ?? '');
    case 'npm':
      return subcommand === 'cache' && ['clean', 'clear', 'rm'].includes(args[0]?.value ?? '');
    case 'yarn':
      return subcommand === 'cache' && args[0]?.value === 'clean';
  }
}

/** True when `apt-get install`-like commands download .deb files into /var/cache/apt (for the later-delete rule). */
export function downloadsPackages(cmd: ManagerCommand): boolean {
  if (cmd.action === 'install') return true;
  return cmd.manager === 'apt' && APT_DOWNLOADS.has(cmd.subcommand);
}

/** Whether `cleaner` (a clean command) cleans what `installer` left: same tool family (yum and dnf are one tool now). */
export function cleansFor(cleaner: ManagerCommand, installer: ManagerCommand): boolean {
  if (cleaner.action !== 'clean') return false;
  if (cleaner.manager === installer.manager) return true;
  const rpm = new Set<ManagerId>(['yum', 'dnf']);
  return rpm.has(cleaner.manager) && rpm.has(installer.manager);
}

/** The cache directories a clean command removes (canonical paths). */
export function cleanedDirs(cmd: ManagerCommand): readonly string[] {
  if (cmd.action !== 'clean') return [];
  if (cmd.manager === 'apt') return cmd.subcommand === 'dist-clean' ? ['/var/cache/apt', '/var/lib/apt/lists'] : ['/var/cache/apt'];
  return CACHE_DIRS[cmd.manager];
}

/** The `--flag` value of an option written `--flag=v` or `--flag v`. */
function optionValue(args: readonly ShellWord[], names: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    for (const name of names) {
      if (v === name) return args[i + 1]?.value;
      if (v.startsWith(`${name}=`)) return v.slice(name.length + 1);
    }
  }
  return undefined;
}

export const hasOption = (args: readonly ShellWord[], ...names: string[]): boolean =>
  args.some((w) => names.some((n) => w.value === n || w.value.startsWith(`${n}=`)));

/** Cache directory the command itself names (`npm ci --cache DIR`, `pip --cache-dir DIR`), canonical. */
export function explicitCacheDir(cmd: ManagerCommand, cwd: string): string | undefined {
  const names = cmd.manager === 'npm' ? ['--cache'] : cmd.manager === 'pip' ? ['--cache-dir'] : cmd.manager === 'yarn' ? ['--cache-folder'] : [];
  const value = names.length > 0 ? optionValue(cmd.args, names) : undefined;
  return value === undefined || value.includes('$') ? undefined : canonicalPath(value, cwd);
}

const NO_OPTIONS: ReadonlySet<string> = new Set();

/** Where `=`, `<`, `>` or `~` first occurs in `v` (a version constraint starts), or its length. */
function versionStart(v: string): number {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 61 || c === 60 || c === 62 || c === 126) return i;
  }
  return v.length;
}

/** Package names a command installs or removes (versions and options stripped), for matching a later removal. */
export function packageNames(cmd: ManagerCommand): readonly string[] {
  // Several rules ask about every install of every lint; the command lives as long as its parsed script (managerCommand).
  return memoOnObject(cmd, PACKAGE_NAMES, packageNamesOf);
}

const PACKAGE_NAMES = objectMemoKey('packageNames');

function packageNamesOf(cmd: ManagerCommand): readonly string[] {
  const valueOptions = VALUE_OPTIONS[cmd.manager] ?? NO_OPTIONS;
  const names: string[] = [];
  for (let i = 0; i < cmd.args.length; i++) {
    const v = cmd.args[i]!.value;
    if (v === '--virtual' || v === '-t') {
      // apk add --virtual .build-deps …: the group name is what `apk del` removes.
      const group = cmd.args[i + 1]?.value;
      if (group) names.push(group);
      i++;
      continue;
    }
    if (v.startsWith('--virtual=')) {
      names.push(v.slice('--virtual='.length));
      continue;
    }
    if (v.startsWith('-')) {
      if (valueOptions.has(v)) i++;
      continue;
    }
    if (v.includes('$') || v.includes('/') || v.includes('*')) continue;
    // What `v.split(/[=<>~]/)[0]` is, without the array of every part.
    const name = v.slice(0, versionStart(v));
    if (name) names.push(name);
  }
  return names;
}

/** `--mount=type=cache|tmpfs,target=…` targets of a RUN, canonical. */
export function scratchMountTargets(run: InstructionNode, cwd = '/'): string[] {
  const targets: string[] = [];
  for (const flag of run.flags) {
    if (flag.name !== 'mount' || !flag.value) continue;
    const options = mountOptions(flag.value);
    const type = options.get('type') ?? 'bind';
    if (type !== 'cache' && type !== 'tmpfs') continue;
    const target = options.get('target') ?? options.get('dst') ?? options.get('destination');
    if (target && !target.includes('$')) targets.push(canonicalPath(target, cwd));
  }
  return targets;
}

/** Whether `p` from `from` on is names joined by single slashes, none of them `.` or `..`: `a/b`, not `a//b`, `a/`, `./a`. */
function plainSegments(p: string, from: number): boolean {
  const n = p.length;
  if (from >= n) return false;
  let start = from;
  for (let i = from; i <= n; i++) {
    if (i < n && p.charCodeAt(i) !== 47) continue;
    const length = i - start;
    if (length === 0) return false;
    if (p.charCodeAt(start) === 46 && (length === 1 || (length === 2 && p.charCodeAt(start + 1) === 46))) return false;
    start = i + 1;
  }
  return true;
}

/** `/` or `/a/b` with plain names: what normalising an absolute path leaves as it is. */
export const isPlainAbsolute = (p: string): boolean => p === '/' || (p.charCodeAt(0) === 47 && plainSegments(p, 1));

/** `a/b` with plain names, not starting with `~` or `$` (`~/x`, `$HOME/x` name a home directory). */
export const plainRelative = (p: string): boolean => p.charCodeAt(0) !== 126 && p.charCodeAt(0) !== 36 && plainSegments(p, 0);

/** `/root…` or `/home…`: canonicalPath may write those with `~`. */
const homeAtStart = (p: string): boolean => p.startsWith('/root') || p.startsWith('/home');

/**
 * An absolute, normalised path: relative paths resolved against `cwd`, `.`/`..` and duplicate or trailing slashes
 * removed, and a home directory (`~`, `$HOME`, `/root`, `/home/<user>`) written `~`.
 */
export function canonicalPath(path: string, cwd: string): string {
  // Most paths asked about are already canonical (`/app`, `/tmp/x.tgz`) or one plain name below one: answered
  // without the split and join, which every path-tracking rule paid for every operand of every RUN.
  if (isPlainAbsolute(path)) {
    if (!homeAtStart(path)) return path;
  } else if (plainRelative(path) && isPlainAbsolute(cwd) && !homeAtStart(cwd)) {
    if (cwd !== '/') return `${cwd}/${path}`;
    const joined = `/${path}`;
    if (!homeAtStart(joined)) return joined;
  }
  let p = path.replace(/^(\$HOME|\$\{HOME\})(?=\/|$)/, '~');
  if (!p.startsWith('/') && !p.startsWith('~')) p = `${cwd.replace(/(?<!\/)\/+$/, '')}/${p}`;
  const home = p.startsWith('~');
  const parts: string[] = [];
  for (const part of (home ? p.slice(1) : p).split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  if (home) return parts.length ? `~/${parts.join('/')}` : '~';
  if (parts[0] === 'root') return parts.length > 1 ? `~/${parts.slice(1).join('/')}` : '~';
  if (parts[0] === 'home' && parts.length >= 2) return parts.length > 2 ? `~/${parts.slice(2).join('/')}` : '~';
  return `/${parts.join('/')}`;
}

/** `a` is `b` or an ancestor of it. */
export const covers = (a: string, b: string): boolean => a === b || a === '/' || b.startsWith(`${a}/`);

/** For messages: `~/.npm` shown as `/root/.npm` when the RUN user is root. */
export function displayPath(path: string, user: string | null): string {
  if (!path.startsWith('~')) return path;
  const root = user === null || user === '' || user === 'root' || user === '0' || /^(root|0):/.test(user);
  return root ? `/root${path.slice(1)}` : path;
}

/** Paths an `rm`/`unlink` command deletes, as written (unexpanded), or null when the command is not a delete. */
export function deletedOperands(argv: readonly ShellWord[]): ShellWord[] | null {
  const exe = basename(argv[0]?.value ?? '');
  if (exe !== 'rm' && exe !== 'unlink') return null;
  const operands: ShellWord[] = [];
  let options = true;
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i]!;
    if (options && w.value === '--') {
      options = false;
      continue;
    }
    if (options && w.value.startsWith('-') && w.value !== '-') continue;
    operands.push(w);
  }
  return operands;
}

/**
 * The directory a delete operand removes or empties, canonical: `/var/lib/apt/lists/*` → `/var/lib/apt/lists`.
 * Null when it contains an expansion other than `$HOME` or a glob before its last component.
 */
export function deletedDir(operand: string, cwd: string): string | null {
  let p = operand.replace(/^(\$HOME|\$\{HOME\})(?=\/|$)/, '~');
  if (p.includes('$') || p.includes('`')) return null;
  p = p.replace(/(?<!\/)\/+$/, '');
  const parts = p.split('/');
  while (parts.length > 1 && /[*?[]/.test(parts[parts.length - 1]!)) parts.pop();
  if (parts.some((part) => /[*?[]/.test(part))) return null;
  const joined = parts.join('/');
  return canonicalPath(joined === '' ? '/' : joined, cwd);
}

// ---------------------------------------------------------------------------------------------------------------
// Version pins and non-interactive flags (hadolint DL3005–DL3041): which tool a command runs, its options (combined
// short flags split, option values attached), the packages it installs and how each tool writes a version pin.
// ---------------------------------------------------------------------------------------------------------------

/** Tools whose installs can pin versions or need a non-interactive flag. yum, dnf and microdnf share one syntax. */
export type PinTool = 'apt-get' | 'apt' | 'apk' | 'pip' | 'npm' | 'gem' | 'yum' | 'dnf' | 'microdnf' | 'zypper';

/** One option as the tool reads it: `-qy` gives `-q` and `-y`; `-t bookworm` and `--target=x` carry their value. */
export interface ParsedOption {
  /** `-y` or `--yes` (without the `=value`). */
  readonly name: string;
  readonly value: string | null;
  readonly word: ShellWord;
}

export interface ParsedArgs {
  readonly options: readonly ParsedOption[];
  /** Words that are neither options nor option values, in order (`--` itself excluded). */
  readonly operands: readonly ShellWord[];
}

interface OptionSpec {
  /** Short options that take a value (attached, `-oFoo`, or the next word). */
  readonly shortValue: string;
  /** Long options (without `--`) that take a value (`--opt=v` or the next word). */
  readonly longValue: ReadonlySet<string>;
}

const RPM_SPEC: OptionSpec = {
  shortValue: 'cdexR',
  longValue: new Set([
    'config', 'debuglevel', 'errorlevel', 'exclude', 'enablerepo', 'disablerepo', 'installroot', 'releasever', 'setopt',
    'repo', 'repoid', 'downloaddir', 'destdir', 'comment', 'forcearch', 'color', 'rpmverbosity', 'disableexcludes',
  ]),
};

const OPTION_SPECS: Record<Exclude<PinTool, 'dnf' | 'microdnf'>, OptionSpec> = {
  'apt-get': { shortValue: 'octa', longValue: new Set(['option', 'config-file', 'target-release', 'default-release', 'host-architecture']) },
  apt: { shortValue: 'octa', longValue: new Set(['option', 'config-file', 'target-release', 'default-release', 'host-architecture']) },
  apk: { shortValue: 'Xpt', longValue: new Set(['repository', 'root', 'arch', 'cache-dir', 'keys-dir', 'repositories-file', 'virtual', 'cache-max-age']) },
  // pip's options, plus uv's for `uv pip install` (`-p/--python`, `-P/--upgrade-package`, `--constraints`, …).
  pip: {
    shortValue: 'rceiftbCpP',
    longValue: new Set([
      'requirement', 'constraint', 'editable', 'index-url', 'extra-index-url', 'find-links', 'target', 'prefix', 'root',
      'src', 'platform', 'python-version', 'implementation', 'abi', 'no-binary', 'only-binary', 'progress-bar',
      'upgrade-strategy', 'build', 'proxy', 'trusted-host', 'cache-dir', 'log', 'timeout', 'retries', 'exists-action',
      'cert', 'client-cert', 'python', 'config-settings', 'global-option', 'install-option', 'report', 'keyring-provider',
      'use-feature', 'use-deprecated', 'root-user-action', 'group', 'requirements', 'constraints', 'overrides',
      'build-constraints', 'python-preference', 'index-strategy', 'resolution', 'prerelease', 'link-mode',
      'python-platform', 'torch-backend', 'upgrade-package', 'reinstall-package', 'refresh-package',
      'no-build-isolation-package', 'config-setting', 'default-index', 'index', 'exclude-newer', 'extra',
    ]),
  },
  npm: {
    shortValue: 'Cw',
    longValue: new Set(['prefix', 'cache', 'registry', 'loglevel', 'workspace', 'tag', 'userconfig', 'globalconfig', 'omit', 'include', 'install-strategy']),
  },
  gem: { shortValue: 'vinsPg', longValue: new Set(['version', 'install-dir', 'bindir', 'source', 'platform', 'trust-policy', 'file', 'build-root']) },
  yum: RPM_SPEC,
  zypper: {
    shortValue: 'cRDCtr',
    longValue: new Set(['config', 'root', 'reposd-dir', 'cache-dir', 'raw-cache-dir', 'solv-cache-dir', 'pkg-cache-dir', 'type', 'repo', 'from']),
  },
};

const specOf = (tool: PinTool): OptionSpec => (tool === 'dnf' || tool === 'microdnf' ? RPM_SPEC : OPTION_SPECS[tool]);

/**
 * Splits a tool's words into options and operands: combined short flags are split (`-qy` → `-q`, `-y`), a short
 * option that takes a value ends the cluster (`-yt bookworm`, `-oAPT::X=1`), long options take `=value` or, when the
 * tool's option takes one, the next word. `--` ends the options.
 */
export function parseArgs(tool: PinTool, words: readonly ShellWord[]): ParsedArgs {
  const spec = specOf(tool);
  const options: ParsedOption[] = [];
  const operands: ShellWord[] = [];
  let onlyOperands = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const v = word.value;
    if (onlyOperands || !v.startsWith('-') || v === '-') {
      operands.push(word);
      continue;
    }
    if (v === '--') {
      onlyOperands = true;
      continue;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = eq === -1 ? v : v.slice(0, eq);
      if (eq !== -1) options.push({ name, value: v.slice(eq + 1), word });
      else if (spec.longValue.has(name.slice(2)) && i + 1 < words.length) options.push({ name, value: words[++i]!.value, word });
      else options.push({ name, value: null, word });
      continue;
    }
    for (let j = 1; j < v.length; j++) {
      const letter = v[j]!;
      if (letter === '=') {
        // `-q=2`: the value of the previous letter.
        const last = options.pop();
        if (last) options.push({ ...last, value: v.slice(j + 1) });
        break;
      }
      if (spec.shortValue.includes(letter)) {
        const attached = v.slice(j + 1);
        if (attached) options.push({ name: `-${letter}`, value: attached, word });
        else options.push({ name: `-${letter}`, value: i + 1 < words.length ? words[++i]!.value : null, word });
        break;
      }
      options.push({ name: `-${letter}`, value: null, word });
    }
  }
  return { options: exactSize(options), operands: exactSize(operands) };
}

/** Whether any of `names` (`-y`, `--yes`, …) is among the options. */
export const hasAnyOption = (args: ParsedArgs, ...names: string[]): boolean => args.options.some((o) => names.includes(o.name));

/** Values of an option given by any of its names (`-o`, `--option`). */
export const optionValues = (args: ParsedArgs, ...names: string[]): string[] =>
  args.options.filter((o) => names.includes(o.name) && o.value !== null).map((o) => o.value!);

/** A package-manager command seen for version pins and prompts. */
export interface ToolInvocation {
  readonly tool: PinTool;
  /** How it was invoked, for messages: `apt-get`, `pip3`, `python3 -m pip`, `microdnf`. */
  readonly name: string;
  /** The command word (`apt-get`, `/usr/bin/yum`, `python3`). */
  readonly commandWord: ShellWord;
  /** The subcommand word (`install`), or null when the command has none (`apt --version`). */
  readonly subcommandWord: ShellWord | null;
  readonly subcommand: string;
  /** Options before and after the subcommand; operands after it. */
  readonly args: ParsedArgs;
}

/** Recognises apt-get, apt, apk, pip, npm, gem, yum, dnf (dnf5), microdnf and zypper in an (effective) argv. */
export function toolInvocation(argv: readonly ShellWord[]): ToolInvocation | null {
  // Asked about every command of every RUN in every lint: once per word list, which lives as long as its parsed script.
  return argv.length === 0 ? null : memoOnObject(argv, TOOL_INVOCATION, invocationOf);
}

const TOOL_INVOCATION = objectMemoKey('toolInvocation');

function invocationOf(argv: readonly ShellWord[]): ToolInvocation | null {
  const first = argv[0];
  if (!first) return null;
  const exe = basename(first.value);
  if (exe === 'gem') return gemInvocation(argv);
  if (exe === 'uv' && argv[1]?.value === 'pip') {
    // `uv pip install` takes pip's command line (uv's own options are in the pip spec).
    const inner = toolInvocation(argv.slice(1));
    return inner?.tool === 'pip' ? { ...inner, name: 'uv pip', commandWord: first } : null;
  }
  const cmd = managerCommand(argv);
  let tool: PinTool | null = null;
  if (exe === 'apt-get' || exe === 'apt') tool = exe;
  else if (cmd?.manager === 'apk' || cmd?.manager === 'pip' || cmd?.manager === 'npm' || cmd?.manager === 'zypper') tool = cmd.manager;
  else if (cmd?.manager === 'yum' || cmd?.manager === 'dnf' || cmd?.manager === 'microdnf') tool = cmd.manager;
  if (!tool) return null;
  if (!cmd) {
    return { tool, name: exe, commandWord: first, subcommandWord: null, subcommand: '', args: parseArgs(tool, argv.slice(1)) };
  }
  const subIndex = argv.length - cmd.args.length - 1;
  const subcommandWord = argv[subIndex]!;
  // Options may come before the subcommand (global options) or after it; `python -m pip` words are not options.
  const before = tool === 'pip' && cmd.tool.includes(' -m ') ? [] : argv.slice(1, subIndex);
  const parsedBefore = parseArgs(tool, before);
  const parsedAfter = parseArgs(tool, cmd.args);
  return {
    tool,
    name: cmd.tool,
    commandWord: first,
    subcommandWord,
    subcommand: cmd.subcommand,
    // concat, not a spread: a spread's array has room for 17 (see exactSize), and a lint keeps every invocation.
    args: { options: parsedBefore.options.length === 0 ? parsedAfter.options : parsedBefore.options.concat(parsedAfter.options), operands: parsedAfter.operands },
  };
}

function gemInvocation(argv: readonly ShellWord[]): ToolInvocation | null {
  const parsed = parseArgs('gem', argv.slice(1));
  const sub = parsed.operands[0];
  if (!sub) return null;
  return {
    tool: 'gem',
    name: 'gem',
    commandWord: argv[0]!,
    subcommandWord: sub,
    subcommand: sub.value,
    args: { options: parsed.options, operands: parsed.operands.slice(1) },
  };
}

const NPM_INSTALL = new Set(['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add']);
const NON_PACKAGE_ZYPPER_TYPES = new Set(['pattern', 'patch', 'product', 'srcpackage', 'application']);

/** What an install command asks for, for the pin rules. */
export interface PackageRequest {
  /** Words naming packages (or files, URLs, modules) to install. */
  readonly packages: readonly ShellWord[];
  /** `yum|dnf module install`: the words are module specs (`nodejs:20`). */
  readonly modules: boolean;
}

/**
 * The packages an install command names, or null when the command installs nothing by name (not an install, or
 * versions come from elsewhere: `pip install -c constraints.txt`, `gem install -v 1.2`, `npm install` alone).
 */
export function requestedPackages(inv: ToolInvocation): PackageRequest | null {
  const { tool, subcommand, args } = inv;
  const plain = (packages: readonly ShellWord[]): PackageRequest => ({ packages, modules: false });
  switch (tool) {
    case 'apt-get':
      return subcommand === 'install' ? plain(args.operands) : null;
    case 'apk':
      return subcommand === 'add' ? plain(args.operands) : null;
    case 'pip':
      if (subcommand !== 'install') return null;
      // A constraints file pins whatever the command names.
      if (hasAnyOption(args, '-c', '--constraint', '--constraints')) return null;
      return plain(args.operands);
    case 'npm':
      return NPM_INSTALL.has(subcommand) ? plain(args.operands) : null;
    case 'gem':
      if (subcommand !== 'install' && subcommand !== 'i') return null;
      if (hasAnyOption(args, '-v', '--version')) return null;
      return plain(args.operands);
    case 'yum':
    case 'dnf':
    case 'microdnf':
      if (subcommand === 'install') return plain(args.operands);
      if (subcommand === 'module' && args.operands[0]?.value === 'install') return { packages: args.operands.slice(1), modules: true };
      return null;
    case 'zypper': {
      if (subcommand !== 'install' && subcommand !== 'in') return null;
      const type = optionValues(args, '-t', '--type')[0];
      if (type && NON_PACKAGE_ZYPPER_TYPES.has(type)) return null;
      return plain(args.operands);
    }
    case 'apt':
      return null;
  }
}

const PIP_VERSION = /(===|==|>=|<=|!=|~=|>|<)/;
const PIP_VCS = /^(git|hg|svn|bzr)(\+[a-z-]+)?:/i;
const ARCHIVE = /\.(whl|tar\.gz|tgz|tar\.bz2|tar\.xz|tar|zip)$/i;
const LOCAL_PATH = /^(\.{1,2}(\/|\[|$)|\/|~\/|file:)/;

/**
 * Whether a package word fixes the version the tool installs, the way each tool writes it. Local files, paths and
 * archive URLs count as fixed (their content is whatever the build context or URL holds).
 */
export function isVersionPinned(tool: PinTool, spec: string, modules = false): boolean {
  switch (tool) {
    case 'apt-get':
    case 'apt':
      // pkg=version, pkg=1.2.*, pkg/release (a release pin, as hadolint), ./file.deb
      return spec.includes('=') || spec.includes('/') || spec.endsWith('.deb');
    case 'apk':
      // pkg=1.2-r0, pkg~1.2, pkg>=1.2, pkg<2, ./file.apk
      return /[=~<>]/.test(spec) || spec.endsWith('.apk') || LOCAL_PATH.test(spec);
    case 'pip':
      if (PIP_VCS.test(spec)) return /@[^/]+$/.test(spec.replace(/#.*$/, ''));
      return PIP_VERSION.test(spec) || ARCHIVE.test(spec) || LOCAL_PATH.test(spec) || spec.includes('/');
    case 'npm':
      return npmPinned(spec);
    case 'gem':
      return spec.includes(':') || spec.endsWith('.gem') || LOCAL_PATH.test(spec);
    case 'yum':
    case 'dnf':
    case 'microdnf':
      if (modules) return spec.includes(':');
      // name-version(-release): a dash followed by a digit; groups (@group) and provides (`dnf-command(x)`) cannot
      // be pinned; files and URLs are fixed.
      return /-\d/.test(spec) || spec.endsWith('.rpm') || spec.startsWith('@') || spec.includes('/') || spec.includes('(');
    case 'zypper':
      return /[=<>]/.test(spec) || spec.endsWith('.rpm') || spec.includes('/');
  }
}

/** npm: `pkg@1.2.3`, `@scope/pkg@^1`, `git+https://…#ref`, `user/repo#ref`, tarballs and folders; dist-tags (`@latest`) move. */
function npmPinned(spec: string): boolean {
  if (/^(git\+[a-z]+:\/\/|git:\/\/|github:|gitlab:|bitbucket:)/.test(spec)) return spec.includes('#');
  if (/\.(tgz|tar\.gz|tar)$/.test(spec) || LOCAL_PATH.test(spec)) return true;
  if (/^https?:\/\//.test(spec)) return true;
  const unscoped = spec.startsWith('@') ? spec.slice(spec.indexOf('/') + 1) : spec;
  const at = unscoped.indexOf('@');
  if (at === -1) return !spec.startsWith('@') && /^[^/@]+\/[^/]+#./.test(spec);
  const version = unscoped.slice(at + 1);
  if (version === '' || version === '*') return false;
  // A dist-tag (latest, next, beta) is not a version.
  return !/^[a-z][\w.-]*$/i.test(version) || /^v\d/.test(version);
}

/** The package name of a spec, without any version, tag or constraint (`npm@latest` → `npm`, `curl=7.*` → `curl`). */
export function packageName(tool: PinTool, spec: string): string {
  switch (tool) {
    case 'npm': {
      const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
      return at === -1 ? spec : spec.slice(0, at);
    }
    case 'pip':
      return spec.split(/[=<>!~;@ ]/)[0]!;
    case 'gem':
      return spec.split(':')[0]!;
    default:
      return spec.split(/[=<>~]/)[0]!;
  }
}

/** How to write a pinned package for `tool`, for messages. */
export function pinExample(tool: PinTool, spec: string, modules = false): string {
  if (tool === 'pip' && PIP_VCS.test(spec)) return `${spec}@<ref>`;
  if (tool === 'npm' && /^(git\+[a-z]+:\/\/|git:\/\/|github:|gitlab:|bitbucket:)/.test(spec)) return `${spec}#<ref>`;
  const name = modules ? spec.split(':')[0]! : packageName(tool, spec);
  switch (tool) {
    case 'apt-get':
    case 'apt':
    case 'apk':
      return `${name}=<version>`;
    case 'pip':
      return `${name}==<version>`;
    case 'npm':
      return `${name}@<version>`;
    case 'gem':
      return `${name}:<version>`;
    case 'yum':
    case 'dnf':
    case 'microdnf':
      return modules ? `${name}:<stream>` : `${name}-<version>`;
    case 'zypper':
      return `${name}=<version>`;
  }
}
