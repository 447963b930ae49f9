import type { Listeners, RuleContext } from '../../src/engine';
import type { BuildState } from '../../src/model';
import { type InstructionNode, memoKey, memoOn } from '../../src/parse';
import { exactSize } from '../../src/parse/exactSize';
import type { Range } from '../../src/parse/source';
import { basename, executedScripts, isPosixShell, type ShellScript } from '../../src/shell';
import type { AndOr, CommandNode, CompoundNode, ShellList, SimpleCommandNode } from '../../src/shell/parser';
import type { ShellWord } from '../../src/shell/types';

/** What ShellCheck would be told the script is: `sh` (dash semantics) unless the stage's SHELL is bash. */
export type Dialect = 'sh' | 'bash';

/** The stage's dialect: bash when its SHELL is bash, else sh (callers have checked `isPosixShell`). */
export function dialectOf(state: BuildState): Dialect {
  return basename(state.shell[0] ?? '/bin/sh') === 'bash' ? 'bash' : 'sh';
}

/** A RUN script the shell rules look at: parsed (scripts the parser rejects are skipped), with its dialect. */
export interface ShellTarget {
  readonly script: ShellScript;
  readonly ast: ShellList;
  readonly dialect: Dialect;
  readonly state: BuildState;
  /** The Dockerfile range of a script range. */
  range(start: number, end: number): Range;
}

/**
 * Listeners that hand each parsed shell script of a RUN (the line and heredoc bodies the shell runs) to `check`.
 * PowerShell/cmd stages and exec-form RUNs are skipped: ShellCheck has nothing to say about them.
 *
 * With `commands`, only the scripts that run one of those commands (by commandName, command substitutions included)
 * are handed over: for a rule that looks at nothing else, most scripts need no walk, visitor or closure at all.
 */
export function shellScriptListeners(context: RuleContext, check: (target: ShellTarget) => void, commands?: readonly string[]): Listeners {
  return {
    // Indexed loops: some twenty rules run these on every RUN, and a for…of over an array allocates an iterator and
    // a result per step in code that TurboFan has not compiled (most rule code, see bin/dfopt.js TIER_UP_BUDGET).
    RUN(run) {
      const targets = shellTargets(context, run, run);
      for (let i = 0; i < targets.length; i++) {
        const target = targets[i]!;
        if (commands === undefined || runsAny(target.ast, commands)) check(target);
      }
    },
    // A trigger runs in the child's build; its script is still ours to check, in the scope the ONBUILD line sees.
    ONBUILD(onbuild) {
      if (onbuild.trigger?.keyword !== 'RUN') return;
      const targets = shellTargets(context, onbuild.trigger, onbuild);
      for (let i = 0; i < targets.length; i++) {
        const target = targets[i]!;
        if (commands === undefined || runsAny(target.ast, commands)) check(target);
      }
    },
  };
}

/** Whether a script runs a simple command whose commandName is one of `names` (in a command substitution too). */
export function runsAny(list: ShellList, names: readonly string[]): boolean {
  const walk = walkOf(list);
  const present = (walk.names ??= namesIn(walk.all));
  for (let i = 0; i < names.length; i++) if (present.has(names[i]!)) return true;
  return false;
}

function namesIn(events: readonly WalkEvent[]): ReadonlySet<string> {
  const names = new Set<string>();
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.kind === 'simple' && e.name !== null) names.add(e.name);
  }
  return names;
}

/** The targets of a RUN, built once for all shell rules of a lint (the AST and its state are the same for each). */
const TARGETS = memoKey('shellTargets');

/** `at` is the instruction whose scope applies: the RUN itself, or the ONBUILD holding it. */
function shellTargets(context: RuleContext, run: InstructionNode, at: InstructionNode): readonly ShellTarget[] {
  // Some twenty rules ask about every RUN on every lint: no closure for the usual case, where the RUN is its own scope.
  return run === at ? memoOn(run, TARGETS, ownTargets, context) : memoOn(run, TARGETS, () => targetsOf(context, run, at));
}

