import type { Finding, FindingFix } from '../engine';
import { flatCopy, type Position, type Range, SourceText } from '../parse/source';

/** A range as people and CI read it: 1-based lines and columns (UTF-16 code units), the end exclusive. */
export interface OneBasedRange {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export const oneBased = (range: Range): OneBasedRange => ({
  line: range.start.line + 1,
  column: range.start.column + 1,
  endLine: range.end.line + 1,
  endColumn: range.end.column + 1,
});

/** A fix's edit with both its offsets into the linted text and, when that text is known, its 1-based range. */
export type ReportedEdit = Partial<OneBasedRange> & { readonly start: number; readonly end: number; readonly text: string };

/**
 * The fix's edits in source order. Positions come from the same line table as findings' ranges (lines end at `\n`),
 * so a CRLF file gets the same lines and columns as its LF twin.
 */
export function reportedEdits(fix: FindingFix, source: SourceLines | undefined): ReportedEdit[] {
  return [...fix.edits]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((edit) => (source ? { ...oneBased(source.range(edit.start, edit.end)), start: edit.start, end: edit.end, text: edit.text } : { ...edit }));
}

/** The line table of a result's source, when the caller gave one. */
export const sourceOf = (text: string | undefined): SourceText | undefined => (text === undefined ? undefined : new SourceText(text));

/**
 * What reporters read of a file's text: the content of a flagged line (fingerprints) and fix edits' offsets as
 * positions. A SourceText is one; sourceLinesFor keeps only the part of it that given findings need.
 */
export interface SourceLines {
  lineText(line: number): string;
  range(startOffset: number, endOffset: number): Range;
}

/** A result's SourceLines: the ones it carries, else its whole source's. */
export const linesOf = (result: { readonly source?: string; readonly sourceLines?: SourceLines }): SourceLines | undefined =>
  result.sourceLines ?? sourceOf(result.source);

/**
 * Of a file's text, what the reporters read for these findings and nothing more: the lines where findings start and
 * the positions of their fixes' edits. A run over a tree keeps its results until every file is linted; this keeps
 * a few lines of each file instead of its whole text. The lines are copies: a slice would keep the whole text alive.
 */
export function sourceLinesFor(source: SourceText, findings: readonly Finding[]): SourceLines {
  // The result holds plain arrays (a file has a few findings, and a Map's table costs more than its entries); the
  // Sets here only dedupe while building, so a file with thousands of findings is not searched once per finding.
  const seenLines = new Set<number>();
  const seenOffsets = new Set<number>();
  const lines: number[] = [];
  const texts: string[] = [];
  const offsets: number[] = [];
  const positions: Position[] = [];
  for (const finding of findings) {
    const line = finding.range.start.line;
    if (!seenLines.has(line)) {
      seenLines.add(line);
      texts[lines.push(line) - 1] = flatCopy(source.lineText(line));
    }
    for (const edit of finding.fix?.edits ?? []) {
      for (const offset of [edit.start, edit.end]) {
        if (seenOffsets.has(offset)) continue;
        seenOffsets.add(offset);
        positions[offsets.push(offset) - 1] = source.positionAt(offset);
      }
    }
  }
  return new KeptLines(lines, texts, offsets, positions);
}

/**
 * A finding as a run over many files keeps it until the report: the same, with its strings detached. Messages and fix
 * texts quote the file, and V8 keeps a slice of a string (or a concatenation holding one) as a pointer into the whole
 * string: kept as they come, a few findings would keep the whole text of every file alive.
 */
export function keptFinding(finding: Finding): Finding {
  const { fix, related, estimate, fixDeclined } = finding;
  return {
    ...finding,
    message: flatCopy(finding.message),
    docsUrl: interned(finding.docsUrl),
    fix: fix && {
      ...fix,
      edits: fix.edits.map((edit) => ({ ...edit, text: flatCopy(edit.text) })),
      ...(fix.files ? { files: fix.files.map((file) => ({ ...file, append: flatCopy(file.append) })) } : {}),
      ...(fix.description !== undefined ? { description: flatCopy(fix.description) } : {}),
      ...(fix.explanation ? { explanation: fix.explanation.map(flatCopy) } : {}),
    },
    ...(related ? { related: related.map((r) => ({ ...r, message: flatCopy(r.message) })) } : {}),
    ...(estimate ? { estimate: { ...estimate, basis: flatCopy(estimate.basis) } } : {}),
    ...(fixDeclined !== undefined ? { fixDeclined: flatCopy(fixDeclined) } : {}),
  };
}

/** One copy of each documentation URL for the whole run (each finding's own is built from its rule id). */
const urls = new Map<string, string>();
const interned = (url: string): string => {
  const known = urls.get(url);
  if (known !== undefined) return known;
  urls.set(url, url);
  return url;
};

/** Kept lines that a worker thread sent (postMessage copies an object's own data, not its class). */
export function revivedSourceLines(copy: SourceLines): SourceLines {
  const { lines, texts, offsets, positions } = copy as unknown as KeptLines;
  return new KeptLines(lines, texts, offsets, positions);
}

class KeptLines implements SourceLines {
  /** Indexes of lines and offsets, built on the first look-up of a file with many of them (see indexOf). */
  private lineIndex?: Map<number, number>;
  private offsetIndex?: Map<number, number>;

  constructor(
    readonly lines: readonly number[],
    readonly texts: readonly string[],
    readonly offsets: readonly number[],
    readonly positions: readonly Position[],
  ) {}

  lineText(line: number): string {
    const i = this.lines.length > MANY ? (this.lineIndex ??= indexOf(this.lines)).get(line) ?? -1 : this.lines.indexOf(line);
    if (i < 0) throw new Error(`line ${line} was not kept for the report`);
    return this.texts[i]!;
  }

  range(startOffset: number, endOffset: number): Range {
    const start = this.positions[this.offsetAt(startOffset)];
    const end = this.positions[this.offsetAt(endOffset)];
    if (!start || !end) throw new Error(`offsets ${startOffset}-${endOffset} were not kept for the report`);
    return { start, end };
  }

  private offsetAt(offset: number): number {
    return this.offsets.length > MANY ? ((this.offsetIndex ??= indexOf(this.offsets)).get(offset) ?? -1) : this.offsets.indexOf(offset);
  }
}

/**
 * Past this many kept lines (or offsets), look-ups go through a Map built once: each reporter reads every finding's
 * line, and a search per finding made reporting a file with thousands of findings quadratic (a 3,700-line fuzz
 * input spent a tenth of its lint there). Below it, a search of a short array costs less than building a Map.
 */
const MANY = 32;

const indexOf = (values: readonly number[]): Map<number, number> => new Map(values.map((value, i) => [value, i]));
