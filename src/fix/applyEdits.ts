import type { TextEdit } from '../engine';

export interface AppliedEdits {
  readonly text: string;
  /** Indexes (into the groups given) of the groups applied. */
  readonly applied: readonly number[];
  /** Edit groups left for a later pass because they overlapped one applied before them. */
  readonly deferred: number;
}

/**
 * Applies groups of edits (one group per fix: all or nothing) to the original text. Groups are taken in the order
 * given; a group that overlaps an edit already taken waits for the next pass, as in ESLint. Two insertions at the
 * same offset count as overlapping, so their order is never a guess.
 */
export function applyEdits(text: string, groups: readonly (readonly TextEdit[])[]): AppliedEdits {
  // Kept sorted by start. Edits taken never conflict, so they are disjoint and their ends rise with their starts:
  // the only ones a new edit can clash with sit where it would go, found by binary search. Checking every edit
  // taken so far made a file with thousands of fixes quadratic (fuzz seed 1 #3768, 4,300 RUNs: fix 1.2 s).
  const taken: TextEdit[] = [];
  const applied: number[] = [];
  let deferred = 0;
  for (const [index, group] of groups.entries()) {
    const sorted = [...group].sort((a, b) => a.start - b.start || a.end - b.end);
    const selfOverlap = sorted.some((e, i) => i > 0 && conflict(sorted[i - 1]!, e));
    if (selfOverlap || sorted.some((e) => clashesWithTaken(text, taken, e))) {
      deferred++;
      continue;
    }
    for (const e of sorted) taken.splice(firstIndex(taken, (t) => t.start >= e.start), 0, e);
    applied.push(index);
  }
  let out = '';
  let at = 0;
  for (const edit of taken) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return { text: out + text.slice(at), applied, deferred };
}

/** Lowest index whose edit satisfies `ok`, which must be false then true along the array (`edits.length` if none). */
function firstIndex(edits: readonly TextEdit[], ok: (t: TextEdit) => boolean): number {
  let [lo, hi] = [0, edits.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ok(edits[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Whether `e` conflicts with or touches an edit taken. Every such edit ends at or after `e.start` and starts at or
 * before `e.end`, a run of the sorted array; past its first edit or two, each one in it overlaps `e`.
 */
function clashesWithTaken(text: string, taken: readonly TextEdit[], e: TextEdit): boolean {
  for (let i = firstIndex(taken, (t) => t.end >= e.start); i < taken.length && taken[i]!.start <= e.end; i++) {
    const t = taken[i]!;
    if (conflict(e, t) || touches(text, e, t) || touches(text, t, e)) return true;
  }
  return false;
}

/**
 * Between fixes, an insertion `a` right after text that another fix `b` replaces also waits: it was placed after
 * that text, which `b` rewrites (clean-package-cache's ` && npm cache clean` after the RUN that cache-order had
 * rewritten ended up after `COPY . .`). The next pass places it again on the new text. Only when the replaced text
 * ends in a non-blank character: a range ending in blanks (chain-run's join up to `RUN `) leaves what the insertion
 * precedes as it was.
 */
const touches = (text: string, a: TextEdit, b: TextEdit): boolean =>
  a.start === a.end && b.start < b.end && a.start === b.end && /\S/.test(text[b.end - 1] ?? '');

/** Edits conflict when their ranges intersect, or when they start at the same offset (the order would be a guess). */
const conflict = (a: TextEdit, b: TextEdit): boolean => (a.start < b.end && b.start < a.end) || a.start === b.start;
