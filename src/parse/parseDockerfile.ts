import { type Argument, Instruction } from 'dockerfile-ast';
import {
  type CommentNode,
  type DirectiveNode,
  type DockerfileAST,
  DockerfileParseError,
  type FlagNode,
  type HeredocNode,
  type InstructionNode,
  KEYWORDS,
  type Keyword,
  type WordNode,
} from './ast';
import { emptyObjectList } from './emptyList';
import { joinContinuations, type LogicalText } from './logicalLine';
import { MEMO, type Memoised, type Memos, SHARED, type SharedMemos } from './memo';
import { type AstDocument, NextIndex, realise, type ScannedInstruction, scanDockerfile, settle } from './scan';
import { flatCopy, lineOf, type Position, type Range, SourceText } from './source';
import { TextMemo } from './textMemo';

interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

type AstHeredoc = {
  getName(): string;
  getStartRange(): LspRange;
  getContentRange(): LspRange | null;
  getDelimiterRange(): LspRange | null;
};
type WithHeredocs = { getHeredocs?: () => AstHeredoc[] };
type WithTrigger = { getTriggerInstruction?: () => Instruction | null };

/**
 * dockerfile-ast's heredocs of an instruction, none when its reader fails. It throws (reading `getRange` of
 * undefined) on a `<<` it takes for a marker but cannot follow, as in a comment that ends a flags-only RUN's
 * continuation (`RUN --mount=… \` / `# \$e<<`): BuildKit drops such a comment, so there is no heredoc to find, and a
 * real marker it failed on leaves its body to be read as instructions, which the parse then reports. Found by
 * `npm run fuzz -- --seed 3` (#4706), where it crashed lint and both fixes (issue 18).
 */
function heredocsOf(instruction: Instruction): AstHeredoc[] {
  try {
    return (instruction as unknown as WithHeredocs).getHeredocs?.() ?? [];
  } catch {
    return [];
  }
}

// dockerfile-ast re-tokenises an instruction's whole text on every getArguments() call, and its own constructors
// call it four or five times per RUN/COPY (getFlags, getArgumentsRange, getRawArgumentsContent, heredocs). Since
// src/parse/scan.ts its objects are only built for instructions with heredocs and ONBUILD (scan.ts `realise`), but
// those still pay that, twice (the scan's heredoc look-up, then convert's), and an editor re-parses the whole file on
// every keystroke. An instruction's text never changes after parsing, so the first tokenising is kept on the instance
// (callers get a copy because getExpandedArguments() writes into the array it is given) and across instances and
// parses, by what tokens depend on: the instruction's text, where it starts (line and column; positions inside follow
// from the text) and the escape character.
const RAW_ARGUMENTS = Symbol('dfopt.rawArguments');
type Tokenised = {
  getRawArguments(): Argument[];
  getTextContent(): string;
  getRange(): LspRange;
  getInstructionRange(): LspRange;
  escapeChar: string;
  [RAW_ARGUMENTS]?: Argument[];
};
const instructionPrototype = Instruction.prototype as unknown as Tokenised;
const tokenise = instructionPrototype.getRawArguments;
/** Bounded by entries and by text held, so neither many small versions nor a few huge files pile up. */
const tokensMemo = new TextMemo<Argument[]>(2048, 4_000_000);
instructionPrototype.getRawArguments = function (this: Tokenised): Argument[] {
  let args = this[RAW_ARGUMENTS];
  if (!args) {
    const { start } = this.getRange();
    const keyword = this.getInstructionRange();
    // The keyword's length in characters of the text (an escaped newline may sit inside it).
    const keywordEnd = keyword.end.line === start.line ? keyword.end.character - start.character : `${keyword.end.line - start.line}/${keyword.end.character}`;
    const key = `${this.escapeChar}${start.line}:${start.character}:${keywordEnd}:${this.getTextContent()}`;
    args = tokensMemo.get(key);
    if (!args) {
      args = tokenise.call(this);
      tokensMemo.set(flatCopy(key), args);
    }
    this[RAW_ARGUMENTS] = args;
  }
  return args.slice();
};

