/**
 * Merging a RUN into the RUN right before it (`RUN a` + `RUN b` → `RUN a \` + ` && b`) without changing what the
 * shell executes: the chain-run fix. The merge is planned on the source text, then checked by joining the merged
 * instruction's lines as Docker does and parsing the result: it must run exactly the commands of both RUNs, in order,
 * joined by `&&` at the top level. Anything the plan cannot prove is left alone, with the reason.
 */
import type { TextEdit } from '../engine';
import { type DockerfileAST, type InstructionNode, joinContinuations } from '../parse';
import {
  type AndOr,
  type CommandNode,
  commandUses,
  flatten,
  parseShell,
  runScripts,
  type ShellList,
  ShellSyntaxError,
  type SimpleCommand,
  type SimpleCommandNode,
  type ShellScript,
} from '../shell';

/** How the file writes continuation lines of chained commands. */
export interface ContinuationStyle {
  /** ` && b` at the start of the continuation line (true), or `a && \` at the end of the line before (false). */
  readonly operatorFirst: boolean;
  /** Whitespace that starts the continuation line. */
  readonly indent: string;
}

export type RunMerge = { readonly edits: readonly TextEdit[] } | { readonly reason: string };

/**
 * Builtins that change the state of the shell that runs them (directory, variables, options, umask, limits,
 * traps, functions, aliases, open files) or end it early (`exit`, `exec`, `return`): in `a && b` that state
 * would reach `b`, so the earlier RUN goes into a subshell.
 */
const STATEFUL = new Set([
  '.', 'source', 'cd', 'pushd', 'popd', 'export', 'unset', 'set', 'shopt', 'setopt', 'unsetopt', 'emulate', 'umask',
  'ulimit', 'alias', 'unalias', 'readonly', 'declare', 'typeset', 'local', 'let', 'read', 'mapfile', 'readarray',
  'getopts', 'shift', 'trap', 'hash', 'enable', 'eval', 'exec', 'exit', 'return', 'break', 'continue', 'logout',
  'autoload', 'functions', 'unfunction', 'disable',
]);
/** POSIX special builtins: assignments written before them stay set afterwards (`X=1 :`). */
const SPECIAL = new Set([':', '.', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'times', 'trap', 'unset']);
/** Prefixes that run the next word as the command (`command cd /x` still changes directory). */
const TRANSPARENT = new Set(['command', 'builtin', 'time', 'noglob', 'nocorrect']);
/**
 * Programs that leave processes running after they return. Docker ends those when the RUN ends; merged, they would
 * keep running (and writing files) while the next RUN's commands run.
 */
