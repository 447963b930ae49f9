/**
 * What the optimizer knows about base images: which distro and libc a builder image is built on, and the runtime
 * bases it can hand an artifact to. Tables over image names only; no registry is ever asked.
 */
import type { ImageRef } from '../model';
import { officialName } from '../model/toolchains';

export interface BaseFamily {
  readonly distro: 'debian' | 'ubuntu' | 'alpine' | 'rhel' | 'unknown';
  /** Debian release (`bookworm`) when the tag tells. */
  readonly codename: string | null;
  readonly libc: 'glibc' | 'musl' | null;
}

const DEBIAN_CODENAMES: ReadonlyArray<readonly [RegExp, string]> = [
  [/(^|-)(bookworm|12(\.\d+)*)(-|$)/, 'bookworm'],
  [/(^|-)(bullseye|11(\.\d+)*)(-|$)/, 'bullseye'],
  [/(^|-)(trixie|13(\.\d+)*)(-|$)/, 'trixie'],
  [/(^|-)(buster|10(\.\d+)*)(-|$)/, 'buster'],
];

/** Official images whose non-alpine variants are Debian-based (their tag names the release: `golang:1.23-bookworm`). */
const DEBIAN_BASED = new Set(['golang', 'rust', 'gcc', 'node', 'python', 'ruby', 'php', 'perl', 'buildpack-deps', 'haskell', 'maven', 'gradle', 'openjdk']);
const UBUNTU_BASED = new Set(['ubuntu', 'eclipse-temurin', 'ibm-semeru-runtimes', 'sapmachine']);
const RHEL_BASED = new Set(['fedora', 'centos', 'rockylinux', 'almalinux', 'amazonlinux', 'oraclelinux', 'redhat/ubi8', 'redhat/ubi9', 'amazoncorretto']);

export function baseFamily(ref: ImageRef): BaseFamily {
  const name = officialName(ref) ?? '';
  const tag = (ref.tag ?? '').toLowerCase();
  if (name === 'alpine' || /(^|-)alpine/.test(tag)) return { distro: 'alpine', codename: null, libc: 'musl' };
  if (name === 'debian') {
    const codename = DEBIAN_CODENAMES.find(([re]) => re.test(tag))?.[1] ?? null;
    return { distro: 'debian', codename, libc: 'glibc' };
  }
  if (UBUNTU_BASED.has(name)) return { distro: 'ubuntu', codename: null, libc: 'glibc' };
  if (RHEL_BASED.has(name)) return { distro: 'rhel', codename: null, libc: 'glibc' };
  if (DEBIAN_BASED.has(name)) {
    // Version tags (`golang:1.23`) name the language, not Debian: only a release word in the tag names Debian.
    const release = /(bookworm|bullseye|trixie|buster)/.exec(tag)?.[1] ?? null;
    return { distro: 'debian', codename: release, libc: 'glibc' };
  }
  return { distro: 'unknown', codename: null, libc: null };
}

/** Debian release → the distroless suffix built on it (distroless follows Debian stable). */
export const DISTROLESS_SUFFIX = 'debian12';

export const DISTROLESS = {
  static: `gcr.io/distroless/static-${DISTROLESS_SUFFIX}`,
  cc: `gcr.io/distroless/cc-${DISTROLESS_SUFFIX}`,
  nodejs: (major: number): string => `gcr.io/distroless/nodejs${major}-${DISTROLESS_SUFFIX}`,
} as const;

/** Node.js majors distroless publishes for Debian 12. */
export const DISTROLESS_NODE_MAJORS = new Set([18, 20, 22]);

/** The `-slim` variant of a Debian builder's release, for artifacts that need a shell or dpkg at run time. */
export function debianSlim(family: BaseFamily): string | null {
  return family.distro === 'debian' && family.codename ? `debian:${family.codename}-slim` : null;
}

/** Debian's own `nodejs` package major per release (what `apt-get install nodejs` gives). */
export const DEBIAN_NODE_MAJOR: Readonly<Record<string, number>> = { bullseye: 12, bookworm: 18, trixie: 20 };
