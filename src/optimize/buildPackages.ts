/**
 * Which OS packages a stage installs that are not build tools. A final stage on another base loses them, so a recipe
 * may only drop what it knows to be build-time: compilers, headers, fetchers, archivers. Anything else (apache2,
 * ffmpeg, imagemagick) may be what the program runs at run time.
 */
import { C_HELPER_PACKAGE, packageToolchain, PYTHON_HEADERS_PACKAGE } from '../model/toolchains';
import { commandUses } from '../shell';
import { managerCommand, packageNames } from '../shell/packageManagers';
import type { InstructionNode } from '../parse';

/** Packages that only build or fetch: their absence at run time changes nothing a built program does. */
const BUILD_ONLY = new RegExp(
  '^(' +
    [
      'build-essential', 'build-base', 'alpine-sdk', 'libc6?-dev', 'libc-dev', 'musl-dev', 'musl-tools', 'linux-headers',
      'linux-libc-dev', 'binutils', 'git', 'git-core', 'mercurial', 'subversion', 'curl', 'wget', 'ca-certificates',
      'gnupg2?', 'dirmngr', 'apt-transport-https', 'apt-utils', 'software-properties-common', 'lsb-release', 'unzip', 'zip',
      'xz-utils', 'xz', 'tar', 'gzip', 'bzip2', 'zstd', 'patch', 'file', 'upx', 'upx-ucl', 'protobuf-compiler',
      'protobuf-dev', 'bison', 'flex', 'gettext', 'swig', 'yasm', 'nasm', 'ccache', 'gperf', 'texinfo', 'python3?',
      'python3?-pip', 'python3?-setuptools', 'python3?-wheel', 'python3?-venv', 'perl', 'openssh-client', 'rsync',
      'jq', 'bash', 'coreutils', 'findutils', 'sed', 'grep', 'gawk', 'procps', 'less', 'vim', 'nano',
    ].join('|') +
    ')$',
);

const INSTALL_SUBCOMMAND: Partial<Record<string, RegExp>> = {
  apt: /^install$/,
  apk: /^add$/,
  yum: /^(install|groupinstall)$/,
  dnf: /^(install|groupinstall)$/,
  microdnf: /^install$/,
  zypper: /^(install|in)$/,
};

const isBuildOnly = (name: string): boolean =>
  BUILD_ONLY.test(name) ||
  packageToolchain(name) !== null ||
  C_HELPER_PACKAGE.test(name) ||
  PYTHON_HEADERS_PACKAGE.test(name) ||
  /-(dev|devel|headers|static)(:[a-z0-9]+)?$/.test(name) ||
  /^(gcc|g\+\+|clang|llvm|lld|cmake|make|golang|rust|cargo|openjdk|maven|gradle)(-.+)?$/.test(name);

/** OS packages the instructions install that are not known build tools, in order, without duplicates. */
export function runtimePackages(instructions: readonly InstructionNode[]): string[] {
  const found = new Set<string>();
  for (const run of instructions) {
    if (run.keyword !== 'RUN') continue;
    for (const use of commandUses(run)) {
      const cmd = managerCommand(use.argv);
      // `action` is about caches (`apt-get update` installs an index); what installs packages is the subcommand.
      if (!cmd || !INSTALL_SUBCOMMAND[cmd.manager]?.test(cmd.subcommand)) continue;
      for (const name of packageNames(cmd)) {
        const bare = name.toLowerCase();
        if (!bare.startsWith('.') && !isBuildOnly(bare)) found.add(bare);
      }
    }
  }
  return [...found];
}
