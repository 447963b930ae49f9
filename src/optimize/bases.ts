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

/** Distro images mirrored under other names (`public.ecr.aws/ubuntu/ubuntu`, `arm64v8/debian`): judged by the last path part. */
const MIRRORED_DISTRO = /^(debian|ubuntu|alpine)$/;

export function baseFamily(ref: ImageRef): BaseFamily {
  const last = ref.repository.toLowerCase().split('/').pop() ?? '';
  const official = officialName(ref);
  const name = official && !official.includes('/') ? official : MIRRORED_DISTRO.test(last) ? last : (official ?? '');
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
  /** Debian 12's python3 (3.11) in /usr/bin; ENTRYPOINT ["/usr/bin/python3.11"]. */
  python3: `gcr.io/distroless/python3-${DISTROLESS_SUFFIX}`,
} as const;

/** Node.js majors distroless publishes for Debian 12. */
export const DISTROLESS_NODE_MAJORS = new Set([18, 20, 22]);

/** The `-slim` variant of a Debian builder's release, for artifacts that need a shell or dpkg at run time. */
export function debianSlim(family: BaseFamily): string | null {
  return family.distro === 'debian' && family.codename ? `debian:${family.codename}-slim` : null;
}

/** Debian's own `nodejs` package major per release (what `apt-get install nodejs` gives). */
export const DEBIAN_NODE_MAJOR: Readonly<Record<string, number>> = { bullseye: 12, bookworm: 18, trixie: 20 };

/** distroless/cc for a glibc binary built on a Debian release: one whose glibc is at least as new (debian12 runs what bookworm and older built). */
export function distrolessCc(codename: string | null): string {
  return codename === 'trixie' ? 'gcr.io/distroless/cc-debian13' : DISTROLESS.cc;
}

/**
 * The Debian release an official `rust` image is built on: the one its tag names, else the default for its Rust
 * version when the tag was last built (bookworm up to 1.88; trixie from 1.89 — docker-library made trixie the default
 * in August 2025 — and for the moving tags `latest`, `1`, `slim`). Null for Alpine tags.
 */
export function rustImageRelease(tag: string | null): string | null {
  const t = (tag ?? 'latest').toLowerCase();
  if (/alpine/.test(t)) return null;
  const named = /(bookworm|bullseye|trixie|buster)/.exec(t)?.[1];
  if (named) return named;
  const minor = /^1\.(\d+)/.exec(t)?.[1];
  if (minor !== undefined) return Number(minor) <= 88 ? 'bookworm' : 'trixie';
  return /^(latest|1|slim|1-slim)$/.test(t) ? 'trixie' : null;
}

/**
 * Java majors distroless publishes, and its image for one: Temurin JRE on Debian 13 (the debian12 java images were
 * dropped in February 2026 and are no longer updated). Their ENTRYPOINT is `["/usr/bin/java", "-jar"]`.
 */
export const DISTROLESS_JAVA_MAJORS = new Set([17, 21, 25]);
export const distrolessJava = (major: number): string => `gcr.io/distroless/java${major}-debian13`;
export const DISTROLESS_JAVA_ENTRYPOINT = ['/usr/bin/java', '-jar'] as const;

/** Debian's `default-jdk` major per release (also what its maven and gradle packages pull in). */
export const DEBIAN_DEFAULT_JDK: Readonly<Record<string, number>> = { buster: 11, bullseye: 11, bookworm: 17, trixie: 21 };

/** JDK images whose tags start with the Java version (`21`, `21-jdk-jammy`, `11.0.31_11-jdk`, `8u412-b08-jdk`). */
const VERSION_TAGGED_JDKS = new Set(['eclipse-temurin', 'openjdk', 'amazoncorretto', 'sapmachine', 'adoptopenjdk']);

/** The Java major a JDK, maven or gradle image ships, when its tag tells (`maven:3.9-eclipse-temurin-21`, `gradle:8-jdk17`). */
export function javaImageMajor(ref: ImageRef): number | null {
  const name = officialName(ref) ?? '';
  const tag = (ref.tag ?? '').toLowerCase();
  let major: string | undefined;
  if (VERSION_TAGGED_JDKS.has(name)) major = /^(\d+)/.exec(tag)?.[1];
  else if (name === 'ibm-semeru-runtimes') major = /^open-(\d+)/.exec(tag)?.[1];
  else if (name === 'maven') {
    major = /(?:^|-)(?:eclipse-temurin|temurin|amazoncorretto|openjdk|jdk|ibmjava|sapmachine|ibm-semeru|semeru|graalvm-ce|graalvm-community|microsoft-openjdk|zulu-openjdk|liberica-openjdk)-(\d+)(?=-|$)/.exec(tag)?.[1];
  } else if (name === 'gradle') major = /(?:^|-)jdk(\d+)(?=-|$)/.exec(tag)?.[1];
  const n = major === undefined ? NaN : Number(major);
  return n >= 8 ? n : null;
}

/**
 * The JRE image of the same Java major as a JDK builder: the same vendor's `-jre` tag where its tags follow
 * `<version>[-jdk][-headless][-<os>]` (eclipse-temurin, sapmachine: `21-jdk-jammy` → `21-jre-jammy`; ibm-semeru-runtimes
 * `open-17-jdk` → `open-17-jre`), else `eclipse-temurin:<major>-jre` on the builder's OS flavour where Temurin has one.
 */
export function jreImage(ref: ImageRef, major: number): string {
  const name = officialName(ref) ?? '';
  const tag = ref.tag ?? '';
  if (name === 'eclipse-temurin' || name === 'sapmachine') {
    const m = /^(\d+(?:u\d+-b\d+|[._\d]*))(?:-jdk)?(-headless)?(-.+)?$/.exec(tag);
    if (m && !/(^|-)jre(-|$)/.test(tag)) return `${name}:${m[1]}-jre${m[2] ?? ''}${m[3] ?? ''}`;
  }
  if (name === 'ibm-semeru-runtimes' && /^open-\d[^-]*-jdk(-|$)/.test(tag)) return `${name}:${tag.replace('-jdk', '-jre')}`;
  const os = /(?:^|-)(alpine|jammy|noble|focal)(?=-|$)/.exec(tag.toLowerCase())?.[1];
  return `eclipse-temurin:${major}-jre${os ? `-${os}` : ''}`;
}

/** The Alpine image for a static binary that needs a shell or `optimize.finalBase: alpine` (as the Go recipe uses). */
export const ALPINE_RUNTIME = 'alpine:3.22';

/** A shell and coreutils without a distro (about 4 MB): for static artifacts that need `sh` at run time. */
export const BUSYBOX_RUNTIME = 'busybox:1.37';
