/**
 * Smaller variants of common base images, as data: which tag runs the same thing in less space, whether the move
 * stays within one distro family and libc (then prefer-smaller-base may rewrite the FROM), and what each image
 * weighs. Tables over image names only; no registry is ever asked.
 *
 * Sizes are uncompressed, on-disk sizes for linux/amd64 in MB (10^6 bytes), as docker-library's repo-info publishes
 * them ("Virtual Size", `repos/<image>/local/<tag>.md` in github.com/docker-library/repo-info), read on 2026-11-23
 * from the tag builds dated in `source`. Docker Hub itself publishes only compressed sizes (roughly 35–45 % of
 * these for Debian-based images); the uncompressed size is what the image takes on disk and what `docker images`
 * shows. A variant's size moves a few MB with every rebuild, and other versions of the same image differ by more
 * than that: the figures say how large the gap is, not what a given tag weighs. `null` where no figure was read.
 */
import type { ImageRef } from '../model';
import { officialName } from '../model/toolchains';
import { baseFamily, DISTROLESS_JAVA_MAJORS, distrolessJava, javaImageMajor, jreImage } from './bases';

export interface ImageSize {
  /** Uncompressed MB, linux/amd64. */
  readonly mb: number;
  /** The tag the cited figure is for, as messages name it (`node:24`). */
  readonly tag: string;
  /** Where the figure comes from (tag and build date; cited from repo-info, not measured on this machine). */
  readonly source: string;
}

const REPO_INFO = 'docker-library/repo-info, Virtual Size';

/** The sizes the rule quotes, all cited (docker-library/repo-info; none measured here), keyed by the family of image they stand for. */
export const IMAGE_SIZES = {
  debian: { tag: 'debian:bookworm', mb: 116.57, source: `${REPO_INFO} of debian:bookworm built 2026-07-13` },
  debianSlim: { tag: 'debian:bookworm-slim', mb: 74.83, source: `${REPO_INFO} of debian:bookworm-slim built 2026-09-18` },
  ubuntu: { tag: 'ubuntu:24.04', mb: 78.16, source: `${REPO_INFO} of ubuntu:24.04 built 2026-08-17` },
  python: { tag: 'python:3.12', mb: 1020, source: `${REPO_INFO} of python:3.12.14-bookworm built 2026-08-13 (1.02 GB)` },
  pythonSlim: { tag: 'python:3.12-slim', mb: 124.3, source: `${REPO_INFO} of python:3.12.13-slim-bookworm built 2026-08-05` },
  node: { tag: 'node:24', mb: 1130, source: `${REPO_INFO} of node:24.18.0-bookworm built 2026-07-14 (1.13 GB)` },
  nodeSlim: { tag: 'node:24-slim', mb: 226.59, source: `${REPO_INFO} of node:24.18.0-bookworm-slim built 2026-07-14` },
  temurinJdk: { tag: 'eclipse-temurin:17-jdk', mb: 421.65, source: `${REPO_INFO} of eclipse-temurin:17.0.20_8-jdk-noble built 2026-09-16` },
  temurinJre: { tag: 'eclipse-temurin:17-jre', mb: 263.88, source: `${REPO_INFO} of eclipse-temurin:17.0.20_8-jre-noble built 2026-09-16` },
} as const satisfies Record<string, ImageSize>;

/** What the smaller variant lacks that the original has, so that a stage using it cannot simply switch. */
export type Lacks = 'docs' | 'build-tools';

export interface SmallerBase {
  /** The image to use instead, as a reference (`python:3.12-slim`). */
  readonly image: string;
  /** Only the tag changes (`-slim`, `-jre`) and the distro, its release and libc stay: the rewrite may be offered. */
  readonly sameFamily: boolean;
  /** Why a move that is not `sameFamily` cannot be applied blindly (package names, libc, vendor). */
  readonly caveat?: string;
  /** What the variant leaves out (`build-tools`: the buildpack-deps layers of python/node; `docs`: Debian's slim dpkg filter). */
  readonly lacks: Lacks;
  readonly from: ImageSize | null;
  readonly to: ImageSize | null;
  /** A second, smaller option in another family, named as a suggestion only (distroless). */
  readonly alsoSuggest?: string;
}

const DEBIAN_RELEASES = 'bookworm|bullseye|buster|trixie|stretch|forky';
const VERSION = String.raw`\d+(?:\.\d+){0,2}`;
const PYTHON_TAG = new RegExp(String.raw`^(${VERSION})(?:-(${DEBIAN_RELEASES}))?$`);
const NODE_TAG = new RegExp(String.raw`^(${VERSION}|lts|current|argon|boron|carbon|dubnium|erbium|fermium|gallium|hydrogen|iron|jod|krypton)(?:-(${DEBIAN_RELEASES}))?$`);
/** Debian tags that have a `-slim` twin: releases, numbers, suites and dated snapshots (not backports or experimental). */
const DEBIAN_TAG = new RegExp(String.raw`^(?:${DEBIAN_RELEASES}|sid|stable|oldstable|oldoldstable|testing|unstable|\d+(?:\.\d+)?)(?:-\d{8})?$`);

