/** Lines with their terminators, so a changed line ending (CRLF ↔ LF) shows as a change. */
const splitLines = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

type Op = { kind: ' ' | '-' | '+'; line: string };

/**
 * Up to this many cells (changed lines before × after), the changed middle gets an exact LCS: a minimal diff, as
 * every fix of an ordinary file produces. Beyond it (a fix touching thousands of lines of a huge file: the table
 * would take gigabytes), lines found once on each side anchor the diff (patience diff) and the gaps between anchors
 * are diffed the same way, so the cost stays near-linear. Hand-written: jsdiff (npm `diff`) is O(N·D), 84 s of CPU
 * on a 53k-line file whose fix changes 13k lines; this takes well under a second there.
 */
const LCS_CELLS = 1_000_000;

/** Line operations turning `a` into `b`. */
function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  const ops: Op[] = [];
  diffRange(a, 0, a.length, b, 0, b.length, ops);
  return ops;
}

/** Appends the operations turning a[aStart, aEnd) into b[bStart, bEnd): common prefix and suffix trimmed first. */
function diffRange(a: readonly string[], aStart: number, aEnd: number, b: readonly string[], bStart: number, bEnd: number, ops: Op[]): void {
  while (aStart < aEnd && bStart < bEnd && a[aStart] === b[bStart]) {
    ops.push({ kind: ' ', line: a[aStart]! });
    aStart++;
    bStart++;
  }
  let suffix = 0;
  while (aEnd - suffix > aStart && bEnd - suffix > bStart && a[aEnd - suffix - 1] === b[bEnd - suffix - 1]) suffix++;
  const midA = a.slice(aStart, aEnd - suffix);
  const midB = b.slice(bStart, bEnd - suffix);
  if (midA.length * midB.length <= LCS_CELLS) diffByLcs(midA, midB, ops);
  else diffByAnchors(midA, midB, ops);
  for (let i = aEnd - suffix; i < aEnd; i++) ops.push({ kind: ' ', line: a[i]! });
}

function diffByLcs(midA: readonly string[], midB: readonly string[], ops: Op[]): void {
  const lcs = Array.from({ length: midA.length + 1 }, () => new Array<number>(midB.length + 1).fill(0));
  for (let i = midA.length - 1; i >= 0; i--) {
    for (let j = midB.length - 1; j >= 0; j--) {
      lcs[i]![j] = midA[i] === midB[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  while (i < midA.length || j < midB.length) {
    if (i < midA.length && j < midB.length && midA[i] === midB[j]) {
      ops.push({ kind: ' ', line: midA[i]! });
      i++;
      j++;
    } else if (i < midA.length && (j === midB.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      ops.push({ kind: '-', line: midA[i++]! }); // deletions first, as diff -u prints them
    } else {
      ops.push({ kind: '+', line: midB[j++]! });
    }
  }
}

function diffByAnchors(midA: readonly string[], midB: readonly string[], ops: Op[]): void {
  const anchors = uniqueCommonLines(midA, midB);
  if (anchors.length === 0) {
    // Nothing to line the two sides up by: all of one, then all of the other (a correct diff, if not a minimal one).
    for (const line of midA) ops.push({ kind: '-', line });
    for (const line of midB) ops.push({ kind: '+', line });
    return;
  }
  let i = 0;
  let j = 0;
  for (const [ai, bj] of anchors) {
    diffRange(midA, i, ai, midB, j, bj, ops);
    ops.push({ kind: ' ', line: midA[ai]! });
    i = ai + 1;
    j = bj + 1;
  }
  diffRange(midA, i, midA.length, midB, j, midB.length, ops);
}

/**
 * Pairs [i, j] of lines that occur exactly once in `a` and once in `b` with a[i] === b[j], the longest run of them
 * in the same order on both sides (patience sorting: O(k log k)).
 */
function uniqueCommonLines(a: readonly string[], b: readonly string[]): [number, number][] {
  const seen = new Map<string, { inA: number; inB: number; at: number }>();
  a.forEach((line, i) => {
    const entry = seen.get(line);
    if (entry) entry.inA++;
    else seen.set(line, { inA: 1, inB: 0, at: i });
  });
  const pairs: [number, number][] = [];
  b.forEach((line) => {
    const entry = seen.get(line);
    if (entry) entry.inB++;
  });
  b.forEach((line, j) => {
    const entry = seen.get(line);
    if (entry && entry.inA === 1 && entry.inB === 1) pairs.push([entry.at, j]);
  });
  pairs.sort((x, y) => x[0] - y[0]);
  // Longest increasing subsequence of the b positions, in a order.
  const tails: number[] = [];
  const previous = new Array<number>(pairs.length).fill(-1);
  pairs.forEach(([, j], k) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < j) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) previous[k] = tails[lo - 1]!;
    tails[lo] = k;
  });
  const chain: [number, number][] = [];
  for (let k = tails.length > 0 ? tails[tails.length - 1]! : -1; k >= 0; k = previous[k]!) chain.push(pairs[k]!);
  return chain.reverse();
}

/** A unified diff (`diff -u` style, 3 lines of context) of two texts, or '' when they are equal. */
export function unifiedDiff(before: string, after: string, path: string, context = 3): string {
  if (before === after) return '';
  const ops = diffLines(splitLines(before), splitLines(after));
  // Lines keep their own terminators (a CRLF file's diff applies with `patch` as is).
  const show = (op: Op): string => `${op.kind}${op.line}${op.line.endsWith('\n') ? '' : '\n\\ No newline at end of file\n'}`;
  // git-style a/ b/ prefixes for relative paths (`git apply`, `patch -p1`); absolute paths as they are (`patch -p0`).
  const [from, to] = path.startsWith('/') ? [path, path] : [`a/${path}`, `b/${path}`];
  let out = `--- ${from}\n+++ ${to}\n`;
  let k = 0;
  let counted = 0;
  let oldLine = 0;
  let newLine = 0;
  while (k < ops.length) {
    if (ops[k]!.kind === ' ') {
      k++;
      continue;
    }
    // A hunk: from `context` lines before this change to `context` lines after the last change near it.
    const from = Math.max(0, k - context);
    let to = k;
    while (to < ops.length) {
      let next = to;
      while (next < ops.length && ops[next]!.kind === ' ') next++;
      if (next >= ops.length || next - to > 2 * context) break;
      to = next;
      while (to < ops.length && ops[to]!.kind !== ' ') to++;
    }
    const end = Math.min(ops.length, to + context);
    const hunk = ops.slice(from, end);
    // Line numbers where the hunk starts: counted once over the ops, not again for every hunk.
    for (; counted < from; counted++) {
      if (ops[counted]!.kind !== '+') oldLine++;
      if (ops[counted]!.kind !== '-') newLine++;
    }
    const oldStart = oldLine + 1;
    const newStart = newLine + 1;
    const oldLen = hunk.filter((o) => o.kind !== '+').length;
    const newLen = hunk.filter((o) => o.kind !== '-').length;
    out += `@@ -${oldLen ? oldStart : oldStart - 1},${oldLen} +${newLen ? newStart : newStart - 1},${newLen} @@\n`;
    out += hunk.map(show).join('');
    k = end;
  }
  return out;
}
