/**
 * A recursive-descent parser for the shell language RUN bodies are written in: POSIX sh plus the bash syntax that
 * Dockerfiles use (`[[ ]]`, `(( ))`, `$'…'`, arrays, `function`, `|&`, `&>`, here-strings, process substitution).
 * It builds a small AST whose offsets are indexes into the text given; the shell layer maps them to the Dockerfile.
 *
 * Chosen over sh-syntax, web-tree-sitter + tree-sitter-bash and bash-parser after measuring them on the corpus
 * (docs/shell-parser.md): each of those costs 35–460 ms to load, which `dfopt lint` pays on nearly every file.
 * Anything it does not understand throws ShellSyntaxError; callers fall back to the splitter.
 */
import { exactSize } from '../parse/exactSize';
import type { Enclosure, Operator, Redirect, ShellWord } from './types';

export class ShellSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'ShellSyntaxError';
  }
}

export interface ShellList {
  readonly type: 'list';
  readonly items: readonly AndOr[];
  readonly start: number;
  readonly end: number;
}

export interface AndOr {
  readonly type: 'and-or';
  readonly pipelines: readonly Pipeline[];
  /** operators[i] joins pipelines[i] and pipelines[i + 1]. */
  readonly operators: ReadonlyArray<'&&' | '||'>;
  /** What ended it: `;`, `&` (runs in the background), a newline, or nothing (end of list). */
  readonly terminator: ';' | '&' | '\n' | null;
}

export interface Pipeline {
  readonly type: 'pipeline';
  readonly negated: boolean;
  readonly commands: readonly CommandNode[];
  readonly operators: ReadonlyArray<'|' | '|&'>;
}

export interface SimpleCommandNode {
  readonly type: 'simple';
  readonly argv: readonly ShellWord[];
  readonly assignments: readonly ShellWord[];
  readonly redirects: readonly Redirect[];
  readonly start: number;
  readonly end: number;
}

export type CompoundKind = 'subshell' | 'group' | 'if' | 'for' | 'select' | 'while' | 'until' | 'case' | 'arith' | 'test';

export interface CompoundNode {
  readonly type: 'compound';
  readonly kind: CompoundKind;
  /** Bodies in source order (condition lists, then/else branches, loop body, case arms). */
  readonly lists: readonly ShellList[];
  /** Words the construct itself holds: the `for` variable and items, the `case` subject and patterns, `[[ … ]]` operands. */
  readonly words: readonly ShellWord[];
  readonly redirects: readonly Redirect[];
  readonly start: number;
  readonly end: number;
}

export interface FunctionNode {
  readonly type: 'function';
  readonly name: ShellWord;
  readonly body: CommandNode;
  readonly start: number;
  readonly end: number;
}

export type CommandNode = SimpleCommandNode | CompoundNode | FunctionNode;

const enum C {
  Tab = 9,
  Nl = 10,
  Cr = 13,
  Space = 32,
  Bang = 33,
  DQuote = 34,
  Hash = 35,
  Dollar = 36,
  Amp = 38,
  SQuote = 39,
  LParen = 40,
  RParen = 41,
  Star = 42,
  Plus = 43,
  Semi = 59,
  Lt = 60,
  Eq = 61,
  Gt = 62,
  Question = 63,
  At = 64,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  Backtick = 96,
  LBrace = 123,
  Pipe = 124,
  RBrace = 125,
}

/** Characters that end an unquoted word. */
function isMeta(c: number): boolean {
  return c === C.Space || c === C.Tab || c === C.Nl || c === C.Semi || c === C.Amp || c === C.Pipe || c === C.LParen || c === C.RParen || c === C.Lt || c === C.Gt || c === C.Cr;
}

const OPERATORS = ['&&', '||', ';;&', ';;', ';&', '|&', '&>>', '&>', '<<<', '<<-', '<<', '<>', '<&', '>&', '>>', '>|', ';', '|', '&', '(', ')', '<', '>', '\n'];
/** OPERATORS by their first character's code, in OPERATORS' order (longest first), for the meta characters. */
const OPERATORS_BY_FIRST: ReadonlyArray<readonly string[]> = Array.from({ length: 128 }, (_, code) =>
  OPERATORS.filter((op) => op.charCodeAt(0) === code),
);
const REDIRECTS = new Set(['&>>', '&>', '<<<', '<<-', '<<', '<>', '<&', '>&', '>>', '>|', '<', '>']);
const CLOSERS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

