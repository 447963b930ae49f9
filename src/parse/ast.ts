import type { LogicalText } from './logicalLine';
import type { Memoised } from './memo';
import type { Range, SourceText } from './source';

export const KEYWORDS = [
  'ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
] as const;
export type Keyword = (typeof KEYWORDS)[number];

export interface FlagNode {
  /** Name without the leading `--`, as written (BuildKit flag names are case-sensitive). */
  readonly name: string;
  readonly value: string | null;
  readonly range: Range;
  readonly valueRange: Range | null;
}

export interface WordNode {
  readonly value: string;
  readonly range: Range;
}

export interface HeredocNode {
  readonly name: string;
  /** `<<-`: leading tabs are stripped from the body. */
  readonly stripTabs: boolean;
  /** `<<"EOF"` / `<<'EOF'`: no expansion inside the body. */
  readonly quoted: boolean;
  /** The `<<EOF` marker on the instruction line. */
  readonly markerRange: Range;
  readonly content: string;
  readonly contentRange: Range | null;
  /** Whole heredoc: marker line to terminator line. */
  readonly range: Range;
}

export interface InstructionNode extends Memoised {
  readonly type: 'instruction';
  /** Position in the file's instruction list (ONBUILD triggers share their parent's index). */
  readonly index: number;
  readonly keyword: Keyword;
  /** The keyword as written (`run`, `Run`), for casing rules. */
  readonly keywordText: string;
  readonly keywordRange: Range;
  /** The whole instruction, continuation lines and heredoc bodies included. */
  readonly range: Range;
  readonly flags: readonly FlagNode[];
  /** Arguments after the flags as whitespace-separated words (dockerfile-ast's reading; heredoc bodies excluded). */
  readonly words: readonly WordNode[];
  /** Logical text of the arguments after the flags: continuations joined, inner comments dropped. */
  readonly argsText: LogicalText;
  /** Set when the arguments are a JSON array of strings (exec form). */
  readonly execForm: readonly string[] | null;
  readonly heredocs: readonly HeredocNode[];
  /** For ONBUILD: the trigger instruction. */
  readonly trigger: InstructionNode | null;
  flag(this: InstructionNode, name: string): FlagNode | undefined;
}

export interface CommentNode {
  readonly type: 'comment';
  /** Text after `#`, trimmed. */
  readonly content: string;
  readonly range: Range;
}

export interface DirectiveNode {
  /** Lower-cased directive name: syntax, escape, check, … */
  readonly name: string;
  readonly value: string;
  readonly range: Range;
}

export interface DockerfileAST {
  readonly source: SourceText;
  readonly escapeChar: string;
  readonly directives: readonly DirectiveNode[];
  readonly instructions: readonly InstructionNode[];
  /** Every comment line, including those inside continuations; parser directives are not comments. */
  readonly comments: readonly CommentNode[];
}

export class DockerfileParseError extends Error {
  /** 1-based, for messages. */
  readonly line: number;
  readonly column: number;
  /** Characters on that line the error spans (an unknown keyword), 0 for a point. */
  readonly length: number;

  constructor(message: string, line: number, column: number, length = 0) {
    // A syntax error in the file, not in dfopt: the stack is never shown, and capturing it was most of what parsing
    // a file that fails cost (in an editor, a keystroke that breaks a continuation line makes one every lint).
    const stackTraceLimit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      super(message);
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
    this.line = line;
    this.column = column;
    this.length = length;
    this.name = 'DockerfileParseError';
  }
}
