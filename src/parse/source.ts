/** A position in the source: 0-based line and column (UTF-16 code units, as in JS strings and LSP) plus absolute offset. */
export interface Position {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/**
 * The exact text of a Dockerfile with a line table, so every layer above can move between offsets and
 * line/column without re-scanning. The text is kept byte-for-byte (BOM and CRLF included) because fixes edit it.
 */
export class SourceText {
  readonly text: string;
  /** Offset of the first character of each line. */
  readonly lineStarts: readonly number[];
  readonly hasBom: boolean;
  /** The dominant line ending, used when a fix has to write new lines. */
  readonly eol: '\n' | '\r\n';

  constructor(text: string) {
    this.text = text;
    this.hasBom = text.charCodeAt(0) === 0xfeff;
    const starts = [0];
    let crlf = 0;
    let lf = 0;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
      if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
      else lf++;
      starts.push(i + 1);
    }
    this.lineStarts = starts;
    this.eol = crlf > lf ? '\r\n' : '\n';
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  offsetAt(line: number, column: number): number {
    const start = this.lineStarts[Math.min(Math.max(line, 0), this.lineStarts.length - 1)] ?? 0;
    return Math.min(start + column, this.text.length);
  }

  positionAt(offset: number): Position {
    const clamped = Math.min(Math.max(offset, 0), this.text.length);
    const lo = lineOf(this.lineStarts, clamped);
    return { line: lo, column: clamped - (this.lineStarts[lo] ?? 0), offset: clamped };
  }

  position(line: number, column: number): Position {
    // The common case, a column inside the line (or at its end): no search for the line of the offset.
    const starts = this.lineStarts;
    if (line >= 0 && line < starts.length && column >= 0) {
      const offset = starts[line]! + column;
      if (offset < (starts[line + 1] ?? this.text.length + 1) && offset <= this.text.length) return { line, column, offset };
    }
    return this.positionAt(this.offsetAt(line, column));
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  slice(range: Range): string {
    return this.text.slice(range.start.offset, range.end.offset);
  }

  /** Text of a line without its line terminator. */
  lineText(line: number): string {
    const start = this.lineStarts[line] ?? this.text.length;
    let end = this.lineStarts[line + 1] ?? this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }
}

/**
 * Where and what to insert so that `lines` (each ending in `eol`) come after everything in `text`, on lines of their
 * own. A text ending in lone carriage returns keeps them last: a line break written after one would make a CRLF of
 * it, a line ending the file did not have (BuildKit reads a lone `\r` as a blank on its line, so it stays one).
 */
export function appendLines(text: string, lines: string, eol: string): { readonly at: number; readonly text: string } {
  let at = text.length;
  while (at > 0 && text.charCodeAt(at - 1) === 13) at--;
  const lineEnded = at === 0 || text.charCodeAt(at - 1) === 10;
  return { at, text: (lineEnded ? '' : eol) + lines };
}

/** The last line starting at or before `offset`, by binary search of a table of line (or segment) starts. */
export function lineOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Text without surrogates goes through UTF-8 and back unchanged, five times faster than through JSON (4 kB: 2 vs 11
 * µs; the language server copies every instruction it parses anew). A lone surrogate would come back as U+FFFD, so
 * text with any surrogate goes through JSON, which keeps it.
 */
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The same characters in a string of their own: V8 makes a slice of 13 characters or more a view into its parent, and
 * a concatenation of them a tree over its parts, either of which keeps the other strings alive as long as it lives.
 * For what outlives the text it was cut from (memo keys, kept parses, findings held until a report). Shorter strings
 * are always flat copies already.
 */
export const flatCopy = (s: string): string =>
  s.length < 13 ? s : SURROGATE.test(s) ? (JSON.parse(JSON.stringify(s)) as string) : Buffer.from(s, 'utf8').toString('utf8');

let _flattenedSink = 0;

/**
 * The string, made one piece in place: V8 keeps a concatenation as a tree over its parts until something reads its
 * characters, and reading one makes it flatten the tree into one string (the parts become garbage). For what a lint
 * keeps until it ends and builds from many parts: a fix's text (chain-run's joins were trees of ~20 parts each, 3 MB
 * of what a lint of the fuzz's 4,383 RUNs holds). The character read goes to `_flattenedSink` (written, never read)
 * so that no compiler drops the read as unused.
 */
export const flattened = (s: string): string => {
  _flattenedSink ^= s.charCodeAt(0) | 0;
  return s;
};

