import type { Instruction } from 'dockerfile-ast';
import { Parser } from 'dockerfile-ast/lib/parser';
import { lineOf } from './source';

/**
 * dockerfile-ast's reading of a Dockerfile's structure — where each instruction, comment and parser directive starts
 * and ends — without building its object model. `DockerfileParser.parse` did that for every lint, and most of it was
 * ours to throw away: a second line table (a TextDocument) and LSP positions for every boundary, a Range object
 * checked field by field for each, an instruction object per RUN/COPY/ADD built twice and tokenised to look for
 * heredocs, comments sorted into build stages. That was about a third of parsing.
 *
 * The functions below follow dockerfile-ast 0.7.1's lib/parser.js statement for statement (names kept, so the two can
 * be read side by side), with offsets in place of positions; test/parse/scan.test.ts holds them to the library's
 * output on generated files. The few instructions that need the library's objects — heredoc bodies and ONBUILD
 * triggers are read by its code — get them from `realise`, built on a document over the same text.
 *
 * Offsets are "raw": the numbers dockerfile-ast passes to `document.positionAt`. `AstDocument.positionAt` (like a
 * TextDocument) moves an offset between a `\r` and its `\n` back onto the `\r`; `ScannedText.at` does the same.
 */

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const HASH = 35;
const LT = 60;

export interface ScannedDirective {
  /** The line from its `#` to its line break. */
  readonly start: number;
  readonly end: number;
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

export interface ScannedComment {
  readonly start: number;
  readonly end: number;
}

export interface ScannedInstruction {
  /** The keyword as dockerfile-ast reads it (`getInstruction()`): escaped newlines inside it removed. */
  readonly instruction: string;
  readonly start: number;
  readonly instructionEnd: number;
  /** Heredoc bodies included. */
  readonly end: number;
}

export interface ScannedDockerfile {
  readonly escapeChar: string;
  /** A document over the scanned text, for `realise` (made on first use). */
  document(): AstDocument;
  readonly directives: readonly ScannedDirective[];
  readonly comments: readonly ScannedComment[];
  readonly instructions: readonly ScannedInstruction[];
}

interface LspPosition {
  line: number;
  character: number;
}

/**
 * What dockerfile-ast's objects read of a TextDocument (getText, positionAt, offsetAt), with the same answers, over a
 * line table we already have. `text` must have no lone `\r` (see withoutLoneCarriageReturns): a TextDocument breaks
 * lines at those too, and `lineStarts` (after each `\n`) would not match.
 */
export class AstDocument {
  constructor(
    private readonly text: string,
    private readonly lineStarts: readonly number[],
  ) {}

  getText(range?: { start: LspPosition; end: LspPosition }): string {
    return range ? this.text.substring(this.offsetAt(range.start), this.offsetAt(range.end)) : this.text;
  }

  positionAt(offset: number): LspPosition {
    let o = Math.max(Math.min(offset, this.text.length), 0);
    const line = lineOf(this.lineStarts, o);
    const lineStart = this.lineStarts[line]!;
    if (o > lineStart && this.text.charCodeAt(o - 1) === CR) o--;
    return { line, character: o - lineStart };
  }