const ownTargets = (run: InstructionNode, context: RuleContext): readonly ShellTarget[] => targetsOf(context, run, run);

function targetsOf(context: RuleContext, run: InstructionNode, at: InstructionNode): readonly ShellTarget[] {
  const targets: ShellTarget[] = [];
  if (run.execForm) return targets;
  const state = context.stateBefore(at);
  if (!isPosixShell(state.shell)) return targets;
  const dialect = dialectOf(state);
  const source = context.ast.source;
  for (const script of executedScripts(run)) {
    if (!script.ast) continue;
    targets.push({
      script,
      ast: script.ast,
      dialect,
      state,
      range: (start, end) => source.range(script.toSource(start), script.toSource(Math.max(start, end - 1)) + (end > start ? 1 : 0)),
    });
  }
  return targets;
}

/** Where a word sits, for checks that depend on it (ShellCheck exempts `[[ ]]` operands, `case` words, …). */
export type WordRole = 'argv' | 'assignment' | 'redirect' | 'for-item' | 'test' | 'arith' | 'case' | 'function-name';

export interface ShellVisitor {
  /**
   * An `a && b || c` list; `condition` when its status is tested, as ShellCheck's isCondition decides: it sits, at any
   * depth, inside the condition of an `if`, `elif`, `while` or `until`, or inside the left operand of `&&`/`||`.
   */
  andOr?(node: AndOr, condition: boolean): void;
  simple?(node: SimpleCommandNode): void;
  compound?(node: CompoundNode): void;
  word?(word: ShellWord, role: WordRole, command: SimpleCommandNode | null): void;
}

/** One step of the walk, in the order `walkShell` visits them. */
type WalkEvent =
  | { readonly kind: 'and-or'; readonly node: AndOr; readonly condition: boolean }
  | { readonly kind: 'simple'; readonly node: SimpleCommandNode; readonly name: string | null }
  | { readonly kind: 'compound'; readonly node: CompoundNode }
  | { readonly kind: 'word'; readonly word: ShellWord; readonly role: WordRole; readonly command: SimpleCommandNode | null; readonly name: string | null };

/**
 * A script's walk, and the same events of only the kinds a visitor looks at, by the visitor's kinds (KIND_BITS):
 * filtered when first asked for (most scripts of a long file are one or two commands, and arrays made up front were
 * allocation the GC paid for on files of thousands of RUNs). A visitor of and-or lists alone (and-or-not-if-else,
 * find-xargs-null, useless-cat) or of compound commands alone (single-item-loop) replayed every word before.
 */
interface Walk {
  readonly all: readonly WalkEvent[];
  byKinds: Array<readonly WalkEvent[] | undefined> | null;
  /** The names of the simple commands (see runsAny), when first asked for. */
  names: ReadonlySet<string> | null;
  /** What the checks that read only the script found in it, by their ScriptCheck key (see scriptHits). */
  hits: Array<readonly unknown[] | undefined> | null;
}

/** The walk of each script's AST, made once and replayed for every shell rule (they all walk the same scripts). */
const walks = new WeakMap<ShellList, Walk>();

/** A key for one check whose hits scriptHits keeps (one per rule, and per combination of the options it reads). */
export type ScriptCheckKey = number & { readonly scriptCheckKey: true };

let scriptCheckKeys = 0;
export const scriptCheckKey = (): ScriptCheckKey => scriptCheckKeys++ as ScriptCheckKey;

/**
 * What a check that reads nothing but a script (its AST and its text: not the state, the options or the Dockerfile
 * around it; the dialect only when `key` is one per dialect) finds in it, found once per script and kept with its
 * walk. In the language server the scripts of an unchanged RUN are the same objects from one version to the next
 * (runScripts is memoShared), so every keystroke's lint would otherwise walk every script of the file again for each
 * such rule to find the same things. Hits are in script offsets; the rule turns them into findings on each lint,
 * where positions in the file may differ.
 */
