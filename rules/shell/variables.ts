import type { AndOr, CommandNode, CompoundNode, FunctionNode, Pipeline, ShellList, SimpleCommandNode } from '../../src/shell/parser';
import type { ShellWord } from '../../src/shell/types';
import { commandName, DECLARATIONS, type Expansion, expansionsOf } from './support';

/** Variables ShellCheck knows never hold spaces or globs (bash's numeric specials and the like). */
const WITHOUT_SPACES = new Set([
  '$', '-', '?', '!', '#', 'BASHPID', 'BASH_ARGC', 'BASH_LINENO', 'BASH_SUBSHELL', 'EUID', 'LINENO', 'OPTIND', 'PPID',
  'RANDOM', 'SECONDS', 'SHELLOPTS', 'SHLVL', 'UID', 'COLUMNS', 'HISTFILESIZE', 'HISTSIZE', 'LINES',
]);

/** The proxy variables BuildKit passes to every RUN (hadolint declares them too). */
export const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy'];

/**
 * ShellCheck's SpaceStatus: what a value may hold. `empty` is the identity of a merge (an unset branch adds nothing),
 * `clean` has no blanks or globs, `dirty` may have them or is unknown (a variable never assigned is unknown).
 */
export type SpaceStatus = 'empty' | 'clean' | 'dirty';

/** Variable → status; a name not in the map has its initial status. null: unreachable (after `exit`). */
type State = Map<string, SpaceStatus> | null;