  offsetAt(position: LspPosition): number {
    const starts = this.lineStarts;
    if (position.line >= starts.length) return this.text.length;
    if (position.line < 0) return 0;
    const lineStart = starts[position.line]!;
    if (position.character <= 0) return lineStart;
    const next = position.line + 1 < starts.length ? starts[position.line + 1]! : this.text.length;
    let o = Math.min(lineStart + position.character, next);
    while (o > lineStart && (this.text.charCodeAt(o - 1) === CR || this.text.charCodeAt(o - 1) === LF)) o--;
    return o;
  }
}

/**
 * The offset a raw offset stands for once dockerfile-ast has made it a position: clamped to the text, and off the
 * `\n` of a `\r\n` (positionAt(o) then offsetAt gives this back).
 */
export function settle(text: string, offset: number): number {
  const o = Math.max(Math.min(offset, text.length), 0);
  // Without lone `\r`s, a `\r` before `o` means `o` is its `\n`, never a line start.
  return o > 0 && text.charCodeAt(o - 1) === CR ? o - 1 : o;
}

/** dockerfile-ast's `Parser.parse`, to offsets. `text` has no lone `\r` (withoutLoneCarriageReturns). */
export function scanDockerfile(text: string, lineStarts: readonly number[]): ScannedDockerfile {
  return new Scanner(text, lineStarts).parse();
}

/**
 * `text.indexOf(search, from)`, remembered: the answer for one position holds for every later position up to it, and
 * a parse asks at positions that mostly grow (instruction by instruction).
 */
export class NextIndex {
  /** The first `search` at or after `searchedFrom` is at `found` (-1: none). */
  private searchedFrom = -1;
  private found = -1;

  constructor(
    private readonly text: string,
    private readonly search: string,
  ) {}

  from(position: number): number {
    if (this.searchedFrom === -1 || position < this.searchedFrom || (this.found !== -1 && this.found < position)) {
      this.found = this.text.indexOf(this.search, position);
      this.searchedFrom = position;
    }
    return this.found;
  }
}

class Scanner {
  private escapeChar = '\\';
  private escapeCode = 92;
  private readonly directives: ScannedDirective[] = [];
  private readonly comments: ScannedComment[] = [];
  private readonly instructions: ScannedInstruction[] = [];

  private astDocument: AstDocument | undefined;
  // Where the next `<` and the next escape character are: each instruction's search for them runs on to the next one
  // wherever it is, so in a file of many instructions and few of either every instruction searched the rest of the
  // file (quadratic: 80,000 one-line RUNs took 0.95 s to scan, 20,000 took 54 ms).
  private readonly lessThans: NextIndex;
  private escapes: NextIndex | undefined;

  constructor(
    private readonly buffer: string,
    private readonly lineStarts: readonly number[],
  ) {
    this.lessThans = new NextIndex(buffer, '<');
  }

  document(): AstDocument {
    return (this.astDocument ??= new AstDocument(this.buffer, this.lineStarts));
  }

  parse(): ScannedDockerfile {
    const buffer = this.buffer;
    this.getParserDirectives();
    let offset = 0;
    if (this.directives.length > 0) {
      this.escapeChar = escapeCharacter(buffer, this.directives);
      this.escapeCode = this.escapeChar.charCodeAt(0);
      // start parsing after the directives: offsetAt(line = number of directives, character 0)
      offset = this.directives.length < this.lineStarts.length ? this.lineStarts[this.directives.length]! : buffer.length;
    } else if (buffer.charCodeAt(0) === 0xfeff) {
      offset = 1;
    }
    for (let i = offset; i < buffer.length; i++) {
      const char = buffer.charCodeAt(i);
      if (char === SPACE || char === TAB || char === CR || char === LF) continue;
      if (char === HASH) i = this.processComment(i);
      else i = this.processInstruction(buffer[i]!, i);
    }
    return {
      escapeChar: this.escapeChar,
      document: () => this.document(),
      directives: this.directives,
      comments: this.comments,
      instructions: this.instructions,
    };
  }