export function scriptHits<T>(target: ShellTarget, key: ScriptCheckKey, detect: (target: ShellTarget) => readonly T[]): readonly T[] {
  const walk = walkOf(target.ast);
  const hits = (walk.hits ??= []);
  let found = hits[key] as readonly T[] | undefined;
  if (found === undefined) hits[key] = found = detect(target);
  return found;
}

/** Walks every command of a list, command substitutions included (their commands after the word holding them). */
export function walkShell(list: ShellList, visitor: ShellVisitor): void {
  const walk = walkOf(list);
  // Every shell rule replays every script on every lint: each visitor's methods are looked up once per replay (the
  // visitors all have different shapes), and a visitor of words or of simple commands alone skips the other events.
  const { word, simple, compound, andOr } = visitor;
  const kinds = (word ? KIND_BITS.word : 0) | (simple ? KIND_BITS.simple : 0) | (compound ? KIND_BITS.compound : 0) | (andOr ? KIND_BITS['and-or'] : 0);
  // Words are most of the events: a visitor of words and more replays them all rather than a near copy of them.
  const events = kinds === 0 ? NO_EVENTS : (kinds & KIND_BITS.word) !== 0 && kinds !== KIND_BITS.word ? walk.all : eventsOfKinds(walk, kinds);
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    if (e.kind === 'word') {
      if (word) {
        visitedCommand = e.command;
        visitedName = e.name;
        word.call(visitor, e.word, e.role, e.command);
      }
    } else if (e.kind === 'simple') {
      if (simple) {
        visitedCommand = e.node;
        visitedName = e.name;
        simple.call(visitor, e.node);
      }
    } else if (e.kind === 'compound') compound?.call(visitor, e.node);
    else andOr?.call(visitor, e.node, e.condition);
  }
  visitedCommand = null;
}

/**
 * The command of the event walkShell is handing to a visitor, and its name (found once, with the walk): nearly every
 * shell rule asks commandName of it, and the WeakMap lookup that costs otherwise was 1.5 % of a corpus lint.
 */
let visitedCommand: SimpleCommandNode | null = null;
let visitedName: string | null = null;

const NO_EVENTS: readonly WalkEvent[] = [];
const KIND_BITS: Readonly<Record<WalkEvent['kind'], number>> = { word: 1, simple: 2, compound: 4, 'and-or': 8 };

function eventsOfKinds(walk: Walk, kinds: number): readonly WalkEvent[] {
  const byKinds = (walk.byKinds ??= []);
  let events = byKinds[kinds];
  if (events === undefined) {
    const out: WalkEvent[] = [];
    for (let i = 0; i < walk.all.length; i++) if ((KIND_BITS[walk.all[i]!.kind] & kinds) !== 0) out.push(walk.all[i]!);
    byKinds[kinds] = events = exactSize(out);
  }
  return events;
}

function walkOf(list: ShellList): Walk {
  let walk = walks.get(list);
  if (!walk) {
    const all = walkEvents(list);
    walks.set(list, (walk = { all, byKinds: null, names: null, hits: null }));
  }
  return walk;
}

const eventsOf = (list: ShellList): readonly WalkEvent[] => walkOf(list).all;