interface PendingHeredoc {
  readonly delimiter: string;
  readonly stripTabs: boolean;
  readonly slot: { heredoc: { start: number; end: number } | null };
}

/**
 * Whether a word's raw text ends in a backslash that escapes nothing, which only a word ending the script can (a RUN's
 * `curl \` under `# escape=\``, where the `\` is text): whatever a fix appends after it would start with an escaped
 * space, `\ `, and change the word.
 */
export function endsInBareBackslash(raw: string): boolean {
  let n = 0;
  while (n < raw.length && raw.charCodeAt(raw.length - 1 - n) === C.Backslash) n++;
  return n % 2 === 1;
}

/** Parses a whole script. Throws ShellSyntaxError. */
export function parseShell(text: string): ShellList {
  return new Parser(text, null).parseScript();
}

class Parser {
  private pos = 0;
  private readonly end: number;
  private pending: PendingHeredoc[] = [];
  /** Nesting depth, against pathological input. */
  private depth = 0;

  constructor(
    private readonly text: string,
    /**
     * For a backtick body parsed from its unescaped text: maps an offset to the outer text's, `first` to where the
     * character's escape starts, `last` to the character itself.
     */
    private readonly map: { first(offset: number): number; last(offset: number): number } | null,
  ) {
    this.end = text.length;
  }

  /** Offset in the outer text of a start offset. */
  private off(i: number): number {
    return this.map ? this.map.first(i) : i;
  }

  /** Offset in the outer text of an end offset (exclusive). */
  private offEnd(i: number): number {
    return this.map ? this.map.last(i - 1) + 1 : i;
  }

  private fail(message: string, at = this.pos): never {
    throw new ShellSyntaxError(message, this.off(at));
  }

  parseScript(): ShellList {
    const list = this.parseList();
    this.skipBlanks();
    if (this.pos < this.end) this.fail(`unexpected ${JSON.stringify(this.text[this.pos])}`);
    return list;
  }

  // ---------------------------------------------------------------------------------------------------------
  // Lexing

  /** Skips spaces, tabs, line continuations and comments (not newlines). */
  private skipBlanks(): void {
    const t = this.text;
    while (this.pos < this.end) {
      const c = t.charCodeAt(this.pos);
      if (c === C.Space || c === C.Tab || c === C.Cr) this.pos++;
      else if (c === C.Backslash && t.charCodeAt(this.pos + 1) === C.Nl) this.pos += 2;
      else if (c === C.Backslash && t.charCodeAt(this.pos + 1) === C.Cr && t.charCodeAt(this.pos + 2) === C.Nl) this.pos += 3;
      else if (c === C.Hash) {
        while (this.pos < this.end && t.charCodeAt(this.pos) !== C.Nl) this.pos++;
      } else return;
    }
  }

  /** The operator at the current position (after blanks), or null. */
  private peekOp(): string | null {
    this.skipBlanks();
    const t = this.text;
    const c = t.charCodeAt(this.pos);
    if (!(isMeta(c) && c !== C.Space && c !== C.Tab && c !== C.Cr)) return null;
    // <(…) and >(…) are process substitutions: words, not redirections.
    if ((c === C.Lt || c === C.Gt) && t.charCodeAt(this.pos + 1) === C.LParen) return null;
    for (const op of OPERATORS_BY_FIRST[c]!) if (t.startsWith(op, this.pos)) return op;
    return null;
  }

  private takeOp(op: string): boolean {
    if (this.peekOp() !== op) return false;
    this.pos += op.length;
    if (op === '\n') this.readHeredocs();
    return true;
  }

  /** Skips newlines (and the heredoc bodies that follow them). */
  private linebreak(): void {
    while (this.takeOp('\n'));
  }

  /** The unquoted reserved word at the current position, without consuming it. */
  private peekWordText(): string | null {
    this.skipBlanks();
    const t = this.text;
    let i = this.pos;
    while (i < this.end) {
      const c = t.charCodeAt(i);
      if (isMeta(c)) break;
      if (c === C.SQuote || c === C.DQuote || c === C.Backslash || c === C.Dollar || c === C.Backtick) return null;
      i++;
    }
    return i > this.pos ? t.slice(this.pos, i) : null;
  }

