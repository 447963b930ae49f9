/**
 * Every mapping from dfopt's types to the protocol's, in one place: findings to diagnostics, offsets to positions,
 * fixes to text edits. Everything else in src/lsp works on dfopt's own types.
 */
import {
  type Diagnostic,
  DiagnosticSeverity,
  DiagnosticTag,
  type Position as LspPosition,
  type Range as LspRange,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { Finding, Severity, TextEdit } from '../engine';
import type { Range, SourceText } from '../parse/source';

export const SOURCE = 'dfopt';

/** LSP has no "style": it is the least severe level an editor shows, as with info. */
const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  style: DiagnosticSeverity.Hint,
};

/**
 * Editors draw Unnecessary faded and Deprecated struck through; only findings whose flagged text is exactly that
 * get a tag (a whole MAINTAINER line is deprecated, a `--platform=$TARGETPLATFORM` flag does nothing).
 */
const TAGS: Readonly<Record<string, readonly DiagnosticTag[]>> = {
  'no-maintainer': [DiagnosticTag.Deprecated],
  'legacy-key-value-format': [DiagnosticTag.Deprecated],
  'redundant-target-platform': [DiagnosticTag.Unnecessary],
  'no-empty-continuation': [DiagnosticTag.Unnecessary],
};

export const toLspRange = (range: Range): LspRange => ({
  start: { line: range.start.line, character: range.start.column },
  end: { line: range.end.line, character: range.end.column },
});

export const toLspPosition = (source: SourceText, offset: number): LspPosition => {
  const p = source.positionAt(offset);
  return { line: p.line, character: p.column };
};

export const offsetOf = (source: SourceText, position: LspPosition): number => source.offsetAt(position.line, position.character);

export function toTextEdits(source: SourceText, edits: readonly TextEdit[]): LspTextEdit[] {
  return edits.map((e) => ({
    range: { start: toLspPosition(source, e.start), end: toLspPosition(source, e.end) },
    newText: e.text,
  }));
}

export function toDiagnostic(finding: Finding, uri: string): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toLspRange(finding.range),
    severity: SEVERITY[finding.severity],
    // The rule id, as in `dfopt rules`, `--rule` and inline directives; the hadolint code is in the message's tail.
    // Code actions find the finding again by this code and the range, which clients send back as they got them;
    // no `data` copy of the rule id, as diagnostics go out on every keystroke.
    code: finding.ruleId,
    codeDescription: { href: finding.docsUrl },
    source: SOURCE,
    message: finding.code && !finding.code.includes(' ') ? `${finding.message} (${finding.code})` : finding.message,
  };
  const tags = TAGS[finding.ruleId];
  if (tags) diagnostic.tags = [...tags];
  if (finding.related && finding.related.length > 0) {
    diagnostic.relatedInformation = finding.related.map((r) => ({ location: { uri, range: toLspRange(r.range) }, message: r.message }));
  }
  return diagnostic;
}

/** A diagnostic that is not a finding (a config error, a rule that crashed): on the first line, so it is always seen. */
export function fileDiagnostic(source: SourceText, code: string, message: string, severity: DiagnosticSeverity): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: source.lineText(0).length } },
    severity,
    code,
    source: SOURCE,
    message,
  };
}

/** One edit covering only what changed, so applying a whole-file result keeps the cursor and folds elsewhere. */
export function minimalEdit(source: SourceText, after: string): LspTextEdit | null {
  const before = source.text;
  if (before === after) return null;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  // Never split a surrogate pair or a CRLF: widen to whole code points and line endings (both texts share them).
  const splits = (text: string, at: number): boolean => {
    const c = text.charCodeAt(at);
    return (c >= 0xdc00 && c <= 0xdfff) || (c === 10 && text.charCodeAt(at - 1) === 13);
  };
  if (start > 0 && splits(before, start)) start--;
  if (endBefore < before.length && splits(before, endBefore)) {
    endBefore++;
    endAfter++;
  }
  return {
    range: { start: toLspPosition(source, start), end: toLspPosition(source, endBefore) },
    newText: after.slice(start, endAfter),
  };
}