  /** Cold (the first lines of a file), so kept closest to the original, charAt and all. */
  private getParserDirectives(): void {
    const buffer = this.buffer;
    const directives = this.directives;
    const offset = buffer.charCodeAt(0) === 0xfeff ? 1 : 0;
    directiveCheck: for (let i = offset; i < buffer.length; i++) {
      switch (buffer.charAt(i)) {
        case ' ':
        case '\t':
          break;
        case '\r':
        case '\n':
          // blank lines stop the parsing of directives immediately
          break directiveCheck;
        case '#': {
          let directiveStart = -1;
          let directiveEnd = -1;
          for (let j = i + 1; j < buffer.length; j++) {
            let char = buffer.charAt(j);
            switch (char) {
              case ' ':
              case '\t':
                if (directiveStart !== -1 && directiveEnd === -1) directiveEnd = j;
                break;
              case '\r':
              case '\n':
                break directiveCheck;
              case '=': {
                let valueStart = -1;
                let valueEnd = -1;
                if (directiveEnd === -1) directiveEnd = j;
                // assume the line ends with the file
                let lineEnd = buffer.length;
                directiveValue: for (let k = j + 1; k < buffer.length; k++) {
                  char = buffer.charAt(k);
                  switch (char) {
                    case '\r':
                    case '\n':
                      if (valueStart !== -1 && valueEnd === -1) valueEnd = k;
                      lineEnd = k;
                      break directiveValue;
                    case '\t':
                    case ' ':
                      if (valueStart !== -1 && valueEnd === -1) valueEnd = k;
                      continue;
                    default:
                      if (valueStart === -1) valueStart = k;
                      break;
                  }
                }
                if (directiveStart === -1) {
                  // no directive, it's a regular comment
                  break directiveCheck;
                }
                if (valueStart === -1) {
                  valueStart = j + 1;
                  valueEnd = lineEnd;
                } else if (valueEnd === -1) {
                  valueEnd = buffer.length;
                }
                directives.push({ start: i, end: lineEnd, nameStart: directiveStart, nameEnd: directiveEnd, valueStart, valueEnd });
                i = buffer.charAt(valueEnd) === '\r' ? valueEnd + 1 : valueEnd;
                continue directiveCheck;
              }
              default:
                if (directiveStart === -1) directiveStart = j;
                break;
            }
          }
          break;
        }
        default:
          break directiveCheck;
      }
    }
  }

  private processInstruction(firstChar: string, start: number): number {
    const buffer = this.buffer;
    const escapeCode = this.escapeCode;
    let instruction = firstChar;
    let instructionEnd = -1;
    let escapedInstruction = false;
    instructionCheck: for (let i = start + 1; i < buffer.length; i++) {
      let char = buffer.charCodeAt(i);
      if (char === escapeCode) {
        escapedInstruction = true;
        char = buffer.charCodeAt(i + 1);
        if (char === CR || char === LF) {
          if (instructionEnd === -1) instructionEnd = i;
          i++;
        } else if (char === SPACE || char === TAB) {
          for (let j = i + 2; j < buffer.length; j++) {
            const c = buffer.charCodeAt(j);
            if (c === SPACE || c === TAB) continue;
            if (c === CR || c === LF) {
              i = j;
              continue instructionCheck;
            }
            // found an argument, mark end of instruction
            instructionEnd = i + 1;
            instruction = instruction + this.escapeChar;
            i = j - 2;
            continue instructionCheck;
          }
          // reached EOF
          instructionEnd = i + 1;
          instruction = instruction + this.escapeChar;
          break instructionCheck;
        } else {
          instructionEnd = i + 1;
          instruction = instruction + this.escapeChar;
          // reset and consider it as one contiguous word
          escapedInstruction = false;
        }
      } else if (char === SPACE || char === TAB) {
        if (escapedInstruction) {
          // on an escaped newline, need to search for non-whitespace
          escapeCheck: for (let j = i + 1; j < buffer.length; j++) {
            const c = buffer.charCodeAt(j);
            if (c === SPACE || c === TAB) continue;
            if (c === CR || c === LF) {
              i = j;
              continue instructionCheck;
            }
            break escapeCheck;
          }
          escapedInstruction = false;
        }
        if (instructionEnd === -1) instructionEnd = i;
        i = this.processArguments(instruction, instructionEnd, start, i);
        this.instructions.push({ instruction, start, instructionEnd, end: i });
        return i;
      } else if (char === CR || char === LF) {
        if (escapedInstruction) continue;
        if (instructionEnd === -1) instructionEnd = i;
        this.instructions.push({ instruction, start, instructionEnd: i, end: i });
        return i;
      } else {
        if (char === HASH && escapedInstruction) continue;
        instructionEnd = i + 1;
        instruction = instruction + buffer[i]!;
        escapedInstruction = false;
      }
    }
    // reached EOF
    if (instructionEnd === -1) instructionEnd = buffer.length;
    this.instructions.push({ instruction, start, instructionEnd, end: buffer.length });
    return buffer.length;
  }