  private takeReserved(word: string): boolean {
    if (this.peekWordText() !== word) return false;
    this.pos += word.length;
    return true;
  }

  private expectReserved(word: string): void {
    if (!this.takeReserved(word)) this.fail(`expected "${word}"`);
  }

  /** Reads one word at the current position (after blanks), or null when an operator or the end comes first. */
  private readWord(testMode = false): ShellWord | null {
    this.skipBlanks();
    const t = this.text;
    const start = this.pos;
    let value = '';
    let literal = true;
    let substitutions: ShellList[] | null = null;
    while (this.pos < this.end) {
      const c = t.charCodeAt(this.pos);
      if (testMode ? c === C.Space || c === C.Tab || c === C.Nl || c === C.Cr : isMeta(c)) {
        // Process substitution <(…) / >(…) at the start of a word; array assignment NAME=( … ).
        if ((c === C.Lt || c === C.Gt) && this.pos === start && t.charCodeAt(this.pos + 1) === C.LParen) {
          this.pos++;
          (substitutions ??= []).push(this.substitution());
          value += t.slice(start, this.pos);
          literal = false;
          continue;
        }
        if (c === C.LParen && /^[A-Za-z_][A-Za-z0-9_]*\+?=$/.test(t.slice(start, this.pos))) {
          this.skipBalanced(C.LParen, C.RParen);
          value = t.slice(start, this.pos);
          literal = false;
          continue;
        }
        // Extended globs: @(…), !(…), +(…), *(…), ?(…).
        if (c === C.LParen && this.pos > start) {
          const p = t.charCodeAt(this.pos - 1);
          if (p === C.At || p === C.Bang || p === C.Plus || p === C.Star || p === C.Question) {
            const from = this.pos;
            this.skipBalanced(C.LParen, C.RParen);
            value += t.slice(from, this.pos);
            literal = false;
            continue;
          }
        }
        break;
      }
      if (c === C.Backslash) {
        const n = t.charCodeAt(this.pos + 1);
        if (n === C.Nl) this.pos += 2;
        else if (n === C.Cr && t.charCodeAt(this.pos + 2) === C.Nl) this.pos += 3;
        else if (this.pos + 1 >= this.end) {
          // A backslash that ends the script is itself, as in bash and dash (`echo a \` prints `a \`). Stepping
          // two put the word's end past the script's: a fix appending to the command (clean-package-cache, under
          // `# escape=\``, where a RUN's trailing `\` is text) landed on the next line (npm run fuzz -- --seed 4).
          value += '\\';
          this.pos++;
        } else {
          value += t[this.pos + 1];
          this.pos += 2;
        }
      } else if (c === C.SQuote) {
        const close = t.indexOf("'", this.pos + 1);
        if (close === -1 || close >= this.end) this.fail('unterminated single quote');
        value += t.slice(this.pos + 1, close);
        this.pos = close + 1;
      } else if (c === C.DQuote) {
        this.pos++;
        value += this.doubleQuoted((list) => (substitutions ??= []).push(list), () => (literal = false));
      } else if (c === C.Dollar) {
        const from = this.pos;
        const n = t.charCodeAt(this.pos + 1);
        if (n === C.SQuote) {
          // $'…' (ANSI-C quoting): \' does not close it.
          let i = this.pos + 2;
          while (i < this.end && t.charCodeAt(i) !== C.SQuote) i += t.charCodeAt(i) === C.Backslash ? 2 : 1;
          if (i >= this.end) this.fail('unterminated $\'…\'');
          value += t.slice(this.pos + 2, i);
          this.pos = i + 1;
          continue;
        }
        if (n === C.DQuote) {
          this.pos += 2;
          value += this.doubleQuoted((list) => (substitutions ??= []).push(list), () => (literal = false));
          continue;
        }
        const list = this.dollar();
        if (list) (substitutions ??= []).push(list);
        if (this.pos > from + 1) literal = false;
        value += t.slice(from, this.pos);
      } else if (c === C.Backtick) {
        const from = this.pos;
        (substitutions ??= []).push(this.backtick());
        value += t.slice(from, this.pos);
        literal = false;
      } else {
        // A run of plain characters, taken as one slice: appended one by one, each made a string of its own.
        const from = this.pos;
        let p = this.pos;
        let d = c;
        do {
          if (d === C.Star || d === C.Question || d === C.LBracket || (d === 126 /* ~ */ && p === start)) literal = false;
          p++;
          if (p >= this.end) break;
          d = t.charCodeAt(p);
        } while (
          !(testMode ? d === C.Space || d === C.Tab || d === C.Nl || d === C.Cr : isMeta(d)) &&
          d !== C.Backslash && d !== C.SQuote && d !== C.DQuote && d !== C.Dollar && d !== C.Backtick
        );
        this.pos = p;
        value += t.slice(from, p);
      }
    }
    if (this.pos === start) return null;
    const word: { raw: string; value: string; start: number; end: number; literal: boolean; substitutions?: readonly ShellList[] } = {
      raw: t.slice(start, this.pos),
      value,
      start: this.off(start),
      end: this.offEnd(this.pos),
      literal,
    };
    if (substitutions) word.substitutions = substitutions;
    return word;
  }

