/**
 * What the minimal final bases of a multi-stage rewrite weigh, so that an estimate can count the base a rewrite
 * leaves behind (debian:bookworm → scratch or distroless). Decimal bytes, uncompressed, linux/amd64, as
 * `docker images` shows them. `measured` says whether the figure was measured on this machine (the lab's stand-in
 * images, which ../shared/lab/make-bases.sh builds from the Debian 12 packages the real images are made of) or
 * read from the cited source.
 */
export interface FinalBaseSize {
  readonly bytes: number;
  readonly source: string;
  readonly measured: boolean;
  /**
   * Debian packages whose files the image carries on top of `bytes` (distroless/nodejs: Debian's nodejs, as the lab's
   * stand-in holds it): the estimate counts their Installed-Size as kept instead of as part of the base.
   */
  readonly runtime?: readonly string[];
}

const DISTROLESS_README = 'GoogleContainerTools/distroless README ("around 2 MiB")';
const LAB_CC = 'the lab\'s gcr.io/distroless/cc stand-in (static + libc6, libgcc-s1, libstdc++6, libgomp1, libssl3, zlib1g from Debian 12), measured here';

const STATIC: FinalBaseSize = { bytes: 2 * 1024 * 1024, source: `gcr.io/distroless/static-debian12, ${DISTROLESS_README}`, measured: false };
const CC: FinalBaseSize = { bytes: 21_600_000, source: LAB_CC, measured: true };

/** The final base of a rewrite, by the name its FROM gives it; undefined when no figure is known. */
export function finalBaseSize(image: string): FinalBaseSize | undefined {
  if (image === 'scratch') return { bytes: 0, source: 'scratch (empty)', measured: false };
  const m = /^gcr\.io\/distroless\/([a-z]+)(\d*)(?:-debian12)?(?::(?:latest|nonroot))?$/.exec(image);
  if (!m) return undefined;
  switch (m[1]) {
    case 'static':
      return STATIC;
    case 'cc':
      return CC;
    case 'nodejs':
      return { ...CC, source: `${LAB_CC}, plus Debian's nodejs`, runtime: ['nodejs'] };
    default:
      return undefined;
  }
}
