import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type CodeAction,
  CodeActionKind,
  type Diagnostic,
  type Range as LspRange,
  type TextDocumentEdit,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Finding, FindingFix } from '../engine';
import { rewriteProblem } from '../cli/buildContext';
import { appendToContextFile, type ContextFileChange } from '../fix';
import type { InstructionNode } from '../parse';
import { SourceText } from '../parse/source';
import { type Analysis, fixDocument, type LintSetup } from './analysis';
import { minimalEdit, toLspPosition, toLspRange, toTextEdits } from './protocol';

/** `editor.codeActionsOnSave: { "source.fixAll.dfopt": "explicit" }` — safe fixes only, as `dfopt fix`. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.dfopt`;

/** Fixes of these rules rewrite the whole file (the optimizer): offered as refactors, not as quick fixes. */
const REWRITE_RULES: ReadonlySet<string> = new Set(['use-multi-stage']);

/** Rules an inline directive cannot silence: the engine reports them before any directive is read. */
const UNSUPPRESSIBLE: ReadonlySet<string> = new Set(['syntax-error']);

export interface ActionRequest {
  readonly uri: string;
  readonly text: string;
  readonly analysis: Analysis;
  readonly setup: LintSetup;
  readonly range: LspRange;
  readonly diagnostics: readonly Diagnostic[];
  readonly only: readonly string[] | undefined;
  /** The user's setting: unsafe fixes appear as quick fixes only when on. */
  readonly unsafeFixes: boolean;
  readonly client: { readonly documentChanges: boolean; readonly createFiles: boolean };
}