  /** Inside "…" from just after the opening quote; returns the unquoted value and leaves pos after the closing quote. */
  private doubleQuoted(onSubstitution: (list: ShellList) => void, onExpansion: () => void): string {
    const t = this.text;
    let value = '';
    while (this.pos < this.end) {
      const c = t.charCodeAt(this.pos);
      if (c === C.DQuote) {
        this.pos++;
        return value;
      }
      if (c === C.Backslash) {
        const n = t[this.pos + 1] ?? '';
        if (n === '\n') {
          this.pos += 2;
          continue;
        }
        value += n === '"' || n === '\\' || n === '$' || n === '`' ? n : `\\${n}`;
        this.pos += 2;
      } else if (c === C.Dollar) {
        const from = this.pos;
        const list = this.dollar();
        if (list) onSubstitution(list);
        if (this.pos > from + 1) onExpansion();
        value += t.slice(from, this.pos);
      } else if (c === C.Backtick) {
        const from = this.pos;
        onSubstitution(this.backtick());
        onExpansion();
        value += t.slice(from, this.pos);
      } else {
        value += t[this.pos];
        this.pos++;
      }
    }
    return this.fail('unterminated double quote');
  }

  /** At `$`: consumes an expansion; returns the parsed list of a command substitution. */
  private dollar(): ShellList | null {
    const t = this.text;
    const n = t.charCodeAt(this.pos + 1);
    if (n === C.LParen) {
      if (t.charCodeAt(this.pos + 2) === C.LParen) {
        // $(( arithmetic )) — but `$( (subshell) )` is a command substitution; tell them apart by the closing `))`.
        const save = this.pos;
        this.pos += 1;
        this.skipBalanced(C.LParen, C.RParen);
        if (t.charCodeAt(this.pos - 2) === C.RParen) return null;
        this.pos = save;
      }
      this.pos += 1;
      return this.substitution();
    }
    if (n === C.LBrace) {
      this.pos += 1;
      this.skipBalanced(C.LBrace, C.RBrace);
      return null;
    }
    this.pos++;
    // $NAME, $1, $@, $?, … (a lone `$` is a literal dollar).
    const m = /^(?:[A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!-])/.exec(t.slice(this.pos, this.pos + 64));
    if (m) this.pos += m[0].length;
    return null;
  }

  /** At `(` of `$(`, `<(` or `>(`: parses the command list up to the matching `)`. */
  private substitution(): ShellList {
    if (++this.depth > 100) this.fail('nesting too deep');
    this.pos++;
    const savedPending = this.pending;
    this.pending = [];
    const list = this.parseList();
    this.linebreak();
    if (this.peekOp() !== ')') this.fail('expected ")" to close "$("');
    this.pos++;
    this.pending = savedPending;
    this.depth--;
    return list;
  }