/** The reference with only its tag replaced, keeping registry, repository and digest-less form. */
function withTag(ref: ImageRef, tag: string): string {
  const repo = ref.registry ? `${ref.registry}/${ref.repository}` : ref.repository;
  return `${repo}:${tag}`;
}

/**
 * The smaller variant of a base image that runs the same thing, or null when the table has none (already slim,
 * alpine, distroless, an unknown image, a digest-pinned reference).
 */
export function smallerVariant(ref: ImageRef): SmallerBase | null {
  if (ref.digest) return null;
  const name = officialName(ref);
  if (name === null) return null;
  const tag = (ref.tag ?? 'latest').toLowerCase();
  if (/(^|-)(slim|alpine|windowsservercore|nanoserver)/.test(tag)) return null;
  switch (name) {
    case 'debian': {
      if (tag === 'latest') return { image: withTag(ref, 'stable-slim'), sameFamily: true, lacks: 'docs', from: IMAGE_SIZES.debian, to: IMAGE_SIZES.debianSlim };
      if (!DEBIAN_TAG.test(tag)) return null;
      return { image: withTag(ref, `${ref.tag}-slim`), sameFamily: true, lacks: 'docs', from: IMAGE_SIZES.debian, to: IMAGE_SIZES.debianSlim };
    }
    case 'python': {
      if (tag === 'latest') return { image: withTag(ref, 'slim'), sameFamily: true, lacks: 'build-tools', from: IMAGE_SIZES.python, to: IMAGE_SIZES.pythonSlim };
      const m = PYTHON_TAG.exec(ref.tag ?? '');
      if (!m) return null;
      const slim = m[2] ? `${m[1]}-slim-${m[2]}` : `${m[1]}-slim`;
      return { image: withTag(ref, slim), sameFamily: true, lacks: 'build-tools', from: IMAGE_SIZES.python, to: IMAGE_SIZES.pythonSlim };
    }
    case 'node': {
      if (tag === 'latest') return { image: withTag(ref, 'slim'), sameFamily: true, lacks: 'build-tools', from: IMAGE_SIZES.node, to: IMAGE_SIZES.nodeSlim };
      if (!NODE_TAG.test(ref.tag ?? '')) return null;
      return { image: withTag(ref, `${ref.tag}-slim`), sameFamily: true, lacks: 'build-tools', from: IMAGE_SIZES.node, to: IMAGE_SIZES.nodeSlim };
    }
    case 'ubuntu': {
      // Suggestion only (another distro: package names and versions differ). ubuntu:24.04 is about as large as
      // debian:bookworm-slim, so the saving threshold of the rule keeps this quiet for current releases.
      const family = baseFamily(ref);
      if (family.distro !== 'ubuntu') return null;
      return {
        image: 'debian:bookworm-slim',
        sameFamily: false,
        caveat: 'Debian is another distribution: package names, versions and PPAs differ',
        lacks: 'docs',
        from: IMAGE_SIZES.ubuntu,
        to: IMAGE_SIZES.debianSlim,
      };
    }
    case 'eclipse-temurin':
    case 'sapmachine':
    case 'ibm-semeru-runtimes':
    case 'openjdk':
    case 'amazoncorretto':
    case 'adoptopenjdk': {
      if (/(^|-)jre(-|$)/.test(tag)) return null;
      const major = javaImageMajor(ref);
      if (major === null) return null;
      const jre = jreImage(ref, major);
      const sameVendor = jre.startsWith(`${name}:`);
      const os = /(alpine|ubi\d*|centos|oraclelinux|al2\d*)/.test(tag);
      return {
        image: jre,
        // Same vendor, same OS suffix: only the JDK's development tools go. Another vendor's JRE (openjdk and
        // corretto have none of their own for current majors) may sit on another distro.
        sameFamily: sameVendor,
        ...(sameVendor ? {} : { caveat: `${jre} is another vendor's build and may sit on another distribution` }),
        lacks: 'build-tools',
        from: name === 'eclipse-temurin' ? IMAGE_SIZES.temurinJdk : null,
        to: name === 'eclipse-temurin' ? IMAGE_SIZES.temurinJre : null,
        ...(DISTROLESS_JAVA_MAJORS.has(major) && !os ? { alsoSuggest: distrolessJava(major) } : {}),
      };
    }
    default:
      return null;
  }
}

/** Toolchain images that are no runtime base at all: the runtime they should hand the artifact to. */
export const TOOLCHAIN_RUNTIME: Readonly<Record<string, string>> = {
  golang: 'gcr.io/distroless/static-debian12',
  rust: 'gcr.io/distroless/cc-debian12',
  gcc: 'gcr.io/distroless/cc-debian12',
};

/** MB saved and the share of the original, when both sizes are known. */
export function saving(variant: SmallerBase): { mb: number; share: number } | null {
  if (!variant.from || !variant.to) return null;
  const mb = variant.from.mb - variant.to.mb;
  return { mb, share: mb / variant.from.mb };
}

/** `~1.13 GB` / `~75 MB`. */
export function formatSize(mb: number): string {
  return mb >= 1000 ? `~${(mb / 1000).toFixed(2)} GB` : `~${Math.round(mb)} MB`;
}
