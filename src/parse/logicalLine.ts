import { flatCopy, lineOf } from './source';

/**
 * The text Docker actually sees for one instruction: escaped newlines removed, and comment lines and blank lines
 * inside a continuation dropped (as BuildKit does). `sourceOffset(i)` is the source offset of logical character i
 * (and of the end, at i = text.length), so anything found in the logical text maps back to an exact source range.
 */
export interface LogicalText {
  readonly text: string;
  /** Source offset of logical character `i` (0 ≤ i ≤ text.length), undefined outside that. */
  sourceOffset(i: number): number | undefined;
  /** Every `sourceOffset(i)` as an array (built on first use: most callers only need a few offsets). */
  readonly sourceOffsets: readonly number[];
  /** The logical text from character `from` on, mapped to the same source. */
  slice(from: number): LogicalText;
}

/**
 * The map is kept as one entry per joined physical line (where its kept part starts, logically and in the source),
 * not one number per character: the parser joins every instruction of every lint, and a per-character array was
 * the largest single allocation of a lint (about 300 KB for a 300-line file, with the copy for the arguments).
 */
class JoinedText implements LogicalText {
  private offsets: number[] | undefined;
  constructor(
    readonly text: string,
    /** Logical start of each segment, ascending, relative to the unsliced text. */
    private readonly logicalStarts: readonly number[],
    private readonly sourceStarts: readonly number[],
    /** Source offset of the end (logical index text.length). */
    private readonly end: number,
    /** Where this text starts in the unsliced text. */
    private readonly base: number,
  ) {}

  sourceOffset(i: number): number | undefined {
    if (!(i >= 0 && i <= this.text.length) || !Number.isInteger(i)) return undefined;
    if (i === this.text.length) return this.end;
    const at = i + this.base;
    const segment = lineOf(this.logicalStarts, at);
    return this.sourceStarts[segment]! + (at - this.logicalStarts[segment]!);
  }

  get sourceOffsets(): readonly number[] {
    if (this.offsets === undefined) {
      const offsets: number[] = [];
      for (let i = 0; i <= this.text.length; i++) offsets.push(this.sourceOffset(i)!);
      this.offsets = offsets;
    }
    return this.offsets;
  }

  slice(from: number): LogicalText {
    const f = Math.max(0, Math.min(from, this.text.length));
    return new JoinedText(this.text.slice(f), this.logicalStarts, this.sourceStarts, this.end, this.base + f);
  }
}

/**
 * Joins the physical lines of `text` starting at `start` until a line that does not continue, or `limit`.
 * The first segment may start mid-line (after the keyword or flags). With `detach`, the logical text is a copy of its
 * own rather than a slice of `text` (which would keep all of `text` alive as long as it is).
 */
export function joinContinuations(text: string, start: number, limit: number, escapeChar: string, detach = false): LogicalText {
  const escape = escapeChar.charCodeAt(0);
  let out = '';
  // Most instructions are one line: their one segment is kept in `onlySource`, and the growable arrays are made only
  // when a second segment comes (an empty array's first push reserves room for many entries, twice per instruction).
  let onlySource = -1;
  let logicalStarts: number[] | undefined;
  let sourceStarts: number[] | undefined;
  let pos = start;
  let first = true;
  while (pos < limit) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1 || nl > limit) nl = limit;
    // BuildKit trims every `\r` before the newline, not just a CRLF's.
    let lineEnd = nl;
    while (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    if (!first) {
      // A comment line or a blank line inside a continuation is dropped.
      let c = pos;
      while (c < lineEnd && (text.charCodeAt(c) === 32 || text.charCodeAt(c) === 9)) c++;
      if (c === lineEnd || text.charCodeAt(c) === 35) {
        pos = nl + 1;
        continue;
      }
    }
    first = false;
    // The line continues if it ends with the escape character (blanks after it allowed), which is then dropped.
    let end = lineEnd;
    while (end > pos && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
    const continues = end > pos && text.charCodeAt(end - 1) === escape;
    const keep = continues ? end - 1 - pos : lineEnd - pos;
    if (keep > 0) {
      if (onlySource === -1) {
        onlySource = pos;
      } else {
        if (!logicalStarts || !sourceStarts) {
          logicalStarts = [0];
          sourceStarts = [onlySource];
        }
        logicalStarts.push(out.length);
        sourceStarts.push(pos);
      }
      out += text.slice(pos, pos + keep);
    }
    if (!continues) return joined(detach ? flatCopy(out) : out, onlySource, logicalStarts, sourceStarts, pos + keep);
    pos = nl + 1;
  }
  return joined(detach ? flatCopy(out) : out, onlySource, logicalStarts, sourceStarts, Math.min(pos, limit));
}

/** Shared segment maps of texts with no segment and of one-segment texts (JoinedText never writes to them). */
const NO_SEGMENTS: readonly number[] = [];
const FIRST_SEGMENT: readonly number[] = [0];

function joined(out: string, onlySource: number, logicalStarts: number[] | undefined, sourceStarts: number[] | undefined, end: number): JoinedText {
  if (logicalStarts && sourceStarts) return new JoinedText(out, logicalStarts, sourceStarts, end, 0);
  return onlySource === -1 ? new JoinedText(out, NO_SEGMENTS, NO_SEGMENTS, end, 0) : new JoinedText(out, FIRST_SEGMENT, [onlySource], end, 0);
}