/** InstructionNode.flag, one function for every node rather than a closure per instruction per parse. */
function flagNamed(this: InstructionNode, name: string): FlagNode | undefined {
  for (const f of this.flags) if (f.name === name) return f;
  return undefined;
}

/**
 * What an instruction node is made of, all of it following from the instruction's text, where it starts (offset, line
 * and column: positions are absolute) and the escape character. The language server lints every version of a
 * document, and between two versions nearly every instruction is unchanged: its parse is then reused (see
 * setInstructionReuse), and with it the memos that read only these fields (memoShared: the RUN's scripts and
 * commands). Each lint still gets nodes of its own (nodeOf), so the memos a lint keeps on its nodes, which may read
 * the lint's context, never reach another lint. Everything here is read-only and shared by those nodes.
 */
class Parsed implements SharedMemos {
  memos: Memos | undefined = undefined;
  private madeWords: readonly WordNode[] | null = null;
  constructor(
    readonly keyword: Keyword,
    readonly keywordText: string,
    readonly keywordRange: Range,
    readonly range: Range,
    readonly flags: readonly FlagNode[],
    readonly argsText: LogicalText,
    readonly execForm: readonly string[] | null,
    readonly heredocs: readonly HeredocNode[],
    readonly trigger: Parsed | null,
    /**
     * What the words are made from, when first read (see `words`): the starts of the instruction's own lines (the
     * first is line `firstLine`), not the document's SourceText, which a parse kept for reuse would keep alive.
     */
    private readonly lineStarts: readonly number[],
    private readonly firstLine: number,
    private readonly escapeChar: string,
    /** The source offset a logical offset past the arguments' text maps to (the end of the arguments). */
    private readonly argsLimit: number,
  ) {}

  /**
   * The words, made when first read: most RUNs' words are never read (rules read a RUN's shell commands), and a RUN's
   * words with their ranges were a tenth of the lint of a fuzz giant's 9,000-command RUN and of its garbage. The
   * arguments' text starts at a word (the first after the flags), so splitting it gives the same words as the whole.
   */
  get words(): readonly WordNode[] {
    if (this.madeWords !== null) return this.madeWords;
    const { argsText } = this;
    const count = splitWords(argsText.text, this.escapeChar, WORD_BOUNDS);
    const words: WordNode[] = [];
    for (let i = 0; i < count; i++) {
      const start = WORD_BOUNDS[2 * i]!;
      const end = WORD_BOUNDS[2 * i + 1]!;
      const from = argsText.sourceOffset(start) ?? this.argsLimit;
      const to = (argsText.sourceOffset(end - 1) ?? this.argsLimit) + 1;
      words.push({ value: argsText.text.slice(start, end), range: { start: this.positionAt(from), end: this.positionAt(to) } });
    }
    this.madeWords = words;
    return words;
  }

  /** SourceText.positionAt for an offset inside the instruction. */
  private positionAt(offset: number): Position {
    const i = lineOf(this.lineStarts, offset);
    return { line: this.firstLine + i, column: offset - this.lineStarts[i]!, offset };
  }
}

/**
 * A lint's node for a parse (see nodeOf). A class, so that `words` is a getter on its prototype, made when first read
 * (Parsed.words), while every node still has one hidden class. Its fields are the InstructionNode's.
 */
class Node implements Memoised {
  // Declared, and set below, in the order the nodes' object literal had (JSON.stringify and Object.keys show it).
  readonly type: 'instruction';
  readonly index: number;
  readonly keyword: Keyword;
  readonly keywordText: string;
  readonly keywordRange: Range;
  readonly range: Range;
  readonly flags: readonly FlagNode[];
  readonly argsText: LogicalText;
  readonly execForm: readonly string[] | null;
  readonly heredocs: readonly HeredocNode[];
  readonly trigger: InstructionNode | null;
  readonly flag: typeof flagNamed;
  // Declared here so that memoOn finds the slot on every node's one hidden class.
  [MEMO]: Memos | undefined;
  readonly [SHARED]: Parsed;