function mergeStatus(a: SpaceStatus, b: SpaceStatus): SpaceStatus {
  if (a === 'empty') return b;
  if (b === 'empty') return a;
  return a === 'clean' && b === 'clean' ? 'clean' : 'dirty';
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?\+?=/;
const GLOB_OR_BLANK = /[\s*?[]/;

/**
 * The status of every unquoted-or-not parameter expansion in a script at the point it runs, following control flow
 * as ShellCheck 0.9's data-flow analysis does (CFGAnalysis.hs): assignments later in an `&&`/`||` chain, in an `if`
 * without `else`, in a loop body or a `case` arm without `*)` merge with the value from before (unknown, hence
 * dirty, for a variable the script and the Dockerfile never assigned); subshells, pipelines, command substitutions
 * and background jobs keep their assignments to themselves; `exit` ends a path; prefix assignments (`A=1 cmd`) last
 * for that command only; function bodies are analysed where they are called. ARG/ENV and the proxy variables start
 * clean, as hadolint declares them with `export NAME=1`.
 */
export class VariableFlow {
  private readonly status = new Map<number, SpaceStatus>();
  private readonly functions = new Map<string, FunctionNode>();
  private readonly called = new Set<string>();
  private depth = 0;

  constructor(
    ast: ShellList,
    private readonly text: string,
    /** ARG/ENV names in scope, which hold literals as far as ShellCheck is told. */
    private readonly declared: { has(name: string): boolean },
  ) {
    this.list(ast, new Map());
  }

  /** The status of the parameter expansion starting at `offset`; undefined when it never runs (unreachable code). */
  statusAt(offset: number): SpaceStatus | undefined {
    return this.status.get(offset);
  }

  private initial(name: string): SpaceStatus {
    return WITHOUT_SPACES.has(name) || this.declared.has(name) ? 'clean' : 'dirty';
  }

  private read(state: Map<string, SpaceStatus>, name: string): SpaceStatus {
    return state.get(name) ?? this.initial(name);
  }

  // A state is never changed once made (changes go to a copy), so one merged with itself is itself: a chain of N
  // commands that set nothing (`a && b && …`) no longer copies the state N times.
  private merge(a: State, b: State): State {
    if (a === null) return b === null ? null : new Map(b);
    if (b === null) return a;
    if (a === b) return a;
    const out = new Map<string, SpaceStatus>();
    for (const name of a.keys()) out.set(name, mergeStatus(this.read(a, name), this.read(b, name)));
    for (const name of b.keys()) if (!a.has(name)) out.set(name, mergeStatus(this.read(a, name), this.read(b, name)));
    return out;
  }

  private same(a: State, b: State): boolean {
    if (a === null || b === null) return a === b;
    if (a === b) return true;
    for (const name of a.keys()) if (this.read(a, name) !== this.read(b, name)) return false;
    for (const name of b.keys()) if (!a.has(name) && this.read(a, name) !== this.read(b, name)) return false;
    return true;
  }

  private list(list: ShellList, state: State): State {
    for (const item of list.items) {
      if (state === null) return null;
      // A background job runs in a subshell: what it assigns stays there.
      if (item.terminator === '&') this.andOr(item, new Map(state));
      else state = this.andOr(item, state);
    }
    return state;
  }

  /** `a && b || c` as ShellCheck's graph has it, left-associative: each later pipeline may or may not run. */
  private andOr(item: AndOr, state: State): State {
    let s = this.pipeline(item.pipelines[0]!, state);
    for (let i = 1; i < item.pipelines.length; i++) s = s === null ? null : this.merge(s, this.pipeline(item.pipelines[i]!, s));
    return s;
  }

  private pipeline(p: Pipeline, state: State): State {
    if (state === null) return null;
    if (p.commands.length === 1) return this.command(p.commands[0]!, state);
    // Every command of a pipeline runs in a subshell (bash without lastpipe included).
    for (const c of p.commands) this.command(c, new Map(state));
    return state;
  }

  private command(c: CommandNode, state: State): State {
    if (state === null) return null;
    if (c.type === 'function') {
      this.functions.set(c.name.value, c);
      // A function never called is analysed where it is defined, so its expansions still get a status.
      if (!this.called.has(c.name.value) && !this.callsLater(c.name.value)) this.command(c.body, new Map(state));
      return state;
    }
    if (c.type === 'simple') return this.simple(c, state);
    return this.compound(c, state);
  }

  private callsLater(name: string): boolean {
    // Cheap over-approximation: the name appears as a word anywhere after the definition.
    return new RegExp(`(^|[\\s;&|(])${name.replace(/[^A-Za-z0-9_]/g, '\\$&')}($|[\\s;&|)])`).test(this.text.slice(this.functions.get(name)!.end));
  }

  private words(words: readonly ShellWord[], state: Map<string, SpaceStatus>): void {
    for (const w of words) {
      for (const e of expansionsOf(w)) if (e.kind === 'parameter') this.status.set(e.start, this.parameter(e, state));
      for (const sub of w.substitutions ?? []) this.list(sub, new Map(state));
    }
  }

  private simple(c: SimpleCommandNode, state: Map<string, SpaceStatus>): State {
    this.words(c.assignments, state);
    this.words(c.argv, state);
    for (const r of c.redirects) if (r.target) this.words([r.target], state);
    const name = commandName(c);
    // Copied on the first change only (see merge): most commands set nothing.
    let out: Map<string, SpaceStatus> | null = null;
    const set = (variable: string, status: SpaceStatus): void => void (out ??= new Map(state)).set(variable, status);
    // `A=1 cmd` sets A for cmd only; `A=1` alone sets it for the rest of the script.
    if (c.argv.length === 0) for (const a of c.assignments) this.assign(a, state, set);
    if (name === null) return out ?? state;
    if (name === 'exit') return null;
    const argv = c.argv;
    if (DECLARATIONS.has(name)) for (let i = 1; i < argv.length; i++) this.assign(argv[i]!, state, set);
    else if (name === 'read' || name === 'mapfile' || name === 'readarray' || name === 'getopts') {
      for (let i = 1; i < argv.length; i++) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(argv[i]!.raw)) set(argv[i]!.raw, 'dirty');
    } else if (name === 'let') {
      for (let i = 1; i < argv.length; i++) {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(argv[i]!.value);
        if (m) set(m[1]!, 'clean');
      }
    } else if (name === 'unset') {
      for (let i = 1; i < argv.length; i++) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(argv[i]!.raw)) set(argv[i]!.raw, 'empty');
    }
    const fn = this.functions.get(name);
    if (fn && this.depth < 8) {
      this.called.add(name);
      this.depth++;
      const after = this.command(fn.body, out ?? state);
      this.depth--;
      return after;
    }
    return out ?? state;
  }

  private assign(word: ShellWord, before: Map<string, SpaceStatus>, set: (variable: string, status: SpaceStatus) => void): void {
    const m = ASSIGNMENT.exec(word.raw);
    if (!m) return;
    if (m[2] || word.raw[m[0].length] === '(') {
      set(m[1]!, 'dirty');
      return;
    }
    const value = { ...word, raw: word.raw.slice(m[0].length), start: word.start + m[0].length };
    set(m[1]!, this.value(value, before));
  }

  /** The status of a word's value: its literal text and what each expansion in it gives. */
  private value(word: ShellWord, state: Map<string, SpaceStatus>): SpaceStatus {
    let literal = '';
    let at = word.start;
    let status: SpaceStatus = 'empty';
    for (const e of expansionsOf(word)) {
      literal += word.raw.slice(at - word.start, e.start - word.start);
      at = e.end;
      // ShellCheck keeps a value only through a plain `$x`/`${x}`: any `${x…}` operation gives an unknown value.
      const plain = e.kind === 'parameter' && !e.modified && !/^[#!]./.test(e.name);
      const s = plain ? this.parameter(e, state) : e.kind === 'arithmetic' ? 'clean' : 'dirty';
      if (s === 'dirty') return 'dirty';
      if (s === 'clean') status = 'clean';
    }
    literal += word.raw.slice(at - word.start);
    const text = literal.replace(/\\(.)/g, '$1').replace(/['"]/g, '');
    if (GLOB_OR_BLANK.test(text)) return 'dirty';
    return text === '' ? status : 'clean';
  }

  /** How ShellCheck judges `$x` or `${x…}` where it is expanded: `${x:+w}` and `${#x}` never split; the rest by x. */
  private parameter(e: Expansion, state: Map<string, SpaceStatus>): SpaceStatus {
    const name = e.name;
    if (name.startsWith('#') && name.length > 1) return 'clean';
    if (name.startsWith('!')) return 'dirty';
    if (!/^[A-Za-z_]/.test(name)) return WITHOUT_SPACES.has(name) ? 'clean' : 'dirty';
    const own = this.read(state, name);
    if (!e.modified) return own;
    const rest = this.text.slice(e.start + 2 + name.length, e.end - 1);
    if (/^\[/.test(rest)) return 'dirty';
    const op = /^:?[-+=?]/.exec(rest)?.[0];
    if (op === undefined) return own;
    // ShellCheck judges `${x:-w}`, `${x=w}` and `${x:?w}` by x alone.
    return op.endsWith('+') ? 'clean' : own;
  }

  private compound(c: CompoundNode, state: Map<string, SpaceStatus>): State {
    this.words(c.redirects.flatMap((r) => (r.target ? [r.target] : [])), state);
    switch (c.kind) {
      case 'subshell':
        this.words(c.words, state);
        this.list(c.lists[0]!, new Map(state));
        return state;
      case 'group':
        return c.lists.reduce<State>((s, l) => this.list(l, s), state);
      case 'if':
        return this.ifCommand(c, state);
      case 'while':
      case 'until':
        return this.loop(state, (s) => this.list(c.lists[0]!, s), (s) => this.list(c.lists[1]!, s));
      case 'for':
      case 'select':
        return this.forLoop(c, state);
      case 'case':
        return this.caseCommand(c, state);
      default:
        this.words(c.words, state);
        return state;
    }
  }

  private ifCommand(c: CompoundNode, state: State): State {
    const outcomes: State[] = [];
    let s = state;
    let i = 0;
    for (; i + 1 < c.lists.length; i += 2) {
      s = this.list(c.lists[i]!, s);
      if (s === null) break;
      outcomes.push(this.list(c.lists[i + 1]!, new Map(s)));
    }
    if (s !== null) outcomes.push(i < c.lists.length ? this.list(c.lists[i]!, s) : s);
    return outcomes.reduce<State>((a, b) => this.merge(a, b), null);
  }

  /** A loop body runs zero or more times: iterate to ShellCheck's fixed point; the last pass leaves each status. */
  private loop(state: State, condition: (s: State) => State, body: (s: State) => State, exitsAfterCondition = true): State {
    let s = state;
    for (let pass = 0; pass < 10; pass++) {
      const next = this.merge(s, body(condition(s === null ? null : new Map(s))));
      if (this.same(next, s)) break;
      s = next;
    }
    // A while loop leaves after its condition fails; a for loop after its last item (or none).
    return exitsAfterCondition ? condition(s) : s;
  }

  private forLoop(c: CompoundNode, state: Map<string, SpaceStatus>): State {
    const [variable, ...items] = c.words;
    this.words(items, state);
    // An item split or globbed gives pieces nobody knows; `for x; do` walks the positional parameters.
    let item: SpaceStatus = items.length === 0 ? 'dirty' : 'empty';
    for (const w of items) {
      const pieces = expansionsOf(w).some((e) => !e.quoted) || GLOB_OR_BLANK.test(w.raw.replace(/\\.|'[^']*'|"(?:\\.|[^"\\])*"/gs, '')) ? 'dirty' : this.value(w, state);
      item = mergeStatus(item, pieces);
    }
    const name = variable?.raw ?? '';
    return this.loop(
      state,
      (s) => {
        if (s === null) return null;
        const out = new Map(s);
        out.set(name, item);
        return out;
      },
      (s) => this.list(c.lists[0]!, s),
      false,
    );
  }

  private caseCommand(c: CompoundNode, state: Map<string, SpaceStatus>): State {
    this.words(c.words, state);
    const outcomes: State[] = c.lists.map((l) => this.list(l, new Map(state)));
    // Without a `*)` arm, no arm may match.
    if (!c.words.slice(1).some((w) => w.raw === '*')) outcomes.push(state);
    return outcomes.reduce<State>((a, b) => this.merge(a, b), null);
  }
}
