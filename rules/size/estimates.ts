import type { BuildContext } from '../../src/engine';
import { type DockerIgnore, loadIgnore } from '../../src/model/dockerignore';
import { type BaseImage, finalImageStages, type ImageRef, instructionsOf, type SemanticModel, type Stage } from '../../src/model';
import { baseFamily } from '../../src/optimize/bases';
import { IMAGE_SIZES } from '../../src/optimize/baseVariants';
import { runtimePackages } from '../../src/optimize/buildPackages';
import type { InstructionNode } from '../../src/parse';
import { commandUses } from '../../src/shell/commandQueries';
import { hasOption, managerCommand, packageNames } from '../../src/shell/packageManagers';
import { DEBIAN_DATA, debianClosure, formatBytes, installedBytes, type SizeEstimate } from '../../src/sizes';
import { type FinalBaseSize, finalBaseSize } from '../../src/sizes/bases';

/** The Debian codename the shipped package data was generated on (`bookworm`). */
const DATA_CODENAME = /\((\w+)\)/.exec(DEBIAN_DATA.release)?.[1] ?? '';

/**
 * Whether the Debian package data describes what `apt-get` does in this stage: its image (through `FROM <stage>`)
 * is built on the same Debian release. Other releases and Ubuntu have other package sizes and lists, so a figure
 * from this data would be a guess there.
 */
export function debianDataApplies(stage: Stage | undefined | null): boolean {
  const root = stage?.rootBase;
  if (!root) return false;
  // Four rules ask for every finding of a stage, and baseFamily parses the image name each time. A WeakMap of
  // booleans, not a memo on the object: adding a property to a BaseImage would change its hidden class mid-lint.
  let applies = debianDataByBase.get(root);
  if (applies === undefined) debianDataByBase.set(root, (applies = debianDataAppliesTo(root)));
  return applies;
}

const debianDataByBase = new WeakMap<BaseImage, boolean>();

function debianDataAppliesTo(root: BaseImage): boolean {
  if (root.isScratch || root.unresolvedArgs.length > 0) return false;
  const family = baseFamily(root.ref);
  return family.distro === 'debian' && family.codename === DATA_CODENAME;
}

/** ` (~180 MB)` for a message, or nothing when there is no estimate. */
export const sizeSuffix = (estimate: SizeEstimate | null | undefined): string => (estimate ? ` (${formatBytes(estimate.bytes)})` : '');

/**
 * A change or delete of COPY'd files only, together smaller than this, is not reported (remove-in-same-layer,
 * modify-in-later-layer): over ../shared/corpus 74 of remove-in-same-layer's 145 findings deleted COPY'd files, mostly
 * install scripts and requirements lists (the sampled ones were 1.0 to 19 kB), while the COPY'd artifacts worth
 * reporting (.deb, .whl, .so, .tar.gz) weigh megabytes.
 */
export const SMALL_COPY_BYTES = 100_000;

/**
 * Names of the text files a build copies in to read once: scripts, package manifests and lock files, keys, config.
 * Each is a few kB; none is how an image gets large.
 */
const SMALL_TEXT =
  /(\.(sh|bash|zsh|ps1|py|rb|pl|txt|md|ya?ml|json|toml|ini|cfg|conf|list|gpg|asc|pub|pem|crt|xml|env|lock|properties)|^(Gemfile|Pipfile|Makefile|Dockerfile|go\.mod|go\.sum))\*?$/i;