  /** At a backtick: parses its body (unescaped) and leaves pos after the closing backtick. */
  private backtick(): ShellList {
    const t = this.text;
    let inner = '';
    const firsts: number[] = [];
    const lasts: number[] = [];
    let i = this.pos + 1;
    while (i < this.end && t.charCodeAt(i) !== C.Backtick) {
      firsts.push(i);
      if (t.charCodeAt(i) === C.Backslash && i + 1 < this.end && '`\\$'.includes(t[i + 1]!)) i++;
      inner += t[i];
      lasts.push(i);
      i++;
    }
    if (i >= this.end) this.fail('unterminated backtick');
    firsts.push(i);
    lasts.push(i);
    this.pos = i + 1;
    if (++this.depth > 100) this.fail('nesting too deep');
    const close = i;
    const sub = new Parser(inner, {
      first: (o) => this.off(firsts[o] ?? close),
      last: (o) => this.offEnd((lasts[o] ?? close) + 1) - 1,
    });
    sub.depth = this.depth;
    const list = sub.parseScript();
    this.depth--;
    return list;
  }

  /** At an opening character: skips to just after its balanced closer, minding quotes. */
  private skipBalanced(open: number, close: number): void {
    const t = this.text;
    let depth = 0;
    while (this.pos < this.end) {
      const c = t.charCodeAt(this.pos);
      if (c === C.Backslash) this.pos += 2;
      else if (c === C.SQuote && open !== C.LParen) {
        // Inside ${…}, quotes nest; inside (( )) a quote is an error in bash, so only ${…} honours them.
        const q = t.indexOf("'", this.pos + 1);
        this.pos = q === -1 ? this.end : q + 1;
      } else if (c === C.SQuote) {
        const q = t.indexOf("'", this.pos + 1);
        this.pos = q === -1 ? this.end : q + 1;
      } else if (c === C.DQuote) {
        this.pos++;
        this.doubleQuoted(() => undefined, () => undefined);
      } else if (c === C.Dollar && (t.charCodeAt(this.pos + 1) === C.LParen || t.charCodeAt(this.pos + 1) === C.LBrace)) {
        this.dollar();
      } else if (c === C.Backtick) {
        this.backtick();
      } else {
        this.pos++;
        if (c === open) depth++;
        else if (c === close && --depth === 0) return;
      }
    }
    this.fail(`unbalanced "${String.fromCharCode(open)}"`);
  }

  private readHeredocs(): void {
    if (this.pending.length === 0) return;
    const t = this.text;
    for (const h of this.pending) {
      const start = this.pos;
      let bodyEnd = this.end;
      while (this.pos < this.end) {
        let nl = t.indexOf('\n', this.pos);
        if (nl === -1 || nl > this.end) nl = this.end;
        let line = t.slice(this.pos, nl);
        if (line.endsWith('\r')) line = line.slice(0, -1);
        if (h.stripTabs) line = line.replace(/^\t+/, '');
        if (line === h.delimiter) {
          bodyEnd = this.pos;
          this.pos = Math.min(nl + 1, this.end);
          break;
        }
        this.pos = Math.min(nl + 1, this.end);
      }
      h.slot.heredoc = { start: this.off(start), end: bodyEnd > start ? this.offEnd(bodyEnd) : this.off(start) };
    }
    this.pending = [];
  }

  // ---------------------------------------------------------------------------------------------------------
  // Grammar

  /** A list of and-or lists, up to `)`, `;;`, a closing reserved word or the end. */
  private parseList(): ShellList {
    const items: AndOr[] = [];
    const start = this.pos;
    for (;;) {
      this.linebreak();
      const op = this.peekOp();
      if (op === ')' || op === ';;' || op === ';&' || op === ';;&' || this.pos >= this.end) break;
      if (op === null) {
        const w = this.peekWordText();
        if (w !== null && CLOSERS.has(w)) break;
      }
      const andOr = this.parseAndOr();
      const sep = this.peekOp();
      if (sep === ';' || sep === '&' || sep === '\n') {
        this.takeOp(sep);
        items.push({ ...andOr, terminator: sep });
      } else {
        items.push(andOr);
        break;
      }
    }
    return { type: 'list', items: exactSize(items), start: this.off(start), end: this.pos > start ? this.offEnd(this.pos) : this.off(start) };
  }

  private parseAndOr(): AndOr {
    const pipelines = [this.parsePipeline()];
    const operators: Array<'&&' | '||'> = [];
    for (;;) {
      const op = this.peekOp();
      if (op !== '&&' && op !== '||') break;
      this.pos += 2;
      this.linebreak();
      operators.push(op);
      pipelines.push(this.parsePipeline());
    }
    return { type: 'and-or', pipelines: exactSize(pipelines), operators: exactSize(operators), terminator: null };
  }

