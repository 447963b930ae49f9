import type { RuleContext } from '../../src/engine';
import type { BuildState, SemanticModel, Stage } from '../../src/model';
import { substitute, type Substitution } from '../../src/model';
import { type DockerfileAST, emptyObjectList, type FlagNode, type InstructionNode, KEYWORDS, type Keyword, memoKey, memoSharedInRange } from '../../src/parse';
import type { Range } from '../../src/parse/source';

/** The arguments of an instruction, from the first word to the last (the whole instruction when it has none). */
export function argsRange(ast: DockerfileAST, node: InstructionNode): Range {
  const first = node.words[0];
  const last = node.words[node.words.length - 1];
  if (!first || !last) return node.range;
  // Arguments that begin on a continuation line (`CMD \` then a comment line) would put the finding below the
  // instruction its message names; start it at the keyword then, the line hadolint and BuildKit report.
  const start = first.range.start.line === node.range.start.line ? first.range.start.offset : node.range.start.offset;
  return ast.source.range(start, last.range.end.offset);
}

export const stripQuotes = (word: string): string =>
  word.length >= 2 && (word[0] === '"' || word[0] === "'") && word.endsWith(word[0]) ? word.slice(1, -1) : word;

/** Expands `$VAR` with what is in scope for the instruction (ENV, then the stage's ARGs), as BuildKit does. */
export function expand(text: string, state: BuildState, escapeChar: string): Substitution {
  return substitute(text, (name) => state.env.get(name) ?? (state.args.has(name) ? state.args.get(name) : undefined), escapeChar);
}

/** The stage and the earlier stages it is built `FROM`, nearest first. */
export function stageChain(stage: Stage): Stage[] {
  // A FROM can only name an earlier stage, so the indices fall and the chain ends; `includes` as a cycle guard made
  // every call quadratic in the chain's length.
  const chain: Stage[] = [stage];
  for (let s = stage.base.stage; s && s.index < chain[chain.length - 1]!.index; s = s.base.stage) chain.push(s);
  return chain;
}

/**
 * The last instruction with this keyword that takes effect before `node` in its stage, looking through the stages it
 * is built `FROM` (their instructions all ran before this stage's). ONBUILD triggers do not count.
 */
export function lastBefore(model: SemanticModel, node: InstructionNode, keyword: Keyword): InstructionNode | undefined {
  const stage = model.stageOf(node);
  if (!stage) return undefined;
  const [own, ...ancestors] = stageChain(stage);
  const found = own!.instructions.filter((i) => i.keyword === keyword && i.index < node.index).pop();
  if (found) return found;
  for (const s of ancestors) {
    const hit = s.instructions.filter((i) => i.keyword === keyword).pop();
    if (hit) return hit;
  }
  return undefined;
}

/** 1-based line of a node, for messages. */
export const lineOf = (node: { readonly range: Range }): number => node.range.start.line + 1;

/** A COPY's `--from` reference (quotes removed) with the flag and the stage the COPY is in, or null without one. */
export function copyFromReference(context: RuleContext, copy: InstructionNode): { flag: FlagNode; stage: Stage; reference: string } | null {
  const flag = copy.flag('from');
  const stage = context.model.stageOf(copy);
  if (!flag?.value || !stage) return null;
  return { flag, stage, reference: stripQuotes(flag.value) };
}

/** A line that is part of an instruction through a trailing escape, as BuildKit's parser joins it. */
export interface ContinuationLine {
  /** 0-based. */
  readonly line: number;
  readonly kind: 'blank' | 'comment' | 'text';
  /** The line that ended with the escape which brought this one in (the last text line before it). */
  readonly continuedFrom: number;
}

/**
 * The lines after an instruction's first that belong to it through line continuations (heredoc bodies excluded),
 * as BuildKit reads them: empty and comment lines inside a continuation are skipped, the next text line joined.
 */
export function continuationLines(ast: DockerfileAST, inst: InstructionNode): readonly ContinuationLine[] {
  // Most instructions are one line; the rest are asked about by several rules ('*' listeners) in every lint. What the
  // scan reads is the instruction's own lines: the language server's next lint of an unchanged one finds it done.
  if (lastLineOf(inst) === inst.keywordRange.start.line) return NO_LINES;
  return memoSharedInRange(inst, CONTINUATION_LINES, scanContinuationLines, ast);
}

/** The instruction's last line, or the line of its first heredoc marker (the body is not continuation). */
function lastLineOf(inst: InstructionNode): number {
  const heredoc = inst.heredocs[0];
  return heredoc ? Math.min(inst.range.end.line, heredoc.markerRange.start.line) : inst.range.end.line;
}

