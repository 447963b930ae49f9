import type { Listeners, RuleContext } from '../../src/engine';
import type { BuildState } from '../../src/model';
import { substitute } from '../../src/model/substitute';
import { type InstructionNode, memoKey, memoOn, memoShared } from '../../src/parse';
import type { Range } from '../../src/parse/source';
import { basename, effectiveArgv, isPosixShell, runCommands, type ShellScript, type ShellWord } from '../../src/shell';
import { type ToolInvocation, toolInvocation } from '../../src/shell/packageManagers';

/** A package-manager command of a RUN (shell form, heredoc body or exec form), with source ranges. */
export interface ToolCommand {
  readonly invocation: ToolInvocation;
  /** Source offset where the command starts (to order it against other text of the RUN). */
  readonly sourceStart: number;
  /** Fed by `yes |`, which answers the prompts. */
  readonly pipedFromYes: boolean;
  /** Source range from `first` to `last` (inclusive). */
  range(first: ShellWord, last?: ShellWord): Range;
  /** What an argument stands for after expansion (see `expandWord`), or null when only the build knows. */
  expand(word: ShellWord): string[] | null;
}

/**
 * The package-manager commands a RUN executes. Shell-form and heredoc scripts are parsed (commands behind sudo/env
 * are seen; `sh -c '…'` strings are not looked into); exec-form RUNs run their argv directly. Nothing for a stage
 * whose SHELL is not POSIX (PowerShell, cmd), where shell-form RUNs are not sh.
 */
export function toolCommands(context: RuleContext, run: InstructionNode, state: BuildState): readonly ToolCommand[] {
  // Sixteen rules ask about the same RUN: recognise its commands once (per lint; nodes are not shared across files).
  // The context and state go by one reused object, not a closure made by each of those sixteen calls.
  asked.context = context;
  asked.state = state;
  try {
    return memoOn(run, TOOL_COMMANDS, commandsOf, asked);
  } finally {
    asked.context = null;
    asked.state = null;
  }
}

const TOOL_COMMANDS = memoKey('toolCommands');

const asked: { context: RuleContext | null; state: BuildState | null } = { context: null, state: null };

function commandsOf(run: InstructionNode, { context, state }: typeof asked): ToolCommand[] {
  return run.execForm ? execFormCommand(context!, run) : isPosixShell(state!.shell) ? shellCommands(context!, run, state!) : [];
}

function shellCommands(context: RuleContext, run: InstructionNode, state: BuildState): ToolCommand[] {
  const source = context.ast.source;
  const out: ToolCommand[] = [];
  const found = memoShared(run, SHELL_TOOL_COMMANDS, shellToolCommandsOf);
  for (let i = 0; i < found.length; i++) {
    const { invocation, sourceStart, pipedFromYes, script, loops } = found[i]!;
    out.push({
      invocation,
      sourceStart,
      pipedFromYes,
      range: (first, last = first) => source.range(script.toSource(first.start), script.toSource(last.end - 1) + 1),
      expand: (word) => expandWord(word, state, loops),
    });
  }
  return out;
}

/** What shellCommands reads of a RUN's commands, all of it from the RUN's own text. */
interface ShellToolCommand {
  readonly invocation: ToolInvocation;
  readonly sourceStart: number;
  readonly pipedFromYes: boolean;
  readonly script: ShellScript;
  readonly loops: readonly (ForLoop | null)[];
}

/**
 * The package-manager commands of a shell-form RUN, found once per parse of the RUN (memoShared), which the language
 * server reuses while the RUN is unchanged: each lint only gives them its state and source.
 */
const SHELL_TOOL_COMMANDS = memoKey('shellToolCommands');

function shellToolCommandsOf(run: InstructionNode): readonly ShellToolCommand[] {
  const out: ShellToolCommand[] = [];
  const commands = runCommands(run);
  commands.forEach(({ command, script }, i) => {
    const invocation = toolInvocation(effectiveArgv(command));
    if (!invocation) return;
    const previous = commands[i - 1];
    const pipedFromYes =
      command.separatorBefore === '|' && previous?.script === script && basename(previous.command.argv[0]?.value ?? '') === 'yes';
    const loops = command.enclosing.filter((e) => e.kind === 'for').map((e) => forLoop(script.text.slice(e.start, e.end)));
    out.push({ invocation, sourceStart: script.toSource(command.start), pipedFromYes, script, loops });
  });
  return out;
}

