/** Lines with their terminators, so a changed line ending (CRLF ↔ LF) shows as a change. */
const splitLines = (text: string): string[] => text.match(/[^\n]*\n|[^\n]+$/g) ?? [];

type Op = { kind: ' ' | '-' | '+'; line: string };

/** Line operations turning `a` into `b`: common prefix and suffix trimmed, LCS on the changed middle. */
function diffLines(a: string[], b: string[]): Op[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  // LCS table over the changed middle only; fixes change a few lines, so it stays small.
  const lcs = Array.from({ length: midA.length + 1 }, () => new Array<number>(midB.length + 1).fill(0));
  for (let i = midA.length - 1; i >= 0; i--) {
    for (let j = midB.length - 1; j >= 0; j--) {
      lcs[i]![j] = midA[i] === midB[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: Op[] = a.slice(0, start).map((line) => ({ kind: ' ', line }));
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
  for (const line of a.slice(endA)) ops.push({ kind: ' ', line });
  return ops;
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
    const oldStart = ops.slice(0, from).filter((o) => o.kind !== '+').length + 1;
    const newStart = ops.slice(0, from).filter((o) => o.kind !== '-').length + 1;
    const oldLen = hunk.filter((o) => o.kind !== '+').length;
    const newLen = hunk.filter((o) => o.kind !== '-').length;
    out += `@@ -${oldLen ? oldStart : oldStart - 1},${oldLen} +${newLen ? newStart : newStart - 1},${newLen} @@\n`;
    out += hunk.map(show).join('');
    k = end;
  }
  return out;
}