  private parsePipeline(): Pipeline {
    let negated = false;
    while (this.peekWordText() === '!') {
      this.pos++;
      negated = !negated;
    }
    const commands = [this.parseCommand()];
    const operators: Array<'|' | '|&'> = [];
    for (;;) {
      const op = this.peekOp();
      if (op !== '|' && op !== '|&') break;
      this.pos += op.length;
      this.linebreak();
      operators.push(op);
      commands.push(this.parseCommand());
    }
    return { type: 'pipeline', negated, commands: exactSize(commands), operators: exactSize(operators) };
  }

  private parseCommand(): CommandNode {
    if (++this.depth > 200) this.fail('nesting too deep');
    try {
      return this.parseCommandInner();
    } finally {
      this.depth--;
    }
  }

  private parseCommandInner(): CommandNode {
    const start = this.pos;
    const op = this.peekOp();
    if (op === '(') {
      if (this.text.charCodeAt(this.pos + 1) === C.LParen) {
        const from = this.pos;
        this.skipBalanced(C.LParen, C.RParen);
        if (this.text.charCodeAt(this.pos - 2) === C.RParen) return this.compound('arith', [], [], from);
        this.pos = from;
      }
      this.pos++;
      const body = this.parseList();
      this.linebreak();
      if (!this.takeOp(')')) this.fail('expected ")"');
      return this.compound('subshell', [body], [], start);
    }
    if (op !== null && !REDIRECTS.has(op)) this.fail(`unexpected ${JSON.stringify(op)}`);
    const word = op === null ? this.peekWordText() : null;
    switch (word) {
      case '{': {
        this.pos++;
        const body = this.parseList();
        this.expectReserved('}');
        return this.compound('group', [body], [], start);
      }
      case 'if': {
        this.pos += 2;
        const lists = [this.parseList()];
        this.expectReserved('then');
        lists.push(this.parseList());
        for (;;) {
          if (this.takeReserved('elif')) {
            lists.push(this.parseList());
            this.expectReserved('then');
            lists.push(this.parseList());
          } else if (this.takeReserved('else')) lists.push(this.parseList());
          else break;
        }
        this.expectReserved('fi');
        return this.compound('if', lists, [], start);
      }
      case 'while':
      case 'until': {
        this.pos += word.length;
        const cond = this.parseList();
        return this.compound(word, [cond, this.doGroup()], [], start);
      }
      case 'for':
      case 'select': {
        this.pos += word.length;
        const words: ShellWord[] = [];
        if (word === 'for' && this.peekOp() === '(' && this.text.charCodeAt(this.pos + 1) === C.LParen) {
          this.skipBalanced(C.LParen, C.RParen);
        } else {
          const name = this.readWord();
          if (!name || !NAME.test(name.raw)) this.fail(`expected a variable name after "${word}"`);
          words.push(name);
          this.linebreak();
          if (this.takeReserved('in')) {
            for (let w = this.readWord(); w; w = this.readWord()) words.push(w);
          }
        }
        const sep = this.peekOp();
        if (sep === ';' || sep === '\n') this.takeOp(sep);
        this.linebreak();
        if (this.peekWordText() === '{') {
          const body = this.parseCommand() as CompoundNode;
          return this.compound(word, body.lists, words, start);
        }
        return this.compound(word, [this.doGroup()], words, start);
      }
      case 'case': {
        this.pos += 4;
        const subject = this.readWord();
        if (!subject) this.fail('expected a word after "case"');
        const words = [subject];
        this.linebreak();
        this.expectReserved('in');
        const lists: ShellList[] = [];
        for (;;) {
          this.linebreak();
          if (this.takeReserved('esac')) break;
          this.takeOp('(');
          for (;;) {
            const pattern = this.readWord();
            if (!pattern) this.fail('expected a case pattern');
            words.push(pattern);
            if (!this.takeOp('|')) break;
          }
          if (!this.takeOp(')')) this.fail('expected ")" after a case pattern');
          lists.push(this.parseList());
          const end = this.peekOp();
          if (end === ';;' || end === ';&' || end === ';;&') this.pos += end.length;
          else if (this.peekWordText() !== 'esac') this.fail('expected ";;" or "esac"');
        }
        return this.compound('case', lists, words, start);
      }
      case '[[': {
        this.pos += 2;
        const words: ShellWord[] = [];
        for (;;) {
          this.skipBlanks();
          const t = this.text;
          while (t.charCodeAt(this.pos) === C.Nl) {
            this.pos++;
            this.skipBlanks();
          }
          if (this.pos >= this.end) this.fail('expected "]]"');
          if (t.startsWith(']]', this.pos) && (this.pos + 2 >= this.end || isMeta(t.charCodeAt(this.pos + 2)))) {
            this.pos += 2;
            break;
          }
          const sym = /^(&&|\|\||[()!<>])/.exec(t.slice(this.pos, this.pos + 2));
          if (sym && (sym[0] !== '!' || isMeta(t.charCodeAt(this.pos + 1)))) {
            const s = this.pos;
            this.pos += sym[0].length;
            words.push({ raw: sym[0], value: sym[0], start: this.off(s), end: this.offEnd(this.pos), literal: true });
            continue;
          }
          const w = this.readWord(true);
          if (!w) this.fail('unexpected character in "[[ ]]"');
          words.push(w);
        }
        return this.compound('test', [], words, start);
      }
      case 'function': {
        this.pos += 8;
        const name = this.readWord();
        if (!name) this.fail('expected a function name');
        if (this.peekOp() === '(') {
          this.pos++;
          if (!this.takeOp(')')) this.fail('expected ")"');
        }
        this.linebreak();
        const body = this.parseCommand();
        return { type: 'function', name, body, start: this.off(start), end: body.end };
      }
      default:
        if (word !== null && CLOSERS.has(word)) this.fail(`unexpected "${word}"`);
        return this.simpleCommand();
    }
  }