  constructor(p: Parsed, index: number) {
    this.type = 'instruction';
    this.index = index;
    this.keyword = p.keyword;
    this.keywordText = p.keywordText;
    this.keywordRange = p.keywordRange;
    this.range = p.range;
    this.flags = p.flags;
    this.argsText = p.argsText;
    this.execForm = p.execForm;
    this.heredocs = p.heredocs;
    this.trigger = p.trigger === null ? null : nodeOf(p.trigger, index);
    this.flag = flagNamed;
    this[MEMO] = undefined;
    this[SHARED] = p;
  }

  get words(): readonly WordNode[] {
    return this[SHARED].words;
  }

  /** What JSON.stringify writes: the node's fields, its words among them (a getter, which it would not see). */
  toJSON(): Omit<InstructionNode, 'flag'> {
    const { type, index, keyword, keywordText, keywordRange, range, flags, words, argsText, execForm, heredocs, trigger } = this;
    return { type, index, keyword, keywordText, keywordRange, range, flags, words, argsText, execForm, heredocs, trigger };
  }
}

/** A lint's node for a parse: every instruction node is one (one hidden class). */
function nodeOf(p: Parsed, index: number): InstructionNode {
  return new Node(p, index);
}

/**
 * The reused parses, by where the instruction starts (offset, line and column), its text, the character after it (a
 * line break, or none at the end: where the scan ended it) and the escape character. Two generations: a parse asked
 * for is moved to the young one, and every REUSE_PARSES documents parsed (or when the young one is full) the old one
 * is dropped, so what the current version of a document uses survives and what the last two or three versions did not
 * ask for goes. Short-lived on purpose: while someone types, every keystroke moves the instructions after it, and
 * their parses (a RUN of a dozen lines, with its words' positions and the commands memoised on it, weighs some 15 KB)
 * are never asked for again. Kept for 2,048 entries, the heap of 2,000 in-process lints of a 300-line file typed into
 * held 16 MB more than without reuse (26.4 vs 10.2 MB after a full GC); kept for 4 documents, lints of the bench's
 * type-and-delete edits promoted twice as much to the old generation as without reuse (10.3 vs 5.3 MB over 3,000),
 * which grew to 34 MB of garbage by 10,000; kept for 2, as much as without (5.5 MB), for 90 % of instructions reused
 * instead of 95 %. Only on when setInstructionReuse says so: one pass of `dfopt lint` over files never meets the same
 * instruction at the same place twice, and would only pay for the copies and the memory.
 */
const REUSE_PARSES = 2;
const REUSE_ENTRIES = 2048;
const REUSE_CHARS = 500_000;
/** Documents parsed since the young generation was made. */
let youngParses = 0;
let reuse = false;
/** By start offset: a number is looked up without hashing the text, which is then compared in place. */
let young = new Map<number, Kept>();
let old = new Map<number, Kept>();
let youngEntries = 0;
let youngChars = 0;

class Kept {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly after: number,
    readonly escapeChar: string,
    /** A copy, not a slice of the document (flatCopy). */
    readonly text: string,
    readonly parsed: Parsed,
    /** Another instruction kept at the same offset. */
    readonly next: Kept | undefined,
  ) {}
}

/**
 * Keep the parses of instructions between parseDockerfile calls, for a process that parses version after version of
 * the same documents (the language server). Findings do not change; off again clears what was kept.
 */
export function setInstructionReuse(on: boolean): void {
  reuse = on;
  if (!on) {
    young = new Map();
    old = new Map();
    youngEntries = 0;
    youngChars = 0;
  }
}

function nextGeneration(): void {
  old = young;
  young = new Map();
  youngEntries = 0;
  youngChars = 0;
  youngParses = 0;
}

/** How many parses are kept, and the length of their texts (for tests of the bounds). */
export function keptParses(): { entries: number; chars: number } {
  let entries = 0;
  let chars = 0;
  for (const generation of [young, old]) {
    for (const first of generation.values()) {
      for (let k: Kept | undefined = first; k !== undefined; k = k.next) {
        entries++;
        chars += k.text.length;
      }
    }
  }
  return { entries, chars };
}

