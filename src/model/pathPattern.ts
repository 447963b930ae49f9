/**
 * Path patterns matched in time linear in the path: a pattern is a list of steps, and a match runs them as a set of
 * states, one character at a time (a Thompson NFA), as Go's RE2 runs the regular expressions Docker compiles. Two
 * kinds of pattern come from files dfopt does not control, and were compiled to JavaScript regular expressions, which
 * backtrack in time polynomial or exponential in the number of wildcards:
 * - `.dockerignore` patterns (compilePathPattern): `*a*a*a*a*a*a*a*a*a*a*a*a*x` took 12 s to test one 33-character
 *   path (copy-ignored-file), doubling every few characters;
 * - shell globs in RUN (src/shell/glob.ts): `rm -rf /x/*a*a*a*a*a*a*a*a*a*a*a*a*x` after a `touch` of such a path
 *   made a 300-byte Dockerfile take 70 s to lint (remove-in-same-layer, modify-in-later-layer).
 */

export type Step =
  /** One character: a literal (`literal` set), `?` (anything but `/`), or a class. */
  | { readonly kind: 'char'; readonly literal: string | null; readonly test: (ch: string) => boolean }
  /** `*`: any run of characters but `/` (`[^/]*`). */
  | { readonly kind: 'star' }
  /** `**` at the end: anything at all (`.*`). */
  | { readonly kind: 'rest' }
  /**
   * `**` elsewhere, with or without a slash after it: nothing, or anything that ends with a slash (the regular
   * expression `(.*[/])?`). Two states: 'dirs' goes on to the next step or into 'dirsLoop', which takes any character
   * and may leave after a slash.
   */
  | { readonly kind: 'dirs' }
  | { readonly kind: 'dirsLoop' };

export interface PathPattern {
  /** Whether the whole of `path` matches. */
  test(path: string): boolean;
}

const NOTHING: PathPattern = { test: () => false };

/** What `.` in a regular expression does not match. */
const LINE_BREAK = /[\n\r\u2028\u2029]/;

const ESCAPE_CLASSES = new Set(['d', 'D', 's', 'S', 'w', 'W', 'n', 't', 'r', 'f', 'v']);

/**
 * patternmatcher's Pattern.compile, for `/` as the separator. A class is what Go's regexp makes of it: the text from
 * `[` to the first `]` that does not open it, escapes kept; `*` and `?` in a class are its members. A class the
 * regular expression would not compile (`[z-a]`, no closing `]`) makes the pattern match nothing, as Docker refuses it.
 */
export function compilePathPattern(pattern: string): PathPattern {
  const steps: Step[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') i++;
        if (i + 1 >= pattern.length) steps.push({ kind: 'rest' });
        else steps.push({ kind: 'dirs' }, { kind: 'dirsLoop' });
      } else {
        steps.push(STAR_STEP);
      }
    } else if (ch === '?') {
      steps.push(ANY_CHAR_STEP);
    } else if (ch === '[') {
      const end = classEnd(pattern, i);
      if (end < 0) return NOTHING;
      let members: RegExp;
      try {
        // JavaScript reads `[]` as an empty class, Go as the start of one holding `]`: escaped, it is Go's reading.
        const body = pattern.slice(i + 1, end).replace(/^(\^?)\]/, '$1\\]');
        members = new RegExp(`^[${body.replace(/[*?]/g, '\\$&')}]$`, 's');
      } catch {
        return NOTHING;
      }
      steps.push({ kind: 'char', literal: null, test: (c) => members.test(c) });
      i = end;
    } else if (ch === '\\' && i + 1 < pattern.length) {
      // Docker puts `\` and the next character into its regular expression as they are: `\d`, `\s`, `\w` (and `\D`,
      // `\S`, `\W`) are classes there, and `\n`, `\t`, `\r`, `\f`, `\v` control characters; any other character
      // escaped stands for itself (`\*`).
      const escaped = pattern[++i]!;
      if (ESCAPE_CLASSES.has(escaped)) {
        const special = new RegExp(`^\\${escaped}$`);
        steps.push({ kind: 'char', literal: null, test: (c) => special.test(c) });
      } else {
        steps.push(literalStep(escaped));
      }
    } else {
      // A trailing `\` stands for itself.
      steps.push(literalStep(ch));
    }
  }
  return stepsMatcher(steps);
}