  private doGroup(): ShellList {
    this.expectReserved('do');
    const body = this.parseList();
    this.expectReserved('done');
    return body;
  }

  private compound(kind: CompoundKind, lists: readonly ShellList[], words: readonly ShellWord[], start: number): CompoundNode {
    const redirects = this.redirectsAfter();
    return { type: 'compound', kind, lists, words, redirects, start: this.off(start), end: this.offEnd(this.pos) };
  }

  private redirectsAfter(): Redirect[] {
    const redirects: Redirect[] = [];
    for (;;) {
      const save = this.pos;
      const op = this.peekOp();
      if (op !== null && REDIRECTS.has(op)) {
        redirects.push(this.redirect('', this.pos));
        continue;
      }
      const word = op === null ? this.readWord() : null;
      if (word && /^\d+$/.test(word.raw) && this.peekOpNoBlanks()) {
        redirects.push(this.redirect(word.raw, save));
        continue;
      }
      this.pos = save;
      return redirects;
    }
  }

  /** A redirection operator immediately at pos (for `2>`: no blank between the fd and the operator). */
  private peekOpNoBlanks(): boolean {
    const c = this.text.charCodeAt(this.pos);
    return c === C.Lt || c === C.Gt;
  }

  private redirect(fd: string, start: number): Redirect {
    const op = this.peekOp()!;
    this.pos += op.length;
    const target = this.readWord();
    if (!target) this.fail(`expected a word after "${op}"`);
    const redirect: { op: string; target: ShellWord | null; start: number; end: number; heredoc: { start: number; end: number } | null } = {
      op: fd + op,
      target,
      start: this.off(start),
      end: target.end,
      heredoc: null,
    };
    if (op === '<<' || op === '<<-') this.pending.push({ delimiter: target.value, stripTabs: op === '<<-', slot: redirect });
    return redirect;
  }

