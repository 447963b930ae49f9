import type { FindingFix } from '../engine';
import { type Range, SourceText } from '../parse/source';

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
export function reportedEdits(fix: FindingFix, source: SourceText | undefined): ReportedEdit[] {
  return [...fix.edits]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((edit) => (source ? { ...oneBased(source.range(edit.start, edit.end)), start: edit.start, end: edit.end, text: edit.text } : { ...edit }));
}

/** The line table of a result's source, when the caller gave one. */
export const sourceOf = (text: string | undefined): SourceText | undefined => (text === undefined ? undefined : new SourceText(text));