  private processArguments(instruction: string, instructionEnd: number, start: number, offset: number): number {
    const buffer = this.buffer;
    const escapeCode = this.escapeCode;
    let escaped = false;
    // Outside an escaped line break only line breaks and the escape character change anything: jump between them.
    let nextLineBreak = -1;
    let nextEscape = -1;
    argumentsCheck: for (let i = offset + 1; i < buffer.length; i++) {
      if (!escaped) {
        if (nextLineBreak < i) {
          nextLineBreak = buffer.indexOf('\n', i);
          if (nextLineBreak === -1) nextLineBreak = buffer.length;
          // Without lone `\r`s, a `\r` can only sit right before the `\n`.
          else if (nextLineBreak > i && buffer.charCodeAt(nextLineBreak - 1) === CR) nextLineBreak--;
        }
        if (nextEscape < i) {
          // The escape character is known by now (directives come first): one index for the whole scan.
          nextEscape = (this.escapes ??= new NextIndex(buffer, this.escapeChar)).from(i);
          if (nextEscape === -1) nextEscape = buffer.length;
        }
        i = nextLineBreak < nextEscape ? nextLineBreak : nextEscape;
        if (i >= buffer.length) break;
      }
      const char = buffer.charCodeAt(i);
      if (char === CR || char === LF) {
        if (escaped) continue;
        return this.processHeredocs({ instruction, start, instructionEnd, end: i }, i);
      } else if (char === escapeCode) {
        const next = buffer.charCodeAt(i + 1);
        if (next === LF || next === CR) {
          escaped = true;
          i++;
        } else if (next === SPACE || next === TAB) {
          for (let j = i + 2; j < buffer.length; j++) {
            const c = buffer.charCodeAt(j);
            if (c === SPACE || c === TAB) continue;
            if (c === CR || c === LF) escaped = true;
            i = j;
            continue argumentsCheck;
          }
          // reached EOF
          return buffer.length;
        }
      } else if (char === HASH) {
        if (escaped) i = this.processComment(i);
      } else if (char !== SPACE && char !== TAB) {
        escaped = false;
      }
    }
    return buffer.length;
  }

  private processHeredocs(scanned: ScannedInstruction, offset: number): number {
    let keyword = scanned.instruction.toUpperCase();
    // ONBUILD's trigger is a word of its arguments; other instructions are done here, without tokenising, unless a
    // word could start with `<<`.
    if (keyword !== 'ONBUILD') {
      if (keyword !== 'ADD' && keyword !== 'COPY' && keyword !== 'RUN') return offset;
      if (!this.mayHoldHeredoc(scanned)) return offset;
    }
    // The rest is the library's own code on its own objects: which words it takes for arguments depends on the
    // instruction's class (flags are dropped by count, not by name), and these instructions are few.
    let instruction: Instruction | null = realise(this.document(), this.escapeChar, scanned);
    if (keyword === 'ONBUILD') {
      instruction = (instruction as Instruction & { getTriggerInstruction(): Instruction | null }).getTriggerInstruction();
      if (instruction === null) return offset;
      keyword = instruction.getKeyword();
    }
    if (keyword !== 'ADD' && keyword !== 'COPY' && keyword !== 'RUN') return offset;
    const heredocs: string[] = [];
    let tabbed = false;
    for (const arg of instruction.getArguments()) {
      const value = arg.getValue();
      if (value.startsWith('<<') && value.length > 2) {
        if (value.startsWith('<<-')) tabbed = true;
        const name = parseHeredocName(value);
        if (name !== null) heredocs.push(name);
      }
    }
    for (const heredoc of heredocs) offset = this.parseHeredoc(heredoc, offset, tabbed);
    return offset;
  }