/** Of one hidden class with the lists scanned (emptyObjectList): '*' listeners read both in every lint. */
const NO_LINES: readonly ContinuationLine[] = emptyObjectList();
const CONTINUATION_LINES = memoKey('continuationLines');
const SWALLOWED = memoKey('swallowedInstructions');
/** Sticky: run from a line's start over the whole text, it ends at the line's first non-blank (or beyond the line). */
const LEADING_SPACE = /\s*/y;
const NO_SWALLOWED: ReadonlyArray<ContinuationLine & { keyword: Keyword }> = emptyObjectList();

function scanContinuationLines(inst: InstructionNode, ast: DockerfileAST): ContinuationLine[] {
  const { source, escapeChar } = ast;
  const all = source.text;
  const firstLine = inst.keywordRange.start.line;
  const lastLine = lastLineOf(inst);
  const lines: ContinuationLine[] = [];
  let continuedFrom = firstLine;
  let continued = false;
  for (let line = firstLine; line <= lastLine; line++) {
    // A file ending in a continuation has a "line" after its last line break: nothing is there.
    if (line > firstLine && (source.lineStarts[line] ?? source.text.length) >= source.text.length) break;
    // Read in place (as source.lineText would cut it), without a string per line: this runs on every lint.
    const start = source.lineStarts[line] ?? all.length;
    let end = source.lineStarts[line + 1] ?? all.length;
    if (end > start && all.charCodeAt(end - 1) === 10) end--;
    if (end > start && all.charCodeAt(end - 1) === 13) end--;
    if (line > firstLine) {
      if (!continued) break;
      LEADING_SPACE.lastIndex = start;
      LEADING_SPACE.test(all);
      const first = LEADING_SPACE.lastIndex;
      const kind = first >= end ? 'blank' : all[first] === '#' ? 'comment' : 'text';
      lines.push({ line, kind, continuedFrom });
      if (kind !== 'text') continue;
    }
    continuedFrom = line;
    // BuildKit's lineContinuationRegex: an escape at the end that is not itself escaped (`C:\\dir\\` ends the line).
    let bodyEnd = end;
    while (bodyEnd > start && (all.charCodeAt(bodyEnd - 1) === 32 || all.charCodeAt(bodyEnd - 1) === 9)) bodyEnd--;
    const n = escapeChar.length;
    continued =
      bodyEnd - start >= n &&
      all.startsWith(escapeChar, bodyEnd - n) &&
      (bodyEnd - start === n || !(bodyEnd - start >= 2 * n && all.startsWith(escapeChar, bodyEnd - 2 * n)));
  }
  return lines;
}

/** Whether the line's first character after blanks and tabs is A-Z: no keyword otherwise, and no line text to cut. */
function startsUpperCase(source: DockerfileAST['source'], line: number): boolean {
  const text = source.text;
  let i = source.lineStarts[line] ?? text.length;
  while (i < text.length && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  const c = i < text.length ? text.charCodeAt(i) : 0;
  return c >= 65 && c <= 90;
}

/**
 * Continuation lines that start with an upper-case instruction keyword where a new instruction would start (at the
 * start of the line, or after an empty line): a stray trailing escape has joined the next instruction into this
 * one's arguments. An indented `RUN` right after a `\` is left alone: `npm \` / `  run build` is ordinary shell.
 */
export function swallowedInstructions(ast: DockerfileAST, inst: InstructionNode): ReadonlyArray<ContinuationLine & { keyword: Keyword }> {
  const lines = continuationLines(ast, inst);
  if (lines.length === 0) return NO_SWALLOWED;
  return memoSharedInRange(inst, SWALLOWED, scanSwallowed, ast);
}

function scanSwallowed(inst: InstructionNode, ast: DockerfileAST): ReadonlyArray<ContinuationLine & { keyword: Keyword }> {
  const lines = continuationLines(ast, inst);
  const found: Array<ContinuationLine & { keyword: Keyword }> = [];
  let blankBefore = false;
  for (const c of lines) {
    if (c.kind === 'blank') blankBefore = true;
    if (c.kind !== 'text') continue;
    if (!startsUpperCase(ast.source, c.line)) {
      blankBefore = false;
      continue;
    }
    const m = /^([ \t]*)([A-Z]+)(?:[ \t]|$)/.exec(ast.source.lineText(c.line));
    const keyword = m?.[2] as Keyword | undefined;
    if (m && keyword && (KEYWORDS as readonly string[]).includes(keyword) && (m[1] === '' || blankBefore)) found.push({ ...c, keyword });
    blankBefore = false;
  }
  // Nearly always none: the shared empty list, so that every answer is of one hidden class (emptyObjectList).
  return found.length === 0 ? NO_SWALLOWED : found;
}