/** The kept parse of `text` from `start` to `end`, if any. */
function reused(text: string, start: Position, end: number, escapeChar: string): Parsed | undefined {
  const { offset, line, column } = start;
  const length = end - offset;
  const after = end < text.length ? text.charCodeAt(end) : -1;
  // Compared as a slice: text.startsWith(kept, offset) was three times slower in V8 (node 20).
  let slice: string | undefined;
  for (let k = young.get(offset); k !== undefined; k = k.next) {
    if (k.text.length === length && k.line === line && k.column === column && k.after === after && k.escapeChar === escapeChar && k.text === (slice ??= text.slice(offset, end))) {
      return k.parsed;
    }
  }
  for (let k = old.get(offset); k !== undefined; k = k.next) {
    if (k.text.length === length && k.line === line && k.column === column && k.after === after && k.escapeChar === escapeChar && k.text === (slice ??= text.slice(offset, end))) {
      store(offset, line, column, after, escapeChar, k.text, k.parsed);
      return k.parsed;
    }
  }
  return undefined;
}

function store(offset: number, line: number, column: number, after: number, escapeChar: string, text: string, parsed: Parsed): void {
  if (youngEntries >= REUSE_ENTRIES || youngChars + text.length > REUSE_CHARS) nextGeneration();
  young.set(offset, new Kept(line, column, after, escapeChar, text, parsed, young.get(offset)));
  youngEntries++;
  youngChars += text.length;
}

/** Shared by every instruction without heredocs (nodes are read-only); the same hidden class as a list of them. */
const NO_HEREDOCS: readonly HeredocNode[] = emptyObjectList();
const KNOWN_DIRECTIVES: ReadonlySet<string> = new Set(['syntax', 'escape', 'check']);
const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);
/** Instructions BuildKit reads heredocs for. */
const HEREDOC_KEYWORDS: ReadonlySet<string> = new Set(['RUN', 'COPY', 'ADD']);
/** Instructions whose leading `--name[=value]` words are flags. */
const FLAGGED: ReadonlySet<string> = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'HEALTHCHECK']);

/**
 * Parses Dockerfile text into our immutable AST. dockerfile-ast does the tokenising; this layer adds exact offsets,
 * the logical (continuation-joined) argument text, exec-form detection, heredoc details and the errors BuildKit
 * would raise (dockerfile-ast accepts anything).
 */
