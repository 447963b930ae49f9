/**
 * What the size rules need to know about package managers: which commands install (and leave a cache or index
 * behind), which commands clean, which packages a command adds or removes, and where each manager keeps its cache.
 * Paths under a home directory are written `~/…` (see `canonicalPath`), so `/root/.npm`, `/home/node/.npm` and
 * `$HOME/.npm` compare equal.
 */
import { mountOptions } from '../model/semanticModel';
import type { InstructionNode } from '../parse';
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
  // A bare `yarn` (flags only) is `yarn install`.
  if (manager === 'yarn' && !sub) return { manager, tool, subcommand: '', action: 'install', args: rest };
  if (!sub) return null;

  let action: ManagerCommand['action'] = 'other';
  if (INSTALL[manager].has(subcommand)) action = 'install';
  else if (REMOVE[manager]?.has(subcommand)) action = 'remove';
  else if (isClean(manager, subcommand, args)) action = 'clean';
  else if (manager === 'apt' && APT_DOWNLOADS.has(subcommand)) action = 'other';
  return { manager, tool, subcommand, action, args };
}

function isClean(manager: ManagerId, subcommand: string, args: readonly ShellWord[]): boolean {
  switch (manager) {
    case 'apt':
      return subcommand === 'clean' || subcommand === 'autoclean';
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
  if (cmd.manager === 'apt') return ['/var/cache/apt'];
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

/** Package names a command installs or removes (versions and options stripped), for matching a later removal. */
export function packageNames(cmd: ManagerCommand): string[] {
  const valueOptions = VALUE_OPTIONS[cmd.manager] ?? new Set<string>();
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
    const name = v.split(/[=<>~]/)[0]!;
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

/**
 * An absolute, normalised path: relative paths resolved against `cwd`, `.`/`..` and duplicate or trailing slashes
 * removed, and a home directory (`~`, `$HOME`, `/root`, `/home/<user>`) written `~`.
 */
export function canonicalPath(path: string, cwd: string): string {
  let p = path.replace(/^(\$HOME|\$\{HOME\})(?=\/|$)/, '~');
  if (!p.startsWith('/') && !p.startsWith('~')) p = `${cwd.replace(/\/+$/, '')}/${p}`;
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
  p = p.replace(/\/+$/, '');
  const parts = p.split('/');
  while (parts.length > 1 && /[*?[]/.test(parts[parts.length - 1]!)) parts.pop();
  if (parts.some((part) => /[*?[]/.test(part))) return null;
  const joined = parts.join('/');
  return canonicalPath(joined === '' ? '/' : joined, cwd);
}
