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
  const taken: TextEdit[] = [];
  const applied: number[] = [];
  let deferred = 0;
  for (const [index, group] of groups.entries()) {
    const sorted = [...group].sort((a, b) => a.start - b.start || a.end - b.end);
    const selfOverlap = sorted.some((e, i) => i > 0 && conflict(sorted[i - 1]!, e));
    if (selfOverlap || sorted.some((e) => taken.some((t) => conflict(e, t)))) {
      deferred++;
      continue;
    }
    taken.push(...sorted);
    applied.push(index);
  }
  taken.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const edit of taken) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return { text: out + text.slice(at), applied, deferred };
}

/** Edits conflict when their ranges intersect, or when they start at the same offset (the order would be a guess). */
const conflict = (a: TextEdit, b: TextEdit): boolean => (a.start < b.end && b.start < a.end) || a.start === b.start;