  private simpleCommand(): CommandNode {
    const argv: ShellWord[] = [];
    const assignments: ShellWord[] = [];
    const redirects: Redirect[] = [];
    let start = -1;
    let end = -1;
    for (;;) {
      this.skipBlanks();
      const op = this.peekOp();
      if (op !== null) {
        if (!REDIRECTS.has(op)) break;
        if (start === -1) start = this.pos;
        const r = this.redirect('', this.pos);
        redirects.push(r);
        end = this.pos;
        continue;
      }
      const at = this.pos;
      const word = this.readWord();
      if (!word) break;
      if (start === -1) start = at;
      if (/^\d+$/.test(word.raw) && this.peekOpNoBlanks()) {
        redirects.push(this.redirect(word.raw, at));
        end = this.pos;
        continue;
      }
      end = this.pos;
      if (argv.length === 0 && ASSIGNMENT.test(word.raw)) {
        assignments.push(word);
        continue;
      }
      argv.push(word);
      // name() compound-command
      if (argv.length === 1 && assignments.length === 0 && this.peekOp() === '(') {
        const save = this.pos;
        this.pos++;
        if (this.takeOp(')')) {
          this.linebreak();
          const body = this.parseCommand();
          return { type: 'function', name: word, body, start: word.start, end: body.end };
        }
        this.pos = save;
        this.fail('unexpected "("');
      }
    }
    if (start === -1) this.fail(this.pos >= this.end ? 'unexpected end of script' : `unexpected ${JSON.stringify(this.text[this.pos])}`);
    return { type: 'simple', argv: exactSize(argv), assignments: exactSize(assignments), redirects: exactSize(redirects), start: this.off(start), end: this.offEnd(end) };
  }
}

/** Words that run as commands of their own: everything in `lists`, flattened in execution (source) order. */
export interface FlatCommand {
  readonly node: SimpleCommandNode;
  readonly operatorBefore: Operator | null;
  readonly enclosing: readonly Enclosure[];
  readonly negated: boolean;
  readonly background: boolean;
}

/**
 * Simple commands of a list in source order. `operatorBefore` is the operator between a command and the one
 * before it in that order (for the first command of a subshell, group or branch: the operator before the construct).
 * Command substitutions are walked only when asked, with a `substitution` enclosure.
 */
export function flatten(list: ShellList, substitutions = false): FlatCommand[] {
  const out: FlatCommand[] = [];
  let nextOp: Operator | null = null;
  // Indexed loops, not for…of and forEach: this runs for every script parsed (and every merge chain-run checks), much
  // of it before V8 optimises it, and unoptimised for…of makes an iterator and a result object per element.
  const walkWords = (words: readonly ShellWord[], enclosing: readonly Enclosure[]): void => {
    if (!substitutions) return;
    for (let w = 0; w < words.length; w++) {
      const subs = words[w]!.substitutions;
      if (!subs) continue;
      for (let s = 0; s < subs.length; s++) {
        const sub = subs[s]!;
        const saved = nextOp;
        nextOp = null;
        walkList(sub, [...enclosing, { kind: 'substitution', start: sub.start, end: sub.end }]);
        nextOp = saved;
      }
    }
  };
  const walkList = (l: ShellList, enclosing: readonly Enclosure[], background = false): void => {
    for (let k = 0; k < l.items.length; k++) {
      const item = l.items[k]!;
      for (let i = 0; i < item.pipelines.length; i++) {
        const p = item.pipelines[i]!;
        if (i > 0) nextOp = item.operators[i - 1]!;
        for (let j = 0; j < p.commands.length; j++) {
          if (j > 0) nextOp = p.operators[j - 1]!;
          walkCommand(p.commands[j]!, enclosing, p.negated, background || item.terminator === '&');
        }
      }
      if (item.terminator) nextOp = item.terminator;
    }
  };
  const walkCommand = (c: CommandNode, enclosing: readonly Enclosure[], negated: boolean, background: boolean): void => {
    if (c.type === 'simple') {
      // Without substitutions to walk, not even the array of the command's words: this runs for every command parsed.
      if (substitutions) walkWords([...c.assignments, ...c.argv, ...c.redirects.flatMap((r) => (r.target ? [r.target] : []))], enclosing);
      if (c.argv.length > 0 || c.assignments.length > 0) {
        out.push({ node: c, operatorBefore: out.length === 0 ? null : nextOp, enclosing, negated, background });
      }
      return;
    }
    if (c.type === 'function') {
      walkCommand(c.body, [...enclosing, { kind: 'function', start: c.start, end: c.end }], false, background);
      return;
    }
    const inner = [...enclosing, { kind: c.kind, start: c.start, end: c.end }];
    walkWords(c.words, inner);
    c.lists.forEach((l, i) => {
      if (i > 0 && c.kind === 'case') nextOp = ';;';
      walkList(l, inner, background);
    });
  };
  walkList(list, []);
  return out;
}
