import type { InstructionNode, WordNode } from '../../src/parse';
import type { Range, SourceText } from '../../src/parse/source';

/** A `$NAME` / `${NAME…}` reference found in a word, as offsets into the scanned text. */
export interface VariableReference {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/**
 * Every variable BuildKit's word lexer (frontend/dockerfile/shell/lex.go) would look up in `text`: `$NAME`,
 * `${NAME}` and `${NAME<modifier>word}` (the name is looked up whatever the modifier, and references inside `word`
 * count too). Single quotes are literal and the escape character escapes the next character, as in BuildKit.
 * Positional and special parameters (`$1`, `$@`) are left out: no ARG or ENV can declare them.
 */
export function variableReferences(text: string, escapeChar: string): VariableReference[] {
  const refs: VariableReference[] = [];
  // Every reference starts at a `$`: most words have none, and need no scan character by character.
  if (text.includes('$')) scan(text, 0, text.length, escapeChar, refs, true);
  return refs;
}

function scan(text: string, from: number, to: number, escapeChar: string, refs: VariableReference[], quotes: boolean): void {
  let i = from;
  let inDouble = false;
  while (i < to) {
    const c = text[i]!;
    if (c === escapeChar) {
      i += 2;
      continue;
    }
    if (quotes && !inDouble && c === "'") {
      const close = text.indexOf("'", i + 1);
      i = close === -1 || close >= to ? to : close + 1;
      continue;
    }
    if (quotes && c === '"') {
      inDouble = !inDouble;
      i++;
      continue;
    }
    if (c !== '$') {
      i++;
      continue;
    }
    if (text[i + 1] === '{') {
      let j = i + 2;
      while (j < to && NAME_CHAR.test(text[j]!)) j++;
      const name = text.slice(i + 2, j);
      // Find the matching brace, allowing nested ${…} in the modifier's word.
      let depth = 1;
      let k = j;
      while (k < to && depth > 0) {
        if (text[k] === escapeChar) k++;
        else if (text[k] === '$' && text[k + 1] === '{') {
          depth++;
          k++;
        } else if (text[k] === '}') depth--;
        k++;
      }
      if (name && NAME_START.test(name[0]!)) refs.push({ name, start: i, end: depth === 0 ? k : to });
      if (j < k - 1) scan(text, j, depth === 0 ? k - 1 : to, escapeChar, refs, false);
      i = k;
      continue;
    }
    const next = text[i + 1];
    if (next !== undefined && NAME_START.test(next)) {
      let j = i + 1;
      while (j < to && NAME_CHAR.test(text[j]!)) j++;
      refs.push({ name: text.slice(i + 1, j), start: i, end: j });
      i = j;
      continue;
    }
    i++;
  }
}

/** Source range of `[start, end)` inside `word.value`; the whole word when it spans a line continuation. */
export function rangeInWord(source: SourceText, word: WordNode, start: number, end: number): Range {
  const offset = word.range.start.offset;
  if (word.range.end.offset - offset !== word.value.length) return word.range;
  return source.range(offset + start, offset + end);
}

/** Source range of `[start, end)` in a flag's value, when the value sits on one line as written. */
export function rangeInValue(source: SourceText, valueRange: Range | null, value: string, start: number, end: number, fallback: Range): Range {
  if (!valueRange) return fallback;
  const written = source.slice(valueRange);
  const lead = written.indexOf(value);
  if (lead === -1) return valueRange;
  return source.range(valueRange.start.offset + lead + start, valueRange.start.offset + lead + end);
}

/** Edit distance counting an adjacent transposition as one edit (`PAHT` → `PATH`), for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  // One flat table, reused: suggestName asks for every undeclared reference against every declared name, and a
  // table of row arrays each time was the costliest part of undefined-var.
  const width = b.length + 1;
  const size = (a.length + 1) * width;
  if (table.length < size) table = new Int32Array(Math.max(size, table.length * 2));
  const d = table;
  for (let j = 0; j < width; j++) d[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = i * width;
    d[row] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[row - width + j]! + 1, d[row + j - 1]! + 1, d[row - width + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[row - 2 * width + j - 2]! + 1);
      d[row + j] = v;
    }
  }
  return d[a.length * width + b.length]!;
}

let table = new Int32Array(256);

/** The closest candidate (case-insensitive match first, then edit distance ≤ 2 and under a third of the length). */
export function suggestName(name: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const lower = name.toLowerCase();
  for (const candidate of candidates) {
    if (candidate === name) continue;
    // Lengths 3 apart are at least 3 edits apart: too far to suggest, like every distance over 2, so 3 stands for
    // them all (the first candidate at the smallest distance under 3 is still the one chosen).
    const d = candidate.toLowerCase() === lower ? 0 : Math.abs(candidate.length - name.length) > 2 ? 3 : Math.min(editDistance(name, candidate), 3);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  return bestDistance === 0 || (bestDistance <= 2 && bestDistance * 3 <= name.length) ? best : undefined;
}

/** Build arguments BuildKit predefines for every FROM (frontend/dockerfile/dockerfile2llb/platform.go). */
export const PREDEFINED_PLATFORM_ARGS: ReadonlyMap<string, string> = new Map([
  ['BUILDPLATFORM', 'linux/amd64'],
  ['BUILDOS', 'linux'],
  ['BUILDOSVERSION', ''],
  ['BUILDARCH', 'amd64'],
  ['BUILDVARIANT', ''],
  ['TARGETPLATFORM', 'linux/amd64'],
  ['TARGETOS', 'linux'],
  ['TARGETOSVERSION', ''],
  ['TARGETARCH', 'amd64'],
  ['TARGETVARIANT', ''],
  ['TARGETSTAGE', 'default'],
]);

/** `key=value` / `key value` tokens of ENV or LABEL, the way BuildKit's parseNameVal reads them. */
export function isLegacyKeyValue(instruction: InstructionNode): boolean {
  const first = instruction.words[0];
  return first !== undefined && !first.value.includes('=');
}

/** containerd's platform normalisation for the common spellings: `x86_64` → `amd64`, `aarch64` → `arm64`… */
export function normalizeArch(arch: string): string {
  const a = arch.toLowerCase();
  if (a === 'x86_64' || a === 'x86-64') return 'amd64';
  if (a === 'aarch64') return 'arm64';
  if (a === 'i386' || a === 'i686' || a === 'x86') return '386';
  if (a === 'armhf' || a === 'armel') return 'arm';
  return a;
}

const KNOWN_OS = new Set(['linux', 'windows', 'darwin', 'freebsd', 'netbsd', 'openbsd', 'solaris', 'illumos', 'aix', 'android', 'ios', 'js', 'wasip1', 'plan9', 'dragonfly']);

/** A constant platform string as containerd's platforms.Parse reads it, or null when it would not parse. */
export function parsePlatform(value: string): { os: string; arch: string } | null {
  if (!/^[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+){0,2}$/.test(value)) return null;
  const parts = value.split('/');
  if (parts.length === 1) {
    const only = parts[0]!.toLowerCase();
    // One component: an OS (architecture of the host) or an architecture (OS of the host, assumed linux).
    return KNOWN_OS.has(only) ? { os: only, arch: '' } : { os: 'linux', arch: normalizeArch(only) };
  }
  return { os: parts[0]!.toLowerCase(), arch: normalizeArch(parts[1]!) };
}