function walkEvents(list: ShellList): WalkEvent[] {
  // Indexed loops and one word at a time: no `?? []`, one-word array or forEach closure per word, command and list
  // (this runs once per script, but for every script of every lint).
  const out: WalkEvent[] = [];
  const word = (w: ShellWord, role: WordRole, command: SimpleCommandNode | null, name: string | null): void => {
    out.push({ kind: 'word', word: w, role, command, name });
    const subs = w.substitutions;
    if (subs) for (let i = 0; i < subs.length; i++) walkList(subs[i]!, false);
  };
  const words = (ws: readonly ShellWord[], role: WordRole, command: SimpleCommandNode | null, name: string | null): void => {
    for (let i = 0; i < ws.length; i++) word(ws[i]!, role, command, name);
  };
  const walkCommand = (c: CommandNode, condition: boolean): void => {
    if (c.type === 'function') {
      word(c.name, 'function-name', null, null);
      walkCommand(c.body, false);
      return;
    }
    if (c.type === 'simple') {
      const name = nameOf(c);
      out.push({ kind: 'simple', node: c, name });
      words(c.assignments, 'assignment', c, name);
      words(c.argv, 'argv', c, name);
      for (let i = 0; i < c.redirects.length; i++) {
        const target = c.redirects[i]!.target;
        if (target) word(target, 'redirect', c, name);
      }
      return;
    }
    out.push({ kind: 'compound', node: c });
    const role: WordRole = c.kind === 'test' ? 'test' : c.kind === 'arith' ? 'arith' : c.kind === 'case' ? 'case' : 'for-item';
    words(c.words, role, null, null);
    for (let i = 0; i < c.redirects.length; i++) {
      const target = c.redirects[i]!.target;
      if (target) word(target, 'redirect', null, null);
    }
    for (let i = 0; i < c.lists.length; i++) walkList(c.lists[i]!, condition || isCondition(c, i));
  };
  const walkList = (l: ShellList, condition: boolean): void => {
    for (let k = 0; k < l.items.length; k++) {
      const item = l.items[k]!;
      out.push({ kind: 'and-or', node: item, condition });
      const last = item.pipelines.length - 1;
      for (let j = 0; j <= last; j++) {
        const commands = item.pipelines[j]!.commands;
        for (let i = 0; i < commands.length; i++) walkCommand(commands[i]!, condition || j < last);
      }
    }
  };
  walkList(list, false);
  return exactSize(out);
}

/**
 * The script ranges of the `if`/`elif`/`while`/`until` conditions of a list, at any depth (command substitutions
 * included): what runs there is tested, so its failure never ends the script.
 */
export function conditionRanges(list: ShellList): ReadonlyArray<{ readonly start: number; readonly end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  for (const e of eventsOf(list)) {
    if (e.kind !== 'compound') continue;
    e.node.lists.forEach((l, i) => {
      if (isCondition(e.node, i)) out.push({ start: l.start, end: l.end });
    });
  }
  return out;
}

/** Whether `lists[i]` of a compound command is a condition: `if c; then …; elif c; then …; else …; fi`, `while c; do …`. */
function isCondition(c: CompoundNode, i: number): boolean {
  if (c.kind === 'while' || c.kind === 'until') return i === 0;
  if (c.kind === 'if') return i % 2 === 0 && i + 1 < c.lists.length;
  return false;
}

/** The single-quoted strings (`'…'`) a word holds at its own level, as script ranges including the quotes. */
export function singleQuotedParts(word: ShellWord): Array<{ start: number; end: number; content: string }> {
  const raw = word.raw;
  const out: Array<{ start: number; end: number; content: string }> = [];
  for (let i = 0; i < raw.length; ) {
    const c = raw[i]!;
    if (c === '\\') i += 2;
    else if (c === '"') i = skipDoubleQuoted(raw, i + 1);
    else if (c === '`') i = skipBacktick(raw, i + 1);
    else if (c === '$' && raw[i + 1] === "'") {
      const close = raw.indexOf("'", i + 2);
      i = close === -1 ? raw.length : close + 1;
    } else if (c === '$' && (raw[i + 1] === '(' || raw[i + 1] === '{')) {
      i = raw[i + 1] === '(' ? skipBalanced(raw, i + 2, '(', ')') : skipBalanced(raw, i + 2, '{', '}');
    } else if (c === "'") {
      const close = raw.indexOf("'", i + 1);
      const end = close === -1 ? raw.length : close + 1;
      out.push({ start: word.start + i, end: word.start + end, content: raw.slice(i + 1, end - 1) });
      i = end;
    } else i++;
  }
  return out;
}

/** A word's raw text without its quoted parts and backslash-escaped characters: what the shell may glob or brace-expand. */
export function unquotedText(raw: string): string {
  return raw.replace(/\\.|'[^']*'|"(?:\\.|[^"\\])*"/gs, '');
}