export function codeActions(request: ActionRequest): CodeAction[] {
  const { analysis, only } = request;
  const wanted = (kind: string): boolean => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];
  const findings = analysis.findings.filter((f) => overlaps(toLspRange(f.range), request.range));
  const disabledRules = new Set<string>();
  for (const finding of findings) {
    const diagnostic = request.diagnostics.find(
      (d) => d.code === finding.ruleId && sameRange(d.range, toLspRange(finding.range)),
    );
    const fix = finding.fix;
    if (fix) {
      const kind = REWRITE_RULES.has(finding.ruleId) ? CodeActionKind.RefactorRewrite : CodeActionKind.QuickFix;
      if (wanted(kind) && (fix.safety === 'safe' || request.unsafeFixes || kind === CodeActionKind.RefactorRewrite)) {
        const edit = fixEdit(request, fix);
        if (edit) {
          actions.push({
            title: fixTitle(finding, fix),
            kind,
            edit,
            ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
            // Preferred = what an editor applies with one key ("auto fix"): never something that may change the image.
            ...(fix.safety === 'safe' && kind === CodeActionKind.QuickFix ? { isPreferred: true } : {}),
          });
        }
      }
    }
    if (UNSUPPRESSIBLE.has(finding.ruleId) || disabledRules.has(finding.ruleId) || !wanted(CodeActionKind.QuickFix)) continue;
    disabledRules.add(finding.ruleId);
    const lineEdit = disableForLine(request, finding);
    if (lineEdit) {
      actions.push({
        title: `Disable ${finding.ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        edit: workspaceEdit(request, [lineEdit]),
        ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
      });
    }
    actions.push({
      title: `Disable ${finding.ruleId} in this file`,
      kind: CodeActionKind.QuickFix,
      edit: workspaceEdit(request, [disableForFile(request, finding.ruleId)]),
      ...(diagnostic ? { diagnostics: [diagnostic] } : {}),
    });
  }
  if (wanted(FIX_ALL_KIND)) {
    const all = fixAllAction(request);
    if (all) actions.push(all);
  }
  return actions;
}

/** The source action behind fix-on-save: every safe fix, to a fixed point, as one edit. */
export function fixAllAction(request: Pick<ActionRequest, 'uri' | 'text' | 'analysis' | 'setup' | 'client'>): CodeAction | null {
  if (!request.analysis.findings.some((f) => f.fix?.safety === 'safe')) return null;
  const result = fixDocument(request.text, request.setup);
  if (!result) return null;
  const edit = minimalEdit(request.analysis.source, result.output);
  if (!edit) return null;
  return { title: 'Fix all safe dfopt problems', kind: FIX_ALL_KIND, edit: workspaceEdit(request, [edit]) };
}

function fixTitle(finding: Finding, fix: FindingFix): string {
  if (REWRITE_RULES.has(finding.ruleId)) return `Rewrite: ${fix.description ?? finding.message}${fix.safety === 'unsafe' ? ' (unsafe: changes the image)' : ''}`;
  const what = fix.description ?? `fix ${finding.ruleId}`;
  const title = what.charAt(0).toUpperCase() + what.slice(1);
  return fix.safety === 'unsafe' ? `${title} (unsafe: may change what the image contains or runs)` : title;
}

function fixEdit(request: ActionRequest, fix: FindingFix): WorkspaceEdit | null {
  const edits = toTextEdits(request.analysis.source, fix.edits);
  const files = fix.files ?? [];
  if (files.length === 0) return workspaceEdit(request, edits);
  // A fix that also writes a build-context file (.dockerignore) is all or nothing: without a way to create files
  // on this client, it is not offered rather than half-applied.
  const root = request.setup.buildContext?.root;
  if (!root || !request.client.documentChanges || !request.client.createFiles) return null;
  const changes = new Map<string, ContextFileChange>();
  for (const file of files) appendToContextFile(changes, request.setup.buildContext, file);
  // The edit appends after the text read, so it is offered only where that text is the file's (not a .dockerignore
  // over the 1 MiB read limit, whose end the edit would miss), and creates only a file that is missing.
  for (const [path, change] of changes) if (rewriteProblem(join(root, path), change.before)) return null;
  const documentChanges: WorkspaceEdit['documentChanges'] = [];
  if (edits.length > 0) documentChanges.push({ textDocument: { uri: request.uri, version: request.analysis.version }, edits });
  for (const [path, change] of changes) {
    const uri = pathToFileURL(join(root, path)).href;
    if (change.before === null) {
      documentChanges.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
      documentChanges.push({ textDocument: { uri, version: null }, edits: [{ range: zeroRange(), newText: change.after }] });
    } else {
      const end = toLspPosition(new SourceText(change.before), change.before.length);
      documentChanges.push({
        textDocument: { uri, version: null },
        edits: [{ range: { start: end, end }, newText: change.after.slice(change.before.length) }],
      } satisfies TextDocumentEdit);
    }
  }
  return { documentChanges };
}

function workspaceEdit(request: Pick<ActionRequest, 'uri' | 'analysis' | 'client'>, edits: LspTextEdit[]): WorkspaceEdit {
  // Versioned when the client can check it: an edit computed for an older text is refused rather than misapplied.
  if (request.client.documentChanges) return { documentChanges: [{ textDocument: { uri: request.uri, version: request.analysis.version }, edits }] };
  return { changes: { [request.uri]: edits } };
}

/** `# dfopt-disable-next-line id` above the instruction the finding is in (or added to the one already there). */
function disableForLine(request: ActionRequest, finding: Finding): LspTextEdit | null {
  const { source, ast } = request.analysis;
  const line = finding.range.start.line;
  const instruction: InstructionNode | undefined = ast?.instructions.find((i) => i.range.start.line <= line && line <= i.range.end.line);
  const target = instruction ? instruction.range.start.line : line;
  const above = target > 0 ? source.lineText(target - 1) : '';
  const existing = /^(\s*#\s*dfopt-disable-next-line\b[^\n]*?)(\s+--\s.*)?$/.exec(above);
  if (existing && /dfopt-disable-next-line\s+\S/.test(existing[1]!)) {
    const at = { line: target - 1, character: existing[1]!.length };
    return { range: { start: at, end: at }, newText: `, ${finding.ruleId}` };
  }
  if (existing) return null; // a bare `# dfopt-disable-next-line` already silences every rule there
  const indent = /^\s*/.exec(source.lineText(target))![0];
  const at = { line: target, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}# dfopt-disable-next-line ${finding.ruleId}${source.eol}` };
}

/**
 * `# dfopt-disable-file id`, added to an existing one or placed after the parser directives (`# syntax=`,
 * `# escape=`, `# check=`), which BuildKit reads only at the very top of the file.
 */
function disableForFile(request: ActionRequest, ruleId: string): LspTextEdit {
  const { source, ast } = request.analysis;
  for (const comment of ast?.comments ?? []) {
    const line = source.lineText(comment.range.start.line);
    const m = /^(\s*#\s*dfopt-disable-file\s+[^\n]*?)(\s+--\s.*)?$/.exec(line);
    if (m && !/^\s*#\s*dfopt-disable-file\s*$/.test(m[1]!)) {
      const at = { line: comment.range.start.line, character: m[1]!.length };
      return { range: { start: at, end: at }, newText: `, ${ruleId}` };
    }
  }
  const lastDirective = ast?.directives.at(-1);
  const line = lastDirective ? lastDirective.range.end.line + 1 : 0;
  const at = { line, character: 0 };
  const atEnd = line >= source.lineCount;
  return { range: { start: at, end: at }, newText: atEnd ? `${source.eol}# dfopt-disable-file ${ruleId}` : `# dfopt-disable-file ${ruleId}${source.eol}` };
}

const zeroRange = (): LspRange => ({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });

const before = (a: { line: number; character: number }, b: { line: number; character: number }): boolean =>
  a.line < b.line || (a.line === b.line && a.character < b.character);

/** Touching counts: a cursor at either end of a diagnostic asks for its actions. */
const overlaps = (a: LspRange, b: LspRange): boolean => !before(a.end, b.start) && !before(b.end, a.start);

const sameRange = (a: LspRange, b: LspRange): boolean =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
