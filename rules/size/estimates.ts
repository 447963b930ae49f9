import type { BuildContext } from '../../src/engine';
import { type DockerIgnore, loadIgnore } from '../../src/model/dockerignore';
import type { Stage } from '../../src/model';
import { baseFamily } from '../../src/optimize/bases';
import { DEBIAN_DATA, formatBytes, type SizeEstimate } from '../../src/sizes';

/** The Debian codename the shipped package data was generated on (`bookworm`). */
const DATA_CODENAME = /\((\w+)\)/.exec(DEBIAN_DATA.release)?.[1] ?? '';

/**
 * Whether the Debian package data describes what `apt-get` does in this stage: its image (through `FROM <stage>`)
 * is built on the same Debian release. Other releases and Ubuntu have other package sizes and lists, so a figure
 * from this data would be a guess there.
 */
export function debianDataApplies(stage: Stage | undefined | null): boolean {
  let s = stage;
  const seen = new Set<Stage>();
  while (s?.base.stage && !seen.has(s)) {
    seen.add(s);
    s = s.base.stage;
  }
  if (!s || s.base.isScratch || s.base.unresolvedArgs.length > 0) return false;
  const family = baseFamily(s.base.ref);
  return family.distro === 'debian' && family.codename === DATA_CODENAME;
}

/** ` (~180 MB)` for a message, or nothing when there is no estimate. */
export const sizeSuffix = (estimate: SizeEstimate | null | undefined): string => (estimate ? ` (${formatBytes(estimate.bytes)})` : '');

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