/** An expansion inside a word, found by scanning its raw text; offsets are script offsets. */
export interface Expansion {
  readonly kind: 'parameter' | 'command' | 'backtick' | 'arithmetic';
  /** For parameters: the name (`x`, `1`, `@`, `#`), the `#` of `${#x}` as `#x`, and `!` of `${!x}` as `!x`. */
  readonly name: string;
  /** `${…}` with something after the name (`${x:-a}`, `${x#p}`, `${a[0]}`). */
  readonly modified: boolean;
  readonly quoted: boolean;
  readonly start: number;
  readonly end: number;
}

/** Index just past the `close` matching an opener before `i` (quotes and nested openers respected). */
function skipBalanced(raw: string, i: number, open: string, close: string): number {
  let depth = 1;
  while (i < raw.length) {
    const c = raw[i]!;
    if (c === '\\') i += 2;
    else if (c === "'") i = raw.indexOf("'", i + 1) === -1 ? raw.length : raw.indexOf("'", i + 1) + 1;
    else if (c === '"') i = skipDoubleQuoted(raw, i + 1);
    else if (c === '`') i = skipBacktick(raw, i + 1);
    else if (c === open) {
      depth++;
      i++;
    } else if (c === close) {
      i++;
      if (--depth === 0) return i;
    } else i++;
  }
  return raw.length;
}

function skipBacktick(raw: string, i: number): number {
  while (i < raw.length && raw[i] !== '`') i += raw[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, raw.length);
}

