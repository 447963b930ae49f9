/**
 * The text Docker actually sees for one instruction: escaped newlines removed, and comment lines and blank lines
 * inside a continuation dropped (as BuildKit does). `sourceOffsets[i]` is the source offset of logical character i
 * (one extra entry for the end), so anything found in the logical text maps back to an exact source range.
 */
export interface LogicalText {
  readonly text: string;
  readonly sourceOffsets: readonly number[];
}

const isBlank = (s: string): boolean => /^[ \t]*$/.test(s);
const isComment = (s: string): boolean => /^[ \t]*#/.test(s);

/** Length of the line's content once a trailing escape character (and whitespace after it) is removed, or -1. */
function continuationCut(line: string, escapeChar: string): number {
  let end = line.length;
  while (end > 0 && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return end > 0 && line[end - 1] === escapeChar ? end - 1 : -1;
}

/**
 * Joins the physical lines of `text` starting at `start` until a line that does not continue, or `limit`.
 * The first segment may start mid-line (after the keyword or flags).
 */
export function joinContinuations(text: string, start: number, limit: number, escapeChar: string): LogicalText {
  let out = '';
  const offsets: number[] = [];
  let pos = start;
  let first = true;
  while (pos < limit) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1 || nl > limit) nl = limit;
    // BuildKit trims every `\r` before the newline, not just a CRLF's.
    let lineEnd = nl;
    while (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    const line = text.slice(pos, lineEnd);
    if (!first && (isComment(line) || isBlank(line))) {
      pos = nl + 1;
      continue;
    }
    first = false;
    const cut = continuationCut(line, escapeChar);
    const keep = cut === -1 ? line.length : cut;
    for (let i = 0; i < keep; i++) offsets.push(pos + i);
    out += line.slice(0, keep);
    if (cut === -1) {
      offsets.push(pos + keep);
      return { text: out, sourceOffsets: offsets };
    }
    pos = nl + 1;
  }
  offsets.push(Math.min(pos, limit));
  return { text: out, sourceOffsets: offsets };
}