const DAEMONIZERS = new Set([
  'service', 'systemctl', 'start-stop-daemon', 'nohup', 'setsid', 'daemonize', 'rc-service', 'invoke-rc.d', 'initctl',
  'supervisord', 'dockerd', 'mysqld_safe', 'pg_ctl', 'pg_ctlcluster', 'coproc', 'disown',
]);
/** Parameter expansions that assign (`${X:=d}`, `${X=d}`) and arithmetic (`$((i++))`, `$[…]`) can set variables. */
const ASSIGNING_EXPANSION = /\$\{[^}]*=|\$\(\(|\$\[/;

const styles = new WeakMap<DockerfileAST, ContinuationStyle>();

/**
 * The file's own way of continuing a chain: which side of the line break the `&&` goes (the more common of the two
 * in the file's RUNs) and the indentation of those continuation lines (the most common one). A file without chained
 * continuation lines gets the indentation of its other continuation lines, else ` && ` with one space.
 */
export function continuationStyle(ast: DockerfileAST): ContinuationStyle {
  const hit = styles.get(ast);
  if (hit) return hit;
  const { source, escapeChar } = ast;
  const leading = new Map<string, number>();
  const trailing = new Map<string, number>();
  const other = new Map<string, number>();
  const bump = (m: Map<string, number>, key: string): void => void m.set(key, (m.get(key) ?? 0) + 1);
  const endsWithOperator = (line: string): boolean => {
    const s = line.trimEnd();
    return s.endsWith(escapeChar) && /(&&|\|\|)$/.test(s.slice(0, -escapeChar.length).trimEnd());
  };
  for (const inst of ast.instructions) {
    const run = inst.keyword === 'RUN' ? inst : inst.trigger?.keyword === 'RUN' ? inst.trigger : null;
    if (!run) continue;
    const first = run.keywordRange.start.line;
    const last = run.heredocs[0]?.markerRange.start.line ?? run.range.end.line;
    let previous = source.lineText(first);
    for (let line = first + 1; line <= last; line++) {
      const text = source.lineText(line);
      if (/^[ \t]*(#|$)/.test(text)) continue;
      const indent = /^[ \t]*/.exec(text)![0];
      if (/^[ \t]*(&&|\|\|)/.test(text)) bump(leading, indent);
      else if (endsWithOperator(previous)) bump(trailing, indent);
      else bump(other, indent);
      previous = text;
    }
  }
  const total = (m: Map<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);
  const common = (m: Map<string, number>): string => [...m.entries()].reduce((a, b) => (b[1] > a[1] ? b : a))[0];
  let style: ContinuationStyle;
  if (total(trailing) > total(leading)) style = { operatorFirst: false, indent: common(trailing) };
  else if (total(leading) > 0) style = { operatorFirst: true, indent: common(leading) };
  else if (total(other) > 0) style = { operatorFirst: true, indent: common(other) };
  else style = { operatorFirst: true, indent: ' ' };
  styles.set(ast, style);
  return style;
}

const directiveTargets = new WeakMap<DockerfileAST, ReadonlySet<number>>();

/** Indexes of instructions a next-instruction suppression comment (`# hadolint ignore=…`, `# dfopt-disable-next-line`) applies to. */
export function suppressedByComment(ast: DockerfileAST): ReadonlySet<number> {
  const hit = directiveTargets.get(ast);
  if (hit) return hit;
  const targets = new Set<number>();
  let k = 0;
  for (const comment of ast.comments) {
    if (!/^(dfopt-disable-next-line\b|hadolint\s+ignore\s*=)/.test(comment.content.trim())) continue;
    const line = comment.range.start.line;
    while (k < ast.instructions.length && ast.instructions[k]!.range.start.line <= line) k++;
    const target = ast.instructions[k];
    if (target) targets.add(target.index);
  }
  directiveTargets.set(ast, targets);
  return targets;
}

const flagKey = (run: InstructionNode): string =>
  run.flags
    .map((f) => `${f.name}=${f.value ?? ''}`)
    .sort()
    .join('\n');

/** Whether running `list` could change the shell's state for commands after it (see STATEFUL). */
function leaksState(list: ShellList): boolean {
  return list.items.some((item) => item.pipelines.some((p) => p.commands.some(commandLeaks)));
}

function commandLeaks(c: CommandNode): boolean {
  if (c.type === 'function') return true;
  if (c.type === 'simple') return simpleLeaks(c);
  if (c.kind === 'subshell') return false;
  // `for`/`select` set their variable; `(( … ))` may assign.
  if (c.kind === 'for' || c.kind === 'select' || c.kind === 'arith') return true;
  return c.lists.some(leaksState);
}

function simpleLeaks(c: SimpleCommandNode): boolean {
  if (c.argv.length === 0) return c.assignments.length > 0;
  let i = 0;
  while (i < c.argv.length - 1 && c.argv[i]!.literal !== false && TRANSPARENT.has(c.argv[i]!.value)) {
    i++;
    while (i < c.argv.length - 1 && c.argv[i]!.value.startsWith('-')) i++;
  }
  const word = c.argv[i]!;
  // `$CMD …` could be any builtin.
  if (word.literal === false) return true;
  const name = word.value;
  if (STATEFUL.has(name)) return true;
  if (c.assignments.length > 0 && SPECIAL.has(name)) return true;
  // `printf -v VAR …` assigns.
  return name === 'printf' && c.argv.slice(i + 1).some((w) => /^-[^-]*v/.test(w.value));
}

/** Operators or several commands at the top level that `&&` after them would bind into: `a || b`, `a; b`. */
const needsGroup = (list: ShellList): boolean => list.items.length > 1 || list.items.some((i: AndOr) => i.operators.includes('||'));

/** Index just past the last top-level command of `list` (its redirections included). */
export function lastCommandEnd(list: ShellList): number {
  const item = list.items[list.items.length - 1]!;
  const pipeline = item.pipelines[item.pipelines.length - 1]!;
  return pipeline.commands[pipeline.commands.length - 1]!.end;
}

/** A command's words, joined, for comparing what two scripts run. */
const wordsOf = (c: { argv: readonly { value: string }[] }): string => c.argv.map((w) => w.value).join('\u0000');

/** Each command's words, joined (see wordsOf). */
export const commandWords = (commands: readonly { argv: readonly { value: string }[] }[]): string[] => commands.map(wordsOf);

/**
 * Plans the edits that merge `next` into `prev` (two shell-form RUNs of one stage, nothing but blank and comment lines
 * and the `moved` instructions between: the caller has checked that those cannot change what either RUN does),
 * or says why they cannot merge safely. The edits replace `prev`'s end, the gap and `next`'s keyword and flags by the
 * joining text; `next`'s own lines stay as they are. `prev` goes into a subshell `( … )` when it could change the
 * shell's state (`cd`, `export`, `set`, …), or a group `{ …; }` when its top level has `||` or several commands.
 */
export function mergeRuns(
  ast: DockerfileAST,
  prev: InstructionNode,
  next: InstructionNode,
  style = continuationStyle(ast),
  moved: readonly InstructionNode[] = [],
): RunMerge {
  // In steps, each its own function: TurboFan compiles a function whole, and this one, in one piece, was the costliest
  // compile of a fuzz giant's lint (3.4 KB of bytecode, 60-150 ms). Apart, each step is compiled when it is hot, and
  // the rare ones (instructions moved from between the RUNs, a group around the second RUN) are not compiled at all.
  const instructionReason = instructionsBlock(ast, prev, next);
  if (instructionReason !== null) return { reason: instructionReason };
  const [ps] = runScripts(prev);
  const [ns] = runScripts(next);
  if (!ps?.ast || !ns?.ast) return { reason: 'a RUN body the shell parser does not understand' };
  const scriptReason = scriptsBlock(prev, ps.ast, ns);
  if (scriptReason !== null) return { reason: scriptReason };

  // Where the earlier RUN's commands start and end: only blanks or one `;` may follow the last command.
  const pEndL = lastCommandEnd(ps.ast);
  if (!/^[ \t]*;?[ \t]*$/.test(ps.text.slice(pEndL))) return { reason: 'text after the last command of the first RUN (a shell comment?)' };
  const pStart = ps.toSource(ps.text.search(/\S/));
  const pCut = ps.toSource(pEndL - 1) + 1;
  const between = planBetween(ast, pCut, next, moved);
  if ('reason' in between) return between;
  // The later RUN's keyword and flags go; its arguments stay where they are.
  const text = ast.source.text;
  let nStart = Math.max(next.keywordRange.end.offset, ...next.flags.map((f) => f.range.end.offset));
  while (text[nStart] === ' ' || text[nStart] === '\t') nStart++;
  if (/\n[ \t]*#/.test(text.slice(next.keywordRange.start.offset, nStart))) return { reason: 'a comment among the second RUN\'s flags' };

  const edits = joinEdits(ast, next, style, ps, ns.ast, ns, pStart, pCut, nStart, between.kept);
  if ('reason' in edits) return edits;
  if (between.movedLines.length > 0) {
    const at = commentBlockStart(ast, prev);
    if (at === null) return { reason: 'the first RUN shares its line with other text' };
    edits.push({ start: at, end: at, text: between.movedLines.join('') });
  }
  edits.sort((a, b) => a.start - b.start);
  return mergedRunsInOrder(ast, next, edits, pStart, ps.commands, ns.commands) ? { edits } : { reason: 'the merged RUN would not run the same commands' };
}

/** Why the two instructions themselves cannot merge (kinds, forms, flags, a suppression comment), else null. */
function instructionsBlock(ast: DockerfileAST, prev: InstructionNode, next: InstructionNode): string | null {
  if (prev.keyword !== 'RUN' || next.keyword !== 'RUN') return 'only RUN instructions merge';
  if (prev.execForm || next.execForm) return 'an exec-form RUN runs no shell to chain in';
  if (prev.heredocs.length > 0 || next.heredocs.length > 0) return 'heredoc RUNs are left to the user';
  if (flagKey(prev) !== flagKey(next)) return 'the RUNs have different flags';
  if (suppressedByComment(ast).has(prev.index)) return 'a suppression comment above the first RUN would then cover the second RUN too';
  return null;
}

/** Why what the two RUNs run cannot be chained (empty, background jobs, services), else null. */
function scriptsBlock(prev: InstructionNode, pList: ShellList, ns: ShellScript): string | null {
  if (pList.items.length === 0 || ns.ast!.items.length === 0) return 'an empty RUN';
  // The first RUN's own tree, substitutions included: parseScript(ps.text) looked the body up again in its memo (a
  // re-parse when a file of more RUNs than the memo holds had evicted it) and copied every command.
  if (flatten(pList, true).some((c) => c.background) || ns.commands.some((c) => c.background)) {
    return 'a background job (`&`) would keep running into the other RUN';
  }
  if (commandUses(prev).some((u) => DAEMONIZERS.has(u.name) || u.argv[0]?.value.startsWith('/etc/init.d/'))) {
    return 'the first RUN may start a service that Docker stops when that RUN ends';
  }
  return null;
}

/**
 * What lies between the RUNs, from `pCut` (the end of the first RUN's commands) to the second RUN's keyword: the
 * comment lines that stay (`kept`) and the text of the `moved` instructions, which go above the first RUN.
 */
function planBetween(
  ast: DockerfileAST,
  pCut: number,
  next: InstructionNode,
  moved: readonly InstructionNode[],
): { readonly kept: readonly string[]; readonly movedLines: readonly string[] } | { readonly reason: string } {
  const text = ast.source.text;
  // Instructions between the RUNs that the caller found harmless go above the first RUN (and above the comment lines
  // right over that RUN, which describe it). Each takes its own lines and the comment lines right over it: they
  // describe it, and left in the continuation they would sit above an unrelated command.
  let gap = text.slice(pCut, next.keywordRange.start.offset);
  const movedLines: string[] = [];
  for (const inst of [...moved].sort((a, b) => b.range.start.offset - a.range.start.offset)) {
    const own = instructionLines(text, inst);
    if (!own || own.start < pCut || own.end > next.keywordRange.start.offset) {
      return { reason: 'an instruction between the RUNs shares its lines with other text' };
    }
    if (suppressedByComment(ast).has(inst.index)) return { reason: 'a suppression comment above an instruction between the RUNs' };
    const span = { start: commentBlockAbove(ast, own.start, pCut), end: own.end };
    movedLines.unshift(text.slice(span.start, span.end));
    gap = gap.slice(0, span.start - pCut) + gap.slice(span.end - pCut);
  }
  // Comment lines between the RUNs stay, as comment lines inside the merged RUN's continuation (Docker drops them
  // there as it did between the instructions); blank lines go (a blank line inside a continuation is deprecated).
  const gapLines = gap.split(/\r?\n/);
  if (gapLines.length < 2 || !/^[ \t]*;?[ \t]*$/.test(gapLines[0]!) || !/^[ \t]*$/.test(gapLines[gapLines.length - 1]!)) {
    return { reason: 'a comment or other text between the RUNs' };
  }
  const kept = gapLines.slice(1, -1).filter((l) => !/^[ \t]*$/.test(l));
  if (kept.some((l) => !/^[ \t]*#/.test(l))) return { reason: 'text between the RUNs' };
  if (kept.length > 0 && suppressedByComment(ast).has(next.index)) {
    return { reason: 'a suppression comment above the second RUN would then cover the first RUN too' };
  }
  return { kept, movedLines };
}

/**
 * The edits that join the RUNs: `prev` opened into a subshell or group when it needs one, the text from `pCut` to
 * `nStart` replaced by the closing, the `&&` and the kept comment lines, and `next` grouped when it needs it.
 */
function joinEdits(
  ast: DockerfileAST,
  next: InstructionNode,
  style: ContinuationStyle,
  ps: ShellScript,
  nList: ShellList,
  ns: ShellScript,
  pStart: number,
  pCut: number,
  nStart: number,
  kept: readonly string[],
): TextEdit[] | { readonly reason: string } {
  const { source, escapeChar } = ast;
  const text = source.text;
  const edits: TextEdit[] = [];
  let open = '';
  let close = '';
  if (leaksState(ps.ast!) || ASSIGNING_EXPANSION.test(ps.text)) {
    open = text[pStart] === '(' ? '( ' : '(';
    close = open === '( ' ? ' )' : ')';
  } else if (needsGroup(ps.ast!)) {
    open = '{ ';
    close = '; }';
  }
  if (open) edits.push({ start: pStart, end: pStart, text: open });
  let nOpen = '';
  if (needsGroup(nList)) {
    const nCut = groupSecond(text, next, nList, ns);
    if (nCut === null) return { reason: 'text after the last command of the second RUN (a shell comment?)' };
    nOpen = '{ ';
    edits.push({ start: nCut, end: next.range.end.offset, text: '; }' });
  }
  const eol = source.eol;
  // `RUN \` alone on the later RUN's first line: with `&&` at line ends, its own escape ends the joined line.
  const nextOnlyEscape = text.startsWith(escapeChar, nStart) && /^[ \t]*\r?(\n|$)/.test(text.slice(nStart + escapeChar.length));
  // Written as they were (comments are the user's text, byte for byte). A loop, not `.map(…).join('')`: the array
  // `.map` makes is of another elements kind once the caller is optimised (parseDockerfile says more), and the `join`
  // on it then deoptimised mergeRuns, whose TurboFan compile was the costliest of a lint (80-130 ms in a fuzz giant).
  let commentLines = '';
  for (const l of kept) commentLines += `${l}${eol}`;
  const join = style.operatorFirst
    ? `${close} ${escapeChar}${eol}${commentLines}${style.indent}&& ${nOpen}`
    : nextOnlyEscape && !nOpen
      ? `${close} && ${commentLines ? `${escapeChar}${eol}${commentLines}${style.indent}` : ''}`
      : `${close} && ${escapeChar}${eol}${commentLines}${style.indent}${nOpen}`;
  edits.push({ start: pCut, end: nStart, text: join });
  return edits;
}

/** Where the group `{ …; }` around the second RUN closes (just past its last command); null when text follows that. */
function groupSecond(text: string, next: InstructionNode, nList: ShellList, ns: ShellScript): number | null {
  const nEndL = lastCommandEnd(nList);
  const nCut = ns.toSource(nEndL - 1) + 1;
  const rest = text.slice(nCut, next.range.end.offset);
  if (!/^[ \t]*;?[ \t]*$/.test(ns.text.slice(nEndL)) || !/^[ \t]*;?[ \t]*$/.test(rest)) return null;
  return nCut;
}

/** The check: the merged instruction, joined as Docker joins it, runs both RUNs' commands in order, chained by `&&`. */
function mergedRunsInOrder(
  ast: DockerfileAST,
  next: InstructionNode,
  edits: readonly TextEdit[],
  pStart: number,
  first: readonly SimpleCommand[],
  second: readonly SimpleCommand[],
): boolean {
  const text = ast.source.text;
  const end = next.range.end.offset;
  let merged = '';
  let at = pStart;
  for (const e of edits) {
    if (e.start < pStart) continue;
    merged += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  merged += text.slice(at, end);
  return runsInOrder(joinContinuations(merged, 0, merged.length, ast.escapeChar).text, first, second);
}

/**
 * Whether `script` parses as one `&&` chain, not in the background, whose commands have the words of `first` then
 * `second` (compared as commandWords). It parses with parseShell itself, not parseScript: every merged text is new,
 * so parseScript's memo would only copy it, keep it and evict the RUN bodies rules still ask for; in a file of
 * thousands of RUNs that check was a quarter of `dfopt lint`.
 */
export function runsInOrder(script: string, first: readonly SimpleCommand[], second: readonly SimpleCommand[]): boolean {
  let list: ShellList;
  try {
    list = parseShell(script);
  } catch (error) {
    // What parseScript falls back from (the splitter's commands then come with no syntax tree: no chain to check).
    if (error instanceof ShellSyntaxError || error instanceof RangeError) return false;
    throw error;
  }
  const item = list.items.length === 1 ? list.items[0]! : undefined;
  if (item === undefined || item.terminator === '&' || !item.operators.every((op) => op === '&&')) return false;
  const commands = flatten(list);
  if (commands.length !== first.length + second.length) return false;
  for (let i = 0; i < commands.length; i++) {
    if (!sameWords(commands[i]!.node.argv, (i < first.length ? first[i]! : second[i - first.length]!).argv)) return false;
  }
  return true;
}

/**
 * `wordsOf(a) === wordsOf(b)` without joining (a file of thousands of RUNs joined four lists per merge): word by
 * word, then joined only where the joins can be equal while the lists are not: a word holding the NUL the join puts
 * between words, or no words against one empty word.
 */
function sameWords(a: readonly { value: string }[], b: readonly { value: string }[]): boolean {
  if (a.length === b.length) {
    let i = 0;
    while (i < a.length && a[i]!.value === b[i]!.value) i++;
    if (i === a.length) return true;
  }
  const nul = (words: readonly { value: string }[]): boolean => words.some((w) => w.value.includes('\u0000'));
  return (a.length + b.length === 1 || nul(a) || nul(b)) && wordsOf({ argv: a }) === wordsOf({ argv: b });
}

/**
 * The lines an instruction fills, line break included: null when it shares a line with other text, holds comment lines
 * between its continuation lines, or ends the file without a line break.
 */
function instructionLines(text: string, inst: InstructionNode): { start: number; end: number } | null {
  if (/\n[ \t]*#/.test(text.slice(inst.range.start.offset, inst.range.end.offset))) return null;
  const start = text.lastIndexOf('\n', inst.range.start.offset - 1) + 1;
  if (!/^[ \t]*$/.test(text.slice(start, inst.range.start.offset))) return null;
  const after = /^[ \t]*\r?\n/.exec(text.slice(inst.range.end.offset));
  return after ? { start, end: inst.range.end.offset + after[0].length } : null;
}

/**
 * Start of the comment lines directly above `inst` (no blank line between; comments of the file, not comment lines
 * inside a continuation), else of its own line; null when text precedes it on its line.
 */
function commentBlockStart(ast: DockerfileAST, inst: InstructionNode): number | null {
  const text = ast.source.text;
  const start = lineStart(text, inst.range.start.offset);
  if (!/^[ \t]*$/.test(text.slice(start, inst.range.start.offset))) return null;
  return commentBlockAbove(ast, start, 0);
}

const lineStart = (text: string, offset: number): number => text.lastIndexOf('\n', offset - 1) + 1;

/** Start of the file's comment lines directly above the line starting at `start` (none: `start`), not before `floor`. */
function commentBlockAbove(ast: DockerfileAST, start: number, floor: number): number {
  const text = ast.source.text;
  const commentLines = new Set(ast.comments.map((c) => lineStart(text, c.range.start.offset)));
  while (start > floor && commentLines.has(lineStart(text, start - 1)) && lineStart(text, start - 1) >= floor) {
    start = lineStart(text, start - 1);
  }
  return start;
}
