import { type InstructionNode, memoKey, memoShared, TextMemo } from '../parse';
import { exactSize } from '../parse/exactSize';
import { flatCopy } from '../parse/source';
import { flatten, parseShell, type ShellList, ShellSyntaxError } from './parser';
import { basename, splitCommands } from './splitCommands';
import type { SimpleCommand } from './types';

/** One piece of shell code from a RUN: the instruction line itself, or a heredoc body the shell executes. */
export interface ShellScript {
  readonly text: string;
  /** Simple commands in execution order, command substitutions excluded (see parseScript for those). */
  readonly commands: readonly SimpleCommand[];
  /** The syntax tree, or null when the parser rejected the script and `commands` come from the fallback splitter. */
  readonly ast: ShellList | null;
  /** Source offset of a script offset. */
  toSource(offset: number): number;
}

export interface ParsedScript {
  readonly ast: ShellList | null;
  readonly commands: readonly SimpleCommand[];
  /** Simple commands including those inside `$(…)`, backticks and `<(…)` (enclosed by a `substitution`). */
  readonly allCommands: readonly SimpleCommand[];
  /** Why the parser rejected the script (the commands then come from the splitter). */
  readonly error: ShellSyntaxError | null;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);

/** False for PowerShell, cmd and anything else whose syntax is not POSIX sh. */
export function isPosixShell(shell: readonly string[]): boolean {
  // Asked by several rules for every RUN of every lint, about the few SHELLs a file names: answered once per name.
  const program = shell[0] ?? '/bin/sh';
  let posix = posixByProgram.get(program);
  if (posix === undefined) {
    const exe = basename(program.replace(/\\/g, '/')).toLowerCase().replace(/\.exe$/, '');
    posix = SHELLS.has(exe);
    if (posixByProgram.size >= 256) posixByProgram.clear();
    posixByProgram.set(program, posix);
  }
  return posix;
}

const posixByProgram = new Map<string, boolean>();

/**
 * Entries and characters the memo holds before it starts over. Sized so that a file of thousands of RUNs keeps all its
 * bodies from one lint to the next (fix re-lints the same text; the fuzz and an editor lint, fix and fix again): at
 * 512 entries a file of 4,000 RUNs evicted every body before it was asked for again and each lint parsed them all anew.
 * The character bound keeps what the memo pins small whatever the sizes of the scripts: parse trees weigh many times
 * their text, and at 1,000,000 characters `dfopt lint` over the corpus peaked at 197 MB instead of 169 (250,000) or
 * 162 (100,000), with no reuse to show for it across files. Since scripts carry what rules found in them and what
 * each command does (scriptHits, the layer rules' plans: the language server's reuse), a character weighs more:
 * after a full collection the memo held 13.2 MB at 250,000 against 9.8 before, and the corpus peaked at 112-114 MB
 * instead of 101-105; at 150,000, 100-101 MB. A single script longer than the bound is still kept (alone).
 */
const memo = new TextMemo<ParsedScript>(8192, 150_000);

/**
 * Parses shell code (memoised by text; never throws). When the parser rejects it, the commands come from the
 * small splitter so rules still see something sensible, and `ast` is null.
 */
export function parseScript(source: string): ParsedScript {
  const hit = memo.get(source);
  if (hit) return hit;
  // A RUN's text is usually a slice of the whole Dockerfile, and V8 keeps the whole string alive for a slice of it:
  // kept in the memo (as its key and in every word the parser slices from it), each entry would pin one version of
  // the file, up to 8,192 of them in an editor. A copy pins only itself.
  const text = flatCopy(source);
  let parsed: ParsedScript;
  try {
    parsed = new Parsed(parseShell(text));
  } catch (error) {
    if (!(error instanceof ShellSyntaxError) && !(error instanceof RangeError)) throw error;
    const commands = splitCommands(text);
    parsed = {
      ast: null,
      commands,
      allCommands: commands,
      error: error instanceof ShellSyntaxError ? error : new ShellSyntaxError(error.message, 0),
    };
  }
  memo.set(text, parsed);
  return parsed;
}

/**
 * A script the parser accepted. A class, not an object literal with a getter: a literal's accessor is defined by a
 * runtime call and a closure per script, and a file of thousands of RUNs parses thousands of scripts.
 */
