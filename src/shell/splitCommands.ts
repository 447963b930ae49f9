/**
 * A small POSIX-shell splitter: enough structure (simple commands, their argv words, operators, redirections) for
 * the core rules. The parser (parser.ts) is used first; this is the fallback for scripts it rejects.
 * Offsets are into the text given (the RUN's logical text or a heredoc body).
 */
import { memoOnObject, objectMemoKey } from '../parse/memo';
import type { Separator, ShellWord, SimpleCommand } from './types';

export type { Enclosure, Operator, Redirect, Separator, ShellWord, SimpleCommand } from './types';

const OPERATORS = ['&&', '||', ';;', ';', '|', '&', '\n', '(', ')'] as const;
const REDIRECT = /^(\d*)(>>|>&|<&|<<<|<<-?|<>|>\||>|<)$/;
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

interface Token {
  kind: 'word' | 'op';
  raw: string;
  start: number;
  end: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#' && (i === 0 || /[\s;&|()]/.test(text[i - 1]!))) {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', raw: op, start: i, end: i + op.length });
      i += op.length;
      continue;
    }
    const redirect = /^\d*(>>|>&|<&|<<<|<<-?|<>|>\||>|<)/.exec(text.slice(i, i + 8));
    if (redirect) {
      tokens.push({ kind: 'word', raw: redirect[0], start: i, end: i + redirect[0].length });
      i += redirect[0].length;
      continue;
    }
    const start = i;
    let depth = 0;
    while (i < n) {
      const ch = text[i]!;
      if (ch === '\\') {
        i += 2;
        continue;
      }
      if (ch === "'") {
        const close = text.indexOf("'", i + 1);
        i = close === -1 ? n : close + 1;
        continue;
      }
      if (ch === '"') {
        i++;
        while (i < n && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
        i++;
        continue;
      }
      if (ch === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
        depth++;
        i += 2;
        continue;
      }
      if (ch === '`') {
        const close = text.indexOf('`', i + 1);
        i = close === -1 ? n : close + 1;
        continue;
      }
      if (depth > 0) {
        if (ch === ')' || ch === '}') depth--;
        else if (ch === '(') depth++;
        i++;
        continue;
      }
      if (/[\s;&|()<>]/.test(ch)) break;
      i++;
    }
    if (i === start) i++;
    tokens.push({ kind: 'word', raw: text.slice(start, Math.min(i, n)), start, end: Math.min(i, n) });
  }
  return tokens;
}

export function unquoteWord(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '\\') {
      out += raw[i + 1] ?? '';
      i++;
    } else if (c === "'") {
      const close = raw.indexOf("'", i + 1);
      const end = close === -1 ? raw.length : close;
      out += raw.slice(i + 1, end);
      i = end;
    } else if (c === '"') {
      i++;
      while (i < raw.length && raw[i] !== '"') {
        if (raw[i] === '\\' && /["\\$`]/.test(raw[i + 1] ?? '')) i++;
        out += raw[i] ?? '';
        i++;
      }
    } else out += c;
  }
  return out;
}

const RESERVED_OPENERS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{']);
const RESERVED_CLOSERS = new Set(['fi', 'done', 'esac', '}']);

/** Splits a script into simple commands in execution order (control-flow keywords are dropped, bodies kept). */
export function splitCommands(text: string): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let argv: ShellWord[] = [];
  let assignments: ShellWord[] = [];
  let redirects: Array<{ op: string; target: ShellWord | null }> = [];
  let separator: Separator | null = null;
  let start = -1;
  let end = -1;
  let pendingRedirect: string | null = null;

  const flush = (): void => {
    if (argv.length > 0 || assignments.length > 0) {
      commands.push({
        argv,
        assignments,
        redirects,
        separatorBefore: commands.length > 0 ? separator : null,
        enclosing: [],
        negated: false,
        background: false,
        start,
        end,
      });
      separator = null;
    }
    argv = [];
    assignments = [];
    redirects = [];
    start = -1;
  };

  for (const token of tokenize(text)) {
    if (token.kind === 'op') {
      pendingRedirect = null;
      flush();
      // `a &&\n b`: the newline after an operator does not replace it.
      if (!(token.raw === '\n' && separator !== null)) separator = token.raw === ';;' ? ';' : (token.raw as Separator);
      continue;
    }
    const word: ShellWord = { raw: token.raw, value: unquoteWord(token.raw), start: token.start, end: token.end };
    if (pendingRedirect !== null) {
      redirects.push({ op: pendingRedirect, target: word });
      pendingRedirect = null;
      end = token.end;
      continue;
    }
    const redirect = REDIRECT.exec(token.raw);
    if (redirect) {
      pendingRedirect = token.raw;
      if (start === -1) start = token.start;
      end = token.end;
      continue;
    }
    if (argv.length === 0 && assignments.length === 0 && RESERVED_OPENERS.has(token.raw)) continue;
    if (argv.length === 0 && RESERVED_CLOSERS.has(token.raw)) continue;
    if (start === -1) start = token.start;
    end = token.end;
    if (argv.length === 0 && ASSIGNMENT.test(token.raw)) assignments.push(word);
    else argv.push(word);
  }
  flush();
  return commands;
}

/** Wrappers whose first non-option argument is the real command. */
const WRAPPERS = new Set(['sudo', 'env', 'command', 'exec', 'nohup', 'time', 'nice', 'xargs', 'gosu', 'su-exec', 'chroot']);

/** The command that actually runs, looking through `sudo`, `env FOO=1`, `xargs -r` and friends. */
export function effectiveArgv(command: SimpleCommand): readonly ShellWord[] {
  const first = command.argv[0];
  if (!first || !WRAPPERS.has(basename(first.value))) return command.argv;
  // The same list for every caller, so what is memoised on it (managerCommand) is found again.
  return memoOnObject(command, EFFECTIVE_ARGV, unwrapped);
}

const EFFECTIVE_ARGV = objectMemoKey('effectiveArgv');

function unwrapped(command: SimpleCommand): readonly ShellWord[] {
  let words = command.argv;
  for (let guard = 0; guard < 4; guard++) {
    const first = words[0];
    if (!first || !WRAPPERS.has(basename(first.value))) return words;
    let i = 1;
    while (i < words.length && (words[i]!.value.startsWith('-') || ASSIGNMENT.test(words[i]!.value))) i++;
    // gosu/su-exec/chroot take a user or root directory before the command.
    if (['gosu', 'su-exec', 'chroot'].includes(basename(first.value))) i++;
    words = words.slice(i);
  }
  return words;
}

/**
 * What follows the last `/`. A loop, not `lastIndexOf`: that is a call into the runtime in V8, and this runs for
 * nearly every command word of every rule (some 1,800 times a lint of a 300-line file), mostly on names without a `/`.
 */
export const basename = (path: string): string => {
  for (let i = path.length - 1; i >= 0; i--) if (path.charCodeAt(i) === 47) return path.slice(i + 1);
  return path;
};