const isSmallText = (path: string): boolean => SMALL_TEXT.test(path.replace(/.*\//, ''));

/** A COPY or ADD whose every source is such a text file by its name (not a directory, archive, URL or binary). */
function copiesOnlySmallText(inst: InstructionNode): boolean {
  if (inst.keyword !== 'COPY' && inst.keyword !== 'ADD') return false;
  const words = inst.execForm ?? inst.words.map((w) => w.value);
  const sources = words.slice(0, -1);
  return sources.length > 0 && sources.every((source) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(source) && isSmallText(source));
}

/**
 * Whether COPY'd files that a later RUN deletes or changes weigh too little for a size finding (issue 19 pattern 3):
 * `bytes` from the build context when known; without it, each item is small by name: a COPY/ADD all of whose sources
 * are text files as above, or (a string) one file's path inside what a COPY brought.
 */
export function smallCopies(bytes: number | null, items: ReadonlyArray<InstructionNode | string>): boolean {
  if (bytes !== null) return bytes < SMALL_COPY_BYTES;
  return items.length > 0 && items.every((item) => (typeof item === 'string' ? isSmallText(item) : copiesOnlySmallText(item)));
}

/** Size bound for summing a directory of the build context. */
const MAX_ENTRIES = 20000;
const GLOB = /[*?[]/;

/** A context source path as the context names it (`./a/` → `a`, `.` → `.`); null for globs and `..`. */
export const contextPath = (source: string): string | null => {
  const p = source.replace(/^\.\/+/, '').replace(/^\/+|(?<!\/)\/+$/g, '').replace(/\/\.$/, '') || '.';
  return GLOB.test(p) || p.split('/').includes('..') ? null : p;
};

/** Bytes of a context path (a directory summed, ignored files left out); null when unknown or too large to walk. */
export function contextBytes(context: BuildContext, path: string, ignore: DockerIgnore | null): number | null {
  let budget = MAX_ENTRIES;
  const walk = (p: string): number | null => {
    if (--budget < 0) return null;
    if (p !== '.' && ignore?.isIgnored(p)) return 0;
    const stat = p === '.' ? { size: 0, isDirectory: true } : context.stat(p);
    if (!stat) return null;
    if (!stat.isDirectory) return stat.size;
    let sum = 0;
    for (const name of context.list(p)) {
      const n = walk(p === '.' ? name : `${p}/${name}`);
      if (n === null) return null;
      sum += n;
    }
    return sum;
  };
  return walk(path);
}

/**
 * `contextBytes` for one rule run, with the context's .dockerignore read once and only when a size is asked for;
 * null when the lint has no build context.
 */
export function contextSizer(context: BuildContext | undefined): ((path: string) => number | null) | null {
  if (!context) return null;
  let ignore: DockerIgnore | null | undefined;
  return (path) => {
    if (ignore === undefined) ignore = loadIgnore(context)?.ignore ?? null;
    return contextBytes(context, path, ignore);
  };
}

/** The estimate for a build-context path that ends up in the image for nothing: its size, when known. */
export function contextEstimate(
  sizeOf: ((path: string) => number | null) | null,
  path: string | null | undefined,
  basis = 'size of the archive in the build context',
): SizeEstimate | null {
  const bytes = path && sizeOf ? sizeOf(path) : null;
  return bytes === null ? null : { bytes, basis };
}

/** The root bases whose size is known: Debian's, cited (the Debian data applies to no other). */
function rootBaseOf(ref: ImageRef): { mb: number; source: string } | undefined {
  if (baseFamily(ref).distro !== 'debian') return undefined;
  return /slim/.test(ref.tag ?? '') ? IMAGE_SIZES.debianSlim : IMAGE_SIZES.debian;
}

/** A rewrite's final base with its size: scratch, distroless (src/sizes/bases.ts) or debian:bookworm-slim (cited). */
function finalBaseOf(image: string): FinalBaseSize | undefined {
  if (image === IMAGE_SIZES.debianSlim.tag) return { bytes: Math.round(IMAGE_SIZES.debianSlim.mb * 1e6), source: IMAGE_SIZES.debianSlim.source, measured: false };
  return finalBaseSize(image);
}

/**
 * What a multi-stage build saves on a Debian 12 image that installs its toolchain with apt: the Installed-Size of
 * the build-only packages (with their dependencies and, unless turned off, Recommends) that the runtime packages do
 * not need, plus, when the size of the rewrite's final base (`rewrite`, the fix's text) is known (scratch, distroless,
 * debian:bookworm-slim), the root Debian base minus that base. Null where the data does not describe the image.
 */
export function multiStageEstimate(model: SemanticModel, rewrite: string | null): SizeEstimate | null {
  const lineage = finalImageStages(model);
  if (!debianDataApplies(lineage[lineage.length - 1])) return null;
  const instructions = instructionsOf(lineage);
  const installed = new Set<string>();
  for (const run of instructions) {
    if (run.keyword !== 'RUN') continue;
    for (const use of commandUses(run)) {
      const cmd = managerCommand(use.argv);
      if (cmd?.manager !== 'apt' || cmd.subcommand !== 'install') continue;
      const recommends =
        !hasOption(use.argv, '--no-install-recommends') && !use.argv.some((w) => /^(APT::Install-Recommends|--install-recommends)=(false|0|no|off)$/i.test(w.value));
      const names = packageNames(cmd);
      if (names.some((n) => /[$*?[]/.test(n))) return null;
      const closure = debianClosure(names, recommends);
      if (!closure) return null;
      for (const n of closure) installed.add(n);
    }
  }
  const finalBase = rewrite ? [...rewrite.matchAll(/^FROM\s+(?:--platform=\S+\s+)?(\S+)\s*$/gim)].pop()?.[1] : undefined;
  const to = finalBase ? finalBaseOf(finalBase) : undefined;
  // A final base that carries the runtime (distroless/nodejs) keeps what Debian's package of it installs.
  const runtimeInBase = to?.runtime ?? [];
  const kept = debianClosure([...runtimePackages(instructions), ...runtimeInBase], false) ?? new Set<string>();
  // apt lists an `apt-get update` leaves (not deleted in its own RUN) stay behind in the builder too.
  const listsLeft = instructions.some(
    (i) => i.keyword === 'RUN' && /\bapt-get\s+update\b/.test(i.argsText.text) && !i.argsText.text.includes('/var/lib/apt/lists'),
  );
  const build = [...installed].filter((n) => !kept.has(n));
  const from = rootBaseOf(lineage[0]!.base.ref);
  // Moving off the root base saves it less the new base; a rewrite onto a base as large saves nothing there.
  const baseSaving = from && to ? Math.round(from.mb * 1e6) - to.bytes : 0;
  if (build.length === 0 && baseSaving <= 0) return null;
  const parts: string[] = [];
  let bytes = 0;
  if (build.length > 0) {
    bytes += installedBytes(build);
    parts.push(`Installed-Size of the ${build.length} build packages a builder stage keeps (${DEBIAN_DATA.release} data)`);
    if (runtimeInBase.length > 0) parts[0] += `, less ${runtimeInBase.join(', ')}, which ${finalBase} brings`;
  }
  if (listsLeft) {
    bytes += DEBIAN_DATA.aptListsBytes;
    parts.push('the apt lists left by apt-get update (measured)');
  }
  if (baseSaving > 0) {
    bytes += baseSaving;
    parts.push(`${from!.source} minus ${to!.source}`);
  }
  const basis = parts.join(', plus ');
  return { bytes, basis, wholeImage: true };
}