/**
 * The matcher of `steps`. `below`: a path below a matched one matches too (a regular expression's `(/.*)?` after
 * the pattern: a `/`, then anything but a line break).
 */
export function stepsMatcher(steps: readonly Step[], below = false): PathPattern {
  // Most paths tested are not matched, and most patterns begin or end with plain text (`node_modules`, `**/*.log`):
  // comparing that first leaves the steps to the few paths that have it.
  const prefix = literalRun(steps, 0, 1);
  if (prefix.length === steps.length && !below) return { test: (path) => path === prefix };
  const suffix = below ? '' : literalRun(steps, steps.length - 1, -1);
  const shortest = prefix.length + suffix.length;
  const states = [new Uint8Array(steps.length + 1), new Uint8Array(steps.length + 1)] as const;
  return { test: (path) => path.length >= shortest && path.startsWith(prefix) && path.endsWith(suffix) && run(steps, path, states, below) };
}

export const literalStep = (literal: string): Step => ({ kind: 'char', literal, test: (c) => c === literal });
/** `?`: one character, not `/`. */
export const ANY_CHAR_STEP: Step = { kind: 'char', literal: null, test: (c) => c !== '/' };
export const STAR_STEP: Step = { kind: 'star' };

/** The plain text of the literal steps from `start` on, going `direction` (1: forward, -1: back). */
function literalRun(steps: readonly Step[], start: number, direction: 1 | -1): string {
  let text = '';
  for (let k = start; k >= 0 && k < steps.length; k += direction) {
    const step = steps[k]!;
    if (step.kind !== 'char' || step.literal === null) break;
    text = direction === 1 ? text + step.literal : step.literal + text;
  }
  return text;
}

/** The index of the `]` closing the class that opens at `start`, or -1. As in Go and JavaScript, `[]` and `[^]` open it. */
function classEnd(pattern: string, start: number): number {
  let i = start + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++;
  for (; i < pattern.length; i++) {
    if (pattern[i] === '\\') i++;
    else if (pattern[i] === ']') return i;
  }
  return -1;
}

/**
 * Whether the steps match the whole of `path`: the set of steps reached is carried over the characters. `states`: two
 * arrays of steps.length + 1, the pattern's own (a test runs to its end before another starts).
 */
function run(steps: readonly Step[], path: string, states: readonly [Uint8Array, Uint8Array], below: boolean): boolean {
  const end = steps.length;
  let [current, next] = states;
  current.fill(0);
  current[0] = 1;
  close(steps, current);
  for (let p = 0; p < path.length; p++) {
    const c = path[p]!;
    if (below && current[end] && c === '/' && !LINE_BREAK.test(path.slice(p + 1))) return true;
    next.fill(0);
    let any = false;
    for (let k = 0; k < end; k++) {
      if (!current[k]) continue;
      const step = steps[k]!;
      if (step.kind === 'char') {
        if (step.test(c)) next[k + 1] = 1;
      } else if (step.kind === 'star') {
        if (c !== '/') next[k] = 1;
      } else if (step.kind === 'rest') {
        next[k] = 1;
      } else if (step.kind === 'dirsLoop') {
        next[k] = 1;
        if (c === '/') next[k + 1] = 1;
      }
      any = true;
    }
    if (!any) return false;
    close(steps, next);
    [current, next] = [next, current];
  }
  return current[end] === 1;
}

/** Adds the steps reached without a character: past a wildcard, which may match nothing. Steps only go forward. */
function close(steps: readonly Step[], states: Uint8Array): void {
  for (let k = 0; k < steps.length; k++) {
    if (!states[k]) continue;
    const { kind } = steps[k]!;
    if (kind === 'star' || kind === 'rest') states[k + 1] = 1;
    else if (kind === 'dirs') states[k + 1] = states[k + 2] = 1;
  }
}
