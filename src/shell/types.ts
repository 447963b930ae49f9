import type { ShellList } from './parser';

/** Offsets in shell types are indexes into the script text (a RUN's logical text or a heredoc body). */
export interface ShellWord {
  /** As written, quotes included. */
  readonly raw: string;
  /** With quotes and backslash escapes removed (no expansion: `$HOME` stays `$HOME`). */
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** False when the shell would change `value`: parameter, command or arithmetic expansion, an unquoted glob or `~`. */
  readonly literal?: boolean;
  /** Command substitutions (`$(…)`, backticks, `<(…)`) inside the word, parsed. Parser only. */
  readonly substitutions?: readonly ShellList[];
}

/** Between two commands; `;;` stands before the first command of a later `case` arm (an alternative, not a sequence). */
export type Operator = '&&' | '||' | ';' | '|' | '|&' | '&' | '\n' | ';;';
export type Separator = Operator | '(' | ')' | '{' | '}';

export interface Redirect {
  /** The operator with its file descriptor, as written: `>`, `2>`, `>>`, `2>&`, `&>`, `<<`, `<<-`, `<<<`. */
  readonly op: string;
  readonly target: ShellWord | null;
  readonly start?: number;
  readonly end?: number;
  /** For `<<` inside the script: the body's range (null when the body is not in this text, as for a RUN heredoc). */
  readonly heredoc?: { readonly start: number; readonly end: number } | null;
}

/** A construct a command sits inside. */
export interface Enclosure {
  readonly kind: 'subshell' | 'group' | 'if' | 'for' | 'select' | 'while' | 'until' | 'case' | 'arith' | 'test' | 'function' | 'substitution';
  readonly start: number;
  readonly end: number;
}

export interface SimpleCommand {
  /** argv: words that are not assignments or redirections. */
  readonly argv: readonly ShellWord[];
  readonly assignments: readonly ShellWord[];
  readonly redirects: readonly Redirect[];
  /** Operator that joined this command to the previous one in execution order (null for the first). */
  readonly separatorBefore: Separator | null;
  /** Constructs around the command, outermost first (empty at top level). */
  readonly enclosing: readonly Enclosure[];
  /** `! cmd` */
  readonly negated: boolean;
  /** Ended by `&`. */
  readonly background: boolean;
  readonly start: number;
  readonly end: number;
}