class Parsed implements ParsedScript {
  readonly commands: readonly SimpleCommand[];
  readonly error = null;
  private all: readonly SimpleCommand[] | undefined = undefined;
  constructor(readonly ast: ShellList) {
    this.commands = simpleCommands(flatten(ast));
  }
  get allCommands(): readonly SimpleCommand[] {
    return (this.all ??= simpleCommands(flatten(this.ast, true)));
  }
}

/**
 * The commands of a script, pushed one by one rather than made by `.map`: `.map`'s array is PACKED in the interpreter
 * and HOLEY once the caller is optimised, so the arrays of a lint changed map half-way, and every optimised reader of
 * `commands` (mergeRuns, runsInOrder, the RUN rules) was deoptimised ('wrong map') and compiled again; mergeRuns'
 * TurboFan compile alone is 60-120 ms in a fuzz giant.
 */
function simpleCommands(flat: ReturnType<typeof flatten>): SimpleCommand[] {
  const out: SimpleCommand[] = [];
  for (let i = 0; i < flat.length; i++) out.push(toSimpleCommand(flat[i]!));
  return exactSize(out);
}

function toSimpleCommand(c: ReturnType<typeof flatten>[number]): SimpleCommand {
  const { argv, assignments, redirects, start, end } = c.node;
  return { argv, assignments, redirects, separatorBefore: c.operatorBefore, enclosing: c.enclosing, negated: c.negated, background: c.background, start, end };
}

const SCRIPTS = memoKey('runScripts');

/**
 * The shell scripts a shell-form RUN executes, memoised per instruction (on its parse, which the language server
 * reuses while the instruction is unchanged: memoShared). Exec-form RUNs execute no shell and
 * yield nothing. A heredoc body counts when the RUN's command is empty (BuildKit runs it as a script) or a shell
 * reading it from stdin. Callers check `isPosixShell` for the stage's SHELL first.
 */
export function runScripts(run: InstructionNode): readonly ShellScript[] {
  return memoShared(run, SCRIPTS, scriptsOf);
}

function scriptsOf(run: InstructionNode): readonly ShellScript[] {
  const scripts: ShellScript[] = [];
  if (!run.execForm) {
    const line = run.argsText;
    const parsed = parseScript(line.text);
    const last = line.sourceOffset(line.text.length) ?? 0;
    scripts.push({ text: line.text, commands: parsed.commands, ast: parsed.ast, toSource: (o) => line.sourceOffset(o) ?? last });
    const lineCommands = parsed.commands;
    const runsShell = lineCommands.length === 0 || (lineCommands.length === 1 && SHELLS.has(basename(lineCommands[0]!.argv[0]?.value ?? '')));
    if (runsShell) {
      for (const heredoc of run.heredocs) {
        const base = heredoc.contentRange?.start.offset ?? heredoc.range.end.offset;
        const body = parseScript(heredoc.content);
        scripts.push({ text: heredoc.content, commands: body.commands, ast: body.ast, toSource: (o) => base + o });
      }
    }
  }
  return scripts;
}

const EXECUTED = memoKey('executedScripts');

/**
 * The scripts a shell actually parses for a RUN: `runScripts` without a line that only introduces heredocs
 * (`RUN <<EOF`): BuildKit runs the body as the script, so the marker is never shell code and checking it alone
 * reads `<<EOF` as a redirection without a command. Shell-level checks (the SC rules, the ShellCheck relay and
 * its conformance harness) look at these.
 */
export function executedScripts(run: InstructionNode): readonly ShellScript[] {
  return memoShared(run, EXECUTED, executedOf);
}

function executedOf(run: InstructionNode): readonly ShellScript[] {
  const [line, ...bodies] = runScripts(run);
  if (!line) return [];
  return bodies.length > 0 && line.commands.length === 0 ? bodies : [line, ...bodies];
}

export interface LocatedCommand {
  readonly command: SimpleCommand;
  readonly script: ShellScript;
}

const LOCATED = memoKey('runCommands');

/** Every simple command a RUN executes, with the script it came from (for source ranges); memoised per instruction, as half a dozen rules ask. */
export function runCommands(run: InstructionNode): readonly LocatedCommand[] {
  // Passed functions, not closures, in these memos: half a dozen rules ask about every RUN on every lint.
  return memoShared(run, LOCATED, locatedOf);
}

function locatedOf(run: InstructionNode): readonly LocatedCommand[] {
  // Loops, not flatMap over map: one array instead of one per script plus the result.
  const located: LocatedCommand[] = [];
  for (const script of runScripts(run)) for (const command of script.commands) located.push({ command, script });
  return located;
}
