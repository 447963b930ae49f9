import { DEBIAN_DATA } from './debianData';

export type { DebianSizeData } from './types';
export { DEBIAN_DATA };

/** A size a finding is worth, and where the figure comes from. */
export interface SizeEstimate {
  readonly bytes: number;
  /** What the figure rests on, one phrase: `Installed-Size of gcc and its dependencies (Debian 12)`. */
  readonly basis: string;
  /**
   * The figure is for the whole final image (a multi-stage rewrite): it includes what the other size findings of
   * the file would save, so a sum over fixes counts it alone.
   */
  readonly wholeImage?: boolean;
  /**
   * Names the bytes the figure is about when two findings can be about the same ones (the lists of one
   * `apt-get update`: left behind, says clean-package-cache; deleted too late, says remove-in-same-layer): a sum
   * counts each name once.
   */
  readonly same?: string;
}

/** What a set of applied fixes saves: the sum of their estimates, or a whole-image estimate alone (see wholeImage). */
export function sumEstimates(estimates: Iterable<SizeEstimate | null | undefined>): { bytes: number; counted: number } {
  const known = [...estimates].filter((e): e is SizeEstimate => !!e);
  const whole = known.filter((e) => e.wholeImage);
  const seen = new Set<string>();
  const counted = (whole.length > 0 ? whole : known).filter((e) => e.same === undefined || (!seen.has(e.same) && !!seen.add(e.same)));
  return { bytes: counted.reduce((sum, e) => sum + e.bytes, 0), counted: counted.length };
}

/**
 * `~180 MB`, `~12 kB`: decimal units, as `docker images` shows sizes; two significant digits under 10. A measured
 * figure (`approximate` false) has no `~`; a negative one (an image that grew) keeps its sign.
 */
export function formatBytes(bytes: number, approximate = true): string {
  if (bytes < 0) return `-${formatBytes(-bytes, false)}`.replace(/^-/, approximate ? '~-' : '-');
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const shown = unit === 0 || value >= 10 ? Math.round(value).toString() : value.toFixed(1).replace(/\.0$/, '');
  return `${approximate ? '~' : ''}${shown} ${units[unit]}`;
}

const BASE: ReadonlySet<string> = new Set(DEBIAN_DATA.base);
const RELEASE = DEBIAN_DATA.release.replace(/ \(.*\)$/, '');

/** A package's name as apt-get takes it, without `=version`, `/release` or `:arch`. */
const bareName = (name: string): string => name.replace(/[=/].*$/, '').replace(/:[a-z0-9]+$/, '');

/**
 * Packages `apt-get install` adds to a Debian image beyond what the base has, with Recommends unless told otherwise;
 * null when a name is not in the data (a guess would have no basis).
 */
export function debianClosure(names: readonly string[], recommends: boolean): Set<string> | null {
  const stack: string[] = [];
  for (const raw of names) {
    const name = bareName(raw);
    if (BASE.has(name)) continue;
    if (!DEBIAN_DATA.packages[name]) return null;
    stack.push(name);
  }
  // After the names are known: most installs name a package the data lacks (or a variable), and end above.
  const seen = new Set<string>();
  while (stack.length > 0) {
    const name = stack.pop()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const [, depends, recommended] = DEBIAN_DATA.packages[name]!;
    stack.push(...depends);
    if (recommends) stack.push(...recommended);
  }
  return seen;
}

/** Installed-Size (KiB) of the packages, in bytes. */
export const installedBytes = (names: Iterable<string>): number => {
  let kib = 0;
  for (const n of names) kib += DEBIAN_DATA.packages[n]?.[0] ?? 0;
  return kib * 1024;
};

/** What `apt-get install` of `names` would add with Recommends beyond what it adds without them. */
export function debianRecommendsEstimate(names: readonly string[]): SizeEstimate | null {
  const all = debianClosure(names, true);
  const required = debianClosure(names, false);
  if (!all || !required) return null;
  const extra = [...all].filter((n) => !required.has(n));
  return {
    bytes: installedBytes(extra),
    basis: `Installed-Size of the ${extra.length} recommended packages apt would add (${RELEASE} data)`,
  };
}

/**
 * Bytes `apt-get remove|purge` of `names` frees: the named packages only, or with `--auto-remove` also their
 * dependencies that nothing else in `kept` needs.
 */
export function debianRemovalEstimate(names: readonly string[], autoRemove: boolean, kept: readonly string[]): SizeEstimate | null {
  const removed = debianClosure(names, false);
  if (!removed) return null;
  if (!autoRemove) {
    const direct = names.map(bareName).filter((n) => removed.has(n));
    return { bytes: installedBytes(direct), basis: `Installed-Size of ${direct.join(', ') || 'nothing outside the base image'} (${RELEASE} data)` };
  }
  const stays = debianClosure(kept, false);
  if (!stays) return null;
  const freed = [...removed].filter((n) => !stays.has(n));
  return { bytes: installedBytes(freed), basis: `Installed-Size of ${freed.length} packages and dependencies removed (${RELEASE} data)` };
}

/**
 * `/var/lib/apt/lists` after `apt-get update` of Debian's default sources, measured by scripts/size-data.ts; `updateLine`
 * (the line of the RUN that updated) names the bytes, so that a sum counts the lists of one update once.
 */
export const aptListsEstimate = (updateLine?: number): SizeEstimate => ({
  bytes: DEBIAN_DATA.aptListsBytes,
  ...(updateLine !== undefined ? { same: `apt lists of the RUN at line ${updateLine}` } : {}),
  basis: `/var/lib/apt/lists after apt-get update on ${RELEASE}${DEBIAN_DATA.aptListsCompressed ? ' (lists kept compressed, as in Debian images)' : ''}`,
});

/** Parses a `minSavings` value: a number of bytes, or `500kB`, `1MB`, `2MiB`, `1.5 GB`. */
export function parseSize(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([kKMG]i?B|B)?\s*$/.exec(value);
  if (!m) return null;
  const factors: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, KiB: 1024, kiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3 };
  const factor = factors[m[2] ?? 'B'];
  return factor === undefined ? null : Math.round(Number(m[1]) * factor);
}