/** `RUN ["apt-get", "install", "curl"]`: the array elements as words, located in the source when written plainly. */
function execFormCommand(context: RuleContext, run: InstructionNode): ToolCommand[] {
  const source = context.ast.source;
  const elements = run.execForm ?? [];
  const base = run.keywordRange.end.offset;
  // Search the instruction's own text only, so a missing element costs its length, not the file's.
  const text = source.text.slice(base, run.range.end.offset);
  let cursor = 0;
  const fallback = { start: base, end: run.range.end.offset };
  const words: ShellWord[] = elements.map((value) => {
    const written = JSON.stringify(value);
    const found = text.indexOf(written, cursor);
    if (found === -1) return { raw: written, value, start: fallback.start, end: fallback.end, literal: true };
    const at = base + found;
    cursor = found + written.length;
    return { raw: written, value, start: at, end: at + written.length, literal: true };
  });
  const invocation = toolInvocation(words);
  if (!invocation) return [];
  return [
    {
      invocation,
      sourceStart: run.keywordRange.end.offset,
      pipedFromYes: false,
      range: (first, last = first) => source.range(first.start, Math.max(first.start, last.end)),
      // No shell: the words reach the tool as written.
      expand: (word) => [word.value],
    },
  ];
}

/** Listeners calling `check` for every RUN and every `ONBUILD RUN` (with the state its trigger will see). */
export function onEveryRun(context: RuleContext, check: (run: InstructionNode, state: BuildState) => void): Listeners {
  return {
    RUN(run) {
      check(run, context.stateBefore(run));
    },
    ONBUILD(onbuild) {
      if (onbuild.trigger?.keyword === 'RUN') check(onbuild.trigger, context.stateBefore(onbuild));
    },
  };
}

interface ForLoop {
  readonly name: string;
  /** The literal words the loop runs over. */
  readonly values: readonly string[];
}

/** `for NAME in a b c; do …`: the variable and its literal values (null when the list has expansions or globs). */
export function forLoop(text: string): ForLoop | null {
  // What `/^for\s+(NAME)\s+in\s+([^;\n]*?)\s*(;|\n)/` matched, found without it: its three runs of blanks that
  // may overlap backtracked in cubic time (a `for x in` then 3,000 tabs took 30 s). The head cannot backtrack.
  const head = /^for\s+([A-Za-z_][A-Za-z0-9_]*)\s+in/.exec(text);
  if (!head) return null;
  const start = head[0].length;
  let p = start;
  while (p < text.length && /\s/.test(text[p]!)) p++;
  if (p === start) return null;
  let list: string;
  const end = text.slice(p).search(/[;\n]/);
  if (end !== -1) {
    let q = p + end;
    while (q > p && /\s/.test(text[q - 1]!)) q--;
    list = text.slice(p, q);
  } else if (text.lastIndexOf('\n', p - 1) > start) {
    // Nothing ends the list after the blanks, but a newline among them does (after the first blank): an empty list.
    list = '';
  } else return null;
  if (/[$`*?[\]"'\\]/.test(list)) return null;
  return { name: head[1]!, values: list.split(/\s+/).filter(Boolean) };
}

/**
 * The package specs a word stands for: itself, or, for `$PKGS`/`${PKGS}`, the value of the ARG or ENV (split on
 * blanks when unquoted), or each value of an enclosing `for PKG in a b c` loop. Null when the value is only known at
 * run time (an undeclared or shell variable, an ARG without a default, a command substitution): we do not guess.
 */
function expandWord(word: ShellWord, state: BuildState, loops: readonly (ForLoop | null)[]): string[] | null {
  if (!word.value.includes('$')) return [word.value];
  if (word.value.includes('$(') || word.value.includes('`')) return null;
  const loopVar = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(word.value)?.[1];
  // The innermost loop binding the name wins.
  const loop = loopVar ? [...loops].reverse().find((l) => l?.name === loopVar) : undefined;
  if (loop) return [...loop.values];
  if (loops.some((l) => l === null)) return null;
  let unknown = false;
  const { value } = substitute(word.value, (name) => {
    const v = state.env.has(name) ? state.env.get(name) : state.args.get(name);
    if (v === undefined || v === null) unknown = true;
    return v;
  });
  if (unknown) return null;
  const quoted = /^["']/.test(word.raw);
  // An empty value (`ARG EXTRA=""`) names no package.
  return (quoted ? [value] : value.split(/\s+/)).filter(Boolean);
}

/** "a", "a and b", "a, b and 3 more". */
export function listNames(names: readonly string[]): string {
  const shown = names.map((n) => `\`${n}\``);
  if (shown.length <= 1) return shown.join('');
  if (shown.length <= 3) return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
  return `${shown.slice(0, 2).join(', ')} and ${shown.length - 2} more`;
}