function skipDoubleQuoted(raw: string, i: number): number {
  while (i < raw.length && raw[i] !== '"') {
    if (raw[i] === '\\') i += 2;
    else if (raw[i] === '$' && raw[i + 1] === '(') i = skipBalanced(raw, i + 2, '(', ')');
    else if (raw[i] === '$' && raw[i + 1] === '{') i = skipBalanced(raw, i + 2, '{', '}');
    else if (raw[i] === '`') i = skipBacktick(raw, i + 1);
    else i++;
  }
  return Math.min(i + 1, raw.length);
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const SPECIAL = /[@*#?$!0-9-]/;

/** The expansions a word holds at its own level (not those inside command substitutions, which are commands). */
export function expansionsOf(word: ShellWord): readonly Expansion[] {
  // Words without `$` or a backtick (most of them) expand nothing; the rest are scanned once for every rule.
  if (!word.raw.includes('$') && !word.raw.includes('`')) return NO_EXPANSIONS;
  let cached = expansionsByWord.get(word);
  if (!cached) expansionsByWord.set(word, (cached = scanExpansions(word)));
  return cached;
}

// Not Object.freeze([]): a frozen array has its own elements kind, and the rules' `for (const e of expansionsOf(w))`
// loops, seeing two kinds, stopped being optimised: an iterator result allocated per step, ~80 KB of the ~1.8 MB a
// lint of a 300-line file allocates. Nobody writes to it (it is typed readonly).
const NO_EXPANSIONS: readonly Expansion[] = [];
const expansionsByWord = new WeakMap<ShellWord, readonly Expansion[]>();

function scanExpansions(word: ShellWord): Expansion[] {
  const raw = word.raw;
  const out: Expansion[] = [];
  let quoted = false;
  let i = 0;
  const push = (kind: Expansion['kind'], name: string, modified: boolean, start: number, end: number): void => {
    out.push({ kind, name, modified, quoted, start: word.start + start, end: word.start + end });
  };
  while (i < raw.length) {
    const c = raw[i]!;
    if (c === '\\') {
      i += 2;
    } else if (c === "'" && !quoted) {
      const close = raw.indexOf("'", i + 1);
      i = close === -1 ? raw.length : close + 1;
    } else if (c === '"') {
      quoted = !quoted;
      i++;
    } else if (c === '`') {
      const end = skipBacktick(raw, i + 1);
      // `# comment` in backticks is an idiom for a comment inside a continued line: it runs nothing.
      if (!/^\s*#/.test(raw.slice(i + 1, end))) push('backtick', '', false, i, end);
      i = end;
    } else if (c === '$') {
      const n = raw[i + 1] ?? '';
      if (n === "'" && !quoted) {
        let j = i + 2;
        while (j < raw.length && raw[j] !== "'") j += raw[j] === '\\' ? 2 : 1;
        i = j + 1;
      } else if (n === '(' && raw[i + 2] === '(') {
        const end = skipBalanced(raw, i + 2, '(', ')');
        push('arithmetic', '', false, i, end);
        i = end;
      } else if (n === '(') {
        const end = skipBalanced(raw, i + 2, '(', ')');
        push('command', '', false, i, end);
        i = end;
      } else if (n === '{') {
        const end = skipBalanced(raw, i + 2, '{', '}');
        const body = raw.slice(i + 2, end - 1);
        const m = /^([#!]?)([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-])/.exec(body);
        const name = m ? m[1]! + m[2]! : body;
        // `${#}` is the count of arguments, not the length of something.
        push('parameter', name === '#' || m === null ? body : name, m === null || body.length > name.length, i, end);
        i = end;
      } else if (NAME_START.test(n)) {
        let j = i + 2;
        while (j < raw.length && NAME_CHAR.test(raw[j]!)) j++;
        push('parameter', raw.slice(i + 1, j), false, i, j);
        i = j;
      } else if (n !== '' && SPECIAL.test(n)) {
        push('parameter', n, false, i, i + 2);
        i += 2;
      } else i++;
    } else if ((c === '<' || c === '>') && raw[i + 1] === '(' && !quoted) {
      i = skipBalanced(raw, i + 2, '(', ')');
    } else i++;
  }
  return out;
}

/** `export`, `local` and the other builtins whose `NAME=value` arguments bash reads as assignments. */
export const DECLARATIONS = new Set(['export', 'local', 'declare', 'typeset', 'readonly']);

/** `$` or a backquote first: what ONE_EXPANSION needs, checked without running it for every command name. */
const startsExpansion = (raw: string): boolean => raw.charCodeAt(0) === 36 || raw.charCodeAt(0) === 96;

const ONE_EXPANSION = /^(\$[A-Za-z_][A-Za-z0-9_]*|\$\{[^}]*\}|\$\(.*\)|`.*`)$/s;

const ASSIGNMENT_WORD = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;

/**
 * Words the shell splits and globs after expansion, where ShellCheck asks for quotes (SC2086, SC2046): command
 * arguments and redirection targets. Not assignments, `[[ ]]`, `case`, `for` lists, arithmetic, heredoc
 * delimiters, command names, nor (in bash) the `NAME=value` arguments of `export` and the other declaration builtins.
 */
export function walkSplitWords(target: ShellTarget, visit: (word: ShellWord, command: SimpleCommandNode | null) => void): void {
  walkShell(target.ast, {
    word(word, role, command) {
      if (role !== 'argv' && role !== 'redirect') return;
      if (role === 'redirect' && command?.redirects.some((r) => r.target === word && /(^|[^<])<<-?$/.test(r.op))) return;
      // A command name that is one expansion: splitting it is how `$cmd args` works, and ShellCheck leaves it alone
      // (it does flag `/opt/$dir/run`).
      if (role === 'argv' && command?.argv[0] === word && startsExpansion(word.raw) && ONE_EXPANSION.test(word.raw)) return;
      if (role === 'argv' && target.dialect === 'bash' && command !== null) {
        if (DECLARATIONS.has(commandName(command) ?? '') && ASSIGNMENT_WORD.test(word.raw)) return;
      }
      visit(word, command ?? null);
    },
  });
}

/** Command names as ShellCheck reads them: the first argv word, literal, without its directory. */
export function commandName(node: SimpleCommandNode): string | null {
  if (node === visitedCommand) return visitedName;
  let name = commandNames.get(node);
  if (name === undefined) {
    name = nameOf(node);
    commandNames.set(node, name);
  }
  return name;
}

function nameOf(node: SimpleCommandNode): string | null {
  const first = node.argv[0];
  // Not `literal`: `[` counts as a glob there, yet it is the name of the test command.
  return !first || /[$`]/.test(first.raw) ? null : basename(first.value);
}

const commandNames = new WeakMap<SimpleCommandNode, string | null>();
