/**
 * The shell form of CMD/ENTRYPOINT that needs no shell: one simple command of plain words, which the exec form runs
 * the same way (json-cmd-entrypoint's fix and the optimizer, whose final bases may have no shell, both ask this).
 */
import { parseScript } from './runScript';
import type { ShellWord } from './types';

/**
 * A word whose value the shell would not change: plain characters (no glob, `~`, brace, `!`, `#`, `\`, `$` or
 * backtick), single-quoted text, and double-quoted text with nothing the shell interprets inside. One plain
 * character per repetition, not `[…]+`: nested quantifiers backtrack through every split of a long word that fails
 * near its end (2^length steps; a jar path with a stray U+FEFF hung dfopt).
 */
const PLAIN_WORD = /^(?:[A-Za-z0-9_@%+=:,./-]|'[^']*'|"[^"$`\\!]*")+$/;

/** Shell builtins and keywords with no program of the same name: exec form could not start them. */
export const BUILTINS = new Set([
  '.', ':', 'alias', 'bg', 'break', 'builtin', 'case', 'cd', 'command', 'continue', 'declare', 'do', 'done', 'elif', 'else',
  'enable', 'esac', 'eval', 'exec', 'exit', 'export', 'fc', 'fg', 'fi', 'for', 'function', 'getopts', 'hash', 'if', 'in',
  'jobs', 'let', 'local', 'read', 'readonly', 'return', 'select', 'set', 'shift', 'shopt', 'source', 'then', 'times',
  'trap', 'type', 'typeset', 'ulimit', 'umask', 'unalias', 'unset', 'until', 'wait', 'while',
]);

export interface PlainCommand {
  /** A leading `exec` (the exec form does the same), when there was one. */
  readonly exec: ShellWord | undefined;
  /** The program and its arguments. */
  readonly words: readonly ShellWord[];
}

/** `node server.js --port 80` or `exec nginx -g daemon off;`-free text: the words, or null when a shell is needed. */
export function plainCommand(text: string): PlainCommand | null {
  const parsed = parseScript(text);
  const item = parsed.ast?.items[0];
  if (!parsed.ast || parsed.ast.items.length !== 1 || !item || item.terminator !== null || item.pipelines.length !== 1) return null;
  const pipeline = item.pipelines[0]!;
  if (pipeline.negated || pipeline.commands.length !== 1 || parsed.commands.length !== 1) return null;
  const command = parsed.commands[0]!;
  if (command.assignments.length > 0 || command.redirects.length > 0 || command.enclosing.length > 0) return null;
  let words = command.argv;
  if (words.length === 0 || text.slice(words[words.length - 1]!.end).trim() !== '') return null;
  if (!words.every((w) => w.literal !== false && PLAIN_WORD.test(w.raw))) return null;
  const exec = words[0]!.value === 'exec' ? words[0] : undefined;
  if (exec) words = words.slice(1);
  const program = words[0];
  if (!program || (exec && program.value.startsWith('-')) || BUILTINS.has(program.value)) return null;
  return { exec, words };
}