  /**
   * Whether a word of the instruction's arguments could start with `<<`. A word's characters are the text's, in order,
   * with escape characters (and the escaped line breaks, blanks and comment lines after them) taken out: so a `<<` in
   * a word comes from a `<` followed by `<` or by the escape character. (`RUN pip install 'wheel<0.46'` has none.)
   */
  private mayHoldHeredoc(inst: ScannedInstruction): boolean {
    const buffer = this.buffer;
    const end = settle(buffer, inst.end);
    for (let lt = this.lessThans.from(settle(buffer, inst.instructionEnd)); lt !== -1 && lt < end; lt = this.lessThans.from(lt + 1)) {
      const next = buffer.charCodeAt(lt + 1);
      if (next === LT || next === this.escapeCode) return true;
    }
    return false;
  }

  private processComment(start: number): number {
    const buffer = this.buffer;
    let end = buffer.length;
    for (let i = start + 1; i < buffer.length; i++) {
      const c = buffer.charCodeAt(i);
      if (c === CR || c === LF) {
        end = i;
        break;
      }
    }
    this.comments.push({ start, end });
    return end;
  }

  private parseHeredoc(heredocName: string, offset: number, tabbed: boolean): number {
    const buffer = this.buffer;
    let startWord = -1;
    let lineStart = true;
    for (let i = offset; i < buffer.length; i++) {
      const c = buffer.charCodeAt(i);
      if (c === SPACE) {
        lineStart = false;
      } else if (c === TAB) {
        if (!tabbed) lineStart = false;
      } else if (c === CR || c === LF) {
        if (startWord !== -1 && heredocName === buffer.substring(startWord, i)) return i;
        startWord = -1;
        lineStart = true;
      } else if (lineStart) {
        startWord = i;
        lineStart = false;
      }
    }
    return buffer.length;
  }
}

/** Dockerfile.getEscapeCharacter: the first `escape` directive with a valid value. */
function escapeCharacter(buffer: string, directives: readonly ScannedDirective[]): string {
  for (const d of directives) {
    if (buffer.substring(settle(buffer, d.nameStart), settle(buffer, d.nameEnd)).toLowerCase() === 'escape') {
      const value = buffer.substring(settle(buffer, d.valueStart), settle(buffer, d.valueEnd));
      if (value === '\\' || value === '`') return value;
    }
  }
  return '\\';
}

/** Util.parseHeredocName. */
function parseHeredocName(heredoc: string): string | null {
  let value = heredoc.substring(2);
  if (value.charAt(0) === '-') value = value.substring(1);
  if (value.charAt(0) === '"') {
    if (value.charAt(value.length - 1) !== '"') return null;
    value = value.substring(1, value.length - 1);
  }
  if (value.charAt(0) === "'") {
    if (value.charAt(value.length - 1) !== "'") return null;
    value = value.substring(1, value.length - 1);
  }
  if (value.charAt(0) === '<') return null;
  return value;
}

/**
 * dockerfile-ast's own object for a scanned instruction, on `document` (over the text the scan read), for what only
 * its code reads: heredocs.
 */
export function realise(document: AstDocument, escapeChar: string, inst: ScannedInstruction): Instruction {
  const start = document.positionAt(inst.start);
  const lineRange = { start, end: document.positionAt(inst.end) };
  const instructionRange = { start, end: document.positionAt(inst.instructionEnd) };
  // The Dockerfile is only read to resolve variables (getExpandedArguments, getVariables), never asked for here.
  type CreateArgs = Parameters<typeof Parser.createInstruction>;
  return Parser.createInstruction(
    document as unknown as CreateArgs[0],
    null as unknown as CreateArgs[1],
    escapeChar,
    lineRange,
    inst.instruction,
    instructionRange,
  );
}