export function parseDockerfile(text: string): DockerfileAST {
  const source = new SourceText(text);
  const astText = withoutLoneCarriageReturns(text);
  const scanned = scanDockerfile(astText, source.lineStarts);
  const { escapeChar } = scanned;
  // Parses are kept only where the text is what dockerfile-ast read: a lone `\r` (see withoutLoneCarriageReturns) is
  // read by what is around it, past the instruction. And only for a document whose parses two generations can hold:
  // a larger one would push its own earlier instructions out before the next version asked for them, and pay for
  // the copies every time.
  const reusing = reuse && astText === text && text.length <= REUSE_CHARS / 2 && scanned.instructions.length <= REUSE_ENTRIES / 2;
  if (reusing) {
    if (youngParses >= REUSE_PARSES) nextGeneration();
    youngParses++;
  }
  /** A string of a kept parse, not a slice of this version's text. */
  const keepText = (s: string): string => (reusing ? flatCopy(s) : s);

  const toRange = (r: LspRange): Range => ({ start: source.position(r.start.line, r.start.character), end: source.position(r.end.line, r.end.character) });
  // Instructions, and the flags and words in each, come in text order: a line cursor finds each position's line in a
  // step or two where source.positionAt searches the whole table (a 300-line file has thousands of words).
  const lineStarts = source.lineStarts;
  let cursor = 0;
  /** source.positionAt(offset). */
  const positionNear = (offset: number): Position => {
    const o = offset < 0 ? 0 : offset > text.length ? text.length : offset;
    let line = cursor;
    while (line + 1 < lineStarts.length && lineStarts[line + 1]! <= o) line++;
    while (line > 0 && lineStarts[line]! > o) line--;
    cursor = line;
    return { line, column: o - lineStarts[line]!, offset: o };
  };
  /** source.range(start, end). */
  const rangeNear = (start: number, end: number): Range => ({ start: positionNear(start), end: positionNear(end) });
  /** Where dockerfile-ast's position for a scanned offset is (see `settle`). */
  const at = (offset: number): Position => positionNear(settle(astText, offset));
  const astSlice = (start: number, end: number): string => astText.substring(settle(astText, start), settle(astText, end));

  // dockerfile-ast takes any `# key=value` line at the top for a directive; BuildKit knows only these three and
  // reads the rest as comments (`# hadolint ignore=DL3006` on line 1 is a comment that must keep working).
  const directives: DirectiveNode[] = [];
  const comments: CommentNode[] = [];
  for (const d of scanned.directives) {
    const name = astSlice(d.nameStart, d.nameEnd).toLowerCase();
    const range = { start: at(d.start), end: at(d.end) };
    if (KNOWN_DIRECTIVES.has(name)) {
      directives.push({ name, value: astSlice(d.valueStart, d.valueEnd), range });
    } else {
      const lineStart = source.lineStarts[range.start.line] ?? 0;
      const lineText = source.lineText(range.start.line);
      const hash = lineText.indexOf('#');
      comments.push({
        type: 'comment',
        content: lineText.slice(hash + 1).trim(),
        range: source.range(lineStart + hash, lineStart + lineText.length),
      });
    }
  }
  for (const c of scanned.comments) {
    // From the source, not the scanned text: there lone `\r`s are replaced (withoutLoneCarriageReturns).
    const range = { start: at(c.start), end: at(c.end) };
    // The scan starts a comment at its `#`: the pattern's work without it (a new string per comment per lint).
    const from = range.start.offset;
    const content = text.charCodeAt(from) === 35 ? text.substring(from + 1, range.end.offset).trim() : source.slice(range).replace(/^\s*#/, '').trim();
    comments.push({ type: 'comment', content, range });
  }

  // The first `<<` at or after an offset, without a slice of each instruction's text to look in: instructions come in
  // order, so one search answers every instruction up to that `<<`.
  const heredocMarkers = new NextIndex(text, '<<');

  let document: AstDocument | undefined;
  /** dockerfile-ast's object for an instruction, for what only its code reads (heredocs, ONBUILD triggers). */
  const realised = (inst: ScannedInstruction): Instruction => realise((document ??= scanned.document()), escapeChar, inst);

  /** Our node for one of an instruction's heredocs; BuildKit's errors for it thrown. */
  const heredocOf = (h: AstHeredoc, keyword: string): HeredocNode => {
    const markerRange = toRange(h.getStartRange());
    const contentLsp = h.getContentRange();
    const contentRange = contentLsp ? toRange(contentLsp) : null;
    const delimiter = h.getDelimiterRange();
    const end = delimiter ? toRange(delimiter).end : (contentRange?.end ?? markerRange.end);
    const marker = source.slice(markerRange);
    // BuildKit refuses a heredoc with no terminator line ("unterminated heredoc"); taken as a body running to the
    // end of the file, it swallowed whatever a fix appended there (fuzzing found the optimizer's final stage
    // appended again on every pass). dockerfile-ast reports no delimiter after a body line ending in `\` although
    // its body then ends with the terminator line, so that line is checked too. Only where BuildKit reads heredocs
    // (RUN, COPY, ADD) and with a name: `cat << EOF` (a lone `<<` word) is none for BuildKit.
    const name = h.getName();
    if (!delimiter && name !== '' && HEREDOC_KEYWORDS.has(keyword)) {
      const body = contentRange ? source.slice(contentRange) : '';
      const last = body.slice(body.lastIndexOf('\n') + 1).replace(/[\r\n]+$/, '');
      if (!contentRange || (/^<<-/.test(marker) ? last.replace(/^\t+/, '') : last) !== name) {
        throw new DockerfileParseError('unterminated heredoc', markerRange.start.line + 1, markerRange.start.column + 1);
      }
    }
    return {
      name: keepText(name),
      stripTabs: /^<<-/.test(marker),
      quoted: /^<<-?["']/.test(marker),
      markerRange,
      content: contentRange ? keepText(source.slice(contentRange)) : '',
      contentRange,
      range: { start: markerRange.start, end },
    };
  };

  const convert = (inst: ScannedInstruction, astInstruction?: Instruction): Parsed => {
    const keywordText = keepText(inst.instruction);
    const keyword = keywordText.toUpperCase();
    const start = at(inst.start);
    const keywordRange = { start, end: at(inst.instructionEnd) };
    if (!KEYWORD_SET.has(keyword)) {
      throw new DockerfileParseError(
        `unknown instruction '${keywordText}'`,
        keywordRange.start.line + 1,
        keywordRange.start.column + 1,
        // The whole word, so an editor underlines it (a keyword split by an escaped line break: its first line's part).
        keywordRange.end.line === keywordRange.start.line ? keywordRange.end.column - keywordRange.start.column : 0,
      );
    }
    const range = { start, end: at(inst.end) };

    // Heredocs only exist where `<<` appears; asking dockerfile-ast for them re-tokenises the instruction.
    const heredocAt = heredocMarkers.from(range.start.offset);
    const astHeredocs = heredocAt !== -1 && heredocAt + 2 <= range.end.offset ? heredocsOf(astInstruction ?? realised(inst)) : [];
    let heredocs = NO_HEREDOCS;
    if (astHeredocs.length > 0) {
      // Pushed to, not `.map`: see `instructions` below.
      const list: HeredocNode[] = [];
      for (const h of astHeredocs) list.push(heredocOf(h, keyword));
      heredocs = list;
    }

    // With heredocs, the instruction's own arguments end with the line holding the first marker.
    let argsLimit = range.end.offset;
    const firstHeredoc = heredocs[0];
    if (firstHeredoc) {
      const markerLineEnd = source.lineStarts[firstHeredoc.markerRange.start.line + 1];
      if (markerLineEnd !== undefined) argsLimit = Math.min(argsLimit, markerLineEnd - 1);
    }
    const logical = joinContinuations(text, keywordRange.end.offset, argsLimit, escapeChar, reusing);
    // Up to the first word that is not a flag: all this needs (the flags, where the arguments start, whether FROM has one).
    const tokenCount = splitWords(logical.text, escapeChar, WORD_BOUNDS, true);
    const bounds = WORD_BOUNDS;
    const flags: FlagNode[] = [];
    let firstArg = 0;
    if (FLAGGED.has(keyword)) {
      const sourceAt = (i: number) => logical.sourceOffset(i) ?? argsLimit;
      while (firstArg < tokenCount && logical.text.startsWith('--', bounds[2 * firstArg]!)) {
        const start = bounds[2 * firstArg]!;
        const end = bounds[2 * firstArg + 1]!;
        firstArg++;
        const text = logical.text.slice(start, end);
        const eq = text.indexOf('=');
        flags.push({
          name: eq === -1 ? text.slice(2) : text.slice(2, eq),
          value: eq === -1 ? null : unquote(text.slice(eq + 1)),
          range: rangeNear(sourceAt(start), sourceAt(end - 1) + 1),
          valueRange: eq === -1 ? null : rangeNear(sourceAt(start + eq + 1), sourceAt(end - 1) + 1),
        });
      }
    }
    const argsFrom = firstArg < tokenCount ? bounds[2 * firstArg]! : logical.text.length;
    const argsText = argsFrom === 0 ? logical : logical.slice(argsFrom);
    if (keyword === 'FROM' && firstArg >= tokenCount) {
      throw new DockerfileParseError('FROM requires an image name', keywordRange.start.line + 1, keywordRange.start.column + 1);
    }

    let trigger: Parsed | null = null;
    if (keyword === 'ONBUILD') {
      const t = ((astInstruction ?? realised(inst)) as WithTrigger).getTriggerInstruction?.();
      // ONBUILD ONBUILD/FROM/MAINTAINER fail the build, but they are a rule's finding (valid-onbuild-trigger), not a
      // parse error, so the rest of the file is still linted, as hadolint does.
      if (t) {
        const doc = (document ??= scanned.document());
        const scannedTrigger = {
          instruction: t.getInstruction(),
          start: doc.offsetAt(t.getRange().start),
          instructionEnd: doc.offsetAt(t.getInstructionRange().end),
          end: doc.offsetAt(t.getRange().end),
        };
        trigger = convert(scannedTrigger, t);
      }
    }

    return new Parsed(
      keyword as Keyword,
      keywordText,
      keywordRange,
      range,
      flags,
      argsText,
      parseExecForm(argsText.text),
      heredocs,
      trigger,
      source.lineStarts.slice(range.start.line, range.end.line + 1),
      range.start.line,
      escapeChar,
      argsLimit,
    );
  };

  // A loop, not `.map`: V8's Array.prototype.map builtin makes a PACKED_ELEMENTS array, but once TurboFan inlines
  // the map into an optimised caller it makes a HOLEY_ELEMENTS one, another hidden class. Every function that reads
  // `ast.instructions` and was optimised before parseDockerfile was would then deoptimise ('wrong map') and be
  // compiled again while the rules warm up. An array literal pushed to is the same kind in every tier.
  const instructions: InstructionNode[] = [];
  if (!reusing) {
    for (let i = 0; i < scanned.instructions.length; i++) instructions.push(nodeOf(convert(scanned.instructions[i]!), i));
  } else {
    for (let i = 0; i < scanned.instructions.length; i++) {
      const inst = scanned.instructions[i]!;
      const start = at(inst.start);
      let parsed = reused(text, start, inst.end, escapeChar);
      if (parsed === undefined) {
        parsed = convert(inst);
        const after = inst.end < text.length ? text.charCodeAt(inst.end) : -1;
        store(start.offset, start.line, start.column, after, escapeChar, flatCopy(text.slice(start.offset, inst.end)), parsed);
      }
      instructions.push(nodeOf(parsed, i));
    }
  }
  return new Tree(source, escapeChar, directives, instructions, comments);
}

/**
 * The AST object, made by a constructor rather than an object literal: V8 makes a literal's boilerplate the second
 * time the literal runs, with its fields uninitialised, which widens the field type of `source` from SourceText to
 * any. In a fresh process that second time is the first lint of `fix`, and every function optimised on `ast.source`
 * so far (mergeRuns, targetsOf, shellCommands, …) was deoptimised ('code dependencies') and compiled again.
 */
class Tree implements DockerfileAST {
  constructor(
    readonly source: SourceText,
    readonly escapeChar: string,
    readonly directives: readonly DirectiveNode[],
    readonly instructions: readonly InstructionNode[],
    readonly comments: readonly CommentNode[],
  ) {}
}

/**
 * The text dockerfile-ast tokenises: the same length as `text`, so its positions map straight onto ours, with every
 * lone `\r` (one not followed by `\n`) replaced, because dockerfile-ast takes a lone `\r` for a line break while
 * BuildKit splits lines on `\n` only; left alone, every position after one would drift by a line, and fixes with it.
 * BuildKit drops `\r`s right before a newline and treats any other `\r` as whitespace inside the line — except that
 * it stops `\` (or the escape character) from continuing the line, since only spaces and tabs may follow it. So a lone
 * `\r` becomes a space, or a letter where it is the only thing keeping an escape character from ending the line.
 */
export function withoutLoneCarriageReturns(text: string): string {
  // Most files have no `\r` at all: a search for one character is much cheaper than the pattern's.
  if (!text.includes('\r') || !/\r(?!\n)/.test(text)) return text;
  // Built from slices between the replaced characters: an array of every character (split('') and join) cost a
  // fuzz giant's lint 5.6 MB, 37 bytes a character of its 150 KB.
  let out = '';
  let copied = 0;
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    if (text[i + 1] === '\n') continue;
    let after = i + 1;
    while (after < text.length && text[after] === '\r') after++;
    const trimmedBeforeNewline = after >= text.length || text[after] === '\n';
    out += text.slice(copied, i) + (!trimmedBeforeNewline && blocksContinuation(text, i) ? '_' : ' ');
    copied = i + 1;
  }
  return out + text.slice(copied);
}

/** Whether the `\r` at `at` sits between an escape character and the end of its line, with only blanks around it. */
function blocksContinuation(text: string, at: number): boolean {
  let end = at + 1;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t' || text[end] === '\r')) end++;
  if (end < text.length && text[end] !== '\n') return false;
  let before = at - 1;
  while (before >= 0 && (text[before] === ' ' || text[before] === '\t' || text[before] === '\r')) before--;
  return text[before] === '\\' || text[before] === '`';
}

/** Docker's rule: arguments that parse as a JSON array of strings are exec form; anything else is shell form. */
function parseExecForm(args: string): string[] | null {
  // Most arguments are shell form: no trimmed copy of them just to see that they do not start with `[`.
  if (!args.includes('[')) return null;
  const trimmed = args.trim();
  if (!trimmed.startsWith('[') || !trimmed.endsWith(']')) return null;
  try {
    const value: unknown = JSON.parse(trimmed);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  } catch {
    // Not JSON: Docker silently treats it as shell form.
  }
  return null;
}

/**
 * The word bounds of the last splitWords call, reused by every caller: a pair of numbers per word instead of a new
 * object per word and a new array per instruction (garbage the CLI's small young generation pays for). Each caller
 * reads them before anything else can call splitWords: convert reads the flags' bounds before it converts an ONBUILD
 * trigger, and Parsed.words reads its own at once.
 */
const WORD_BOUNDS: number[] = [];

/**
 * Whether an instruction's arguments (its logical text, continuations joined) hold a word that is not a flag: what a
 * FROM needs to parse ("FROM requires an image name" below reads the same words).
 */
export function hasNonFlagWord(logicalText: string, escapeChar: string): boolean {
  const bounds: number[] = [];
  const count = splitWords(logicalText, escapeChar, bounds, true);
  return count > 0 && !logicalText.startsWith('--', bounds[2 * (count - 1)]!);
}

/**
 * Whitespace-separated words; quotes and the escape character keep whitespace inside a word. Writes each word's
 * start and end (exclusive) offsets in `text` to `bounds` (from index 0) and returns how many words there are; with
 * `untilNonFlag`, only the words up to and including the first that does not start with `--` (a parse wants no more:
 * the flags and where the arguments start. All the words of a long RUN were 10 % of a steady-state lint).
 */
export function splitWords(text: string, escapeChar: string, bounds: number[], untilNonFlag = false): number {
  let count = 0;
  const escape = escapeChar.charCodeAt(0);
  let i = 0;
  const n = text.length;
  while (i < n) {
    let c = text.charCodeAt(i);
    while (c === 32 || c === 9 || c === 13 || c === 10) c = text.charCodeAt(++i);
    if (i >= n) break;
    const start = i;
    let quote = 0;
    while (i < n) {
      c = text.charCodeAt(i);
      if (quote !== 0) {
        if (c === escape && quote === 34) i++;
        else if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === escape) i++;
      else if (c === 32 || c === 9 || c === 13 || c === 10) break;
      i++;
    }
    bounds[2 * count] = start;
    bounds[2 * count + 1] = Math.min(i, n);
    count++;
    if (untilNonFlag && !(text.charCodeAt(start) === 45 && text.charCodeAt(start + 1) === 45)) break;
  }
  return count;
}

function unquote(value: string): string {
  const q = value[0];
  return value.length >= 2 && (q === '"' || q === "'") && value[value.length - 1] === q ? value.slice(1, -1) : value;
}
