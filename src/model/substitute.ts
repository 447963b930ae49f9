export interface Substitution {
  readonly value: string;
  /** Names referenced that had no value (BuildKit expands them to ''), or whose value is not known. */
  readonly unresolved: readonly string[];
  /**
   * Set when the expansion would be longer than MAX_EXPANDED_LENGTH: `value` is then the text as written and every
   * name it references is in `unresolved`, so callers that skip unresolved values skip this one too.
   */
  readonly tooLarge?: true;
}

/**
 * Longest value an expansion may produce. Real values (PATH, flags, URLs) are far shorter; a self-referencing chain
 * (`ENV A=${A}${A}` thirty times) doubles per line and would reach gigabytes, so past this the value is unknown.
 */
/**
 * `text` as it stands, for a regular expression. An ARG or ENV name may hold any character but `=` (`ARG V(=1` is a
 * build argument BuildKit accepts): put into an expression unescaped, it made the lint throw.
 */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const MAX_EXPANDED_LENGTH = 64 * 1024;

const REFERENCE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g;

// Sticky, so matching a name after `$` does not copy the rest of the text each time.
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

class TooLarge extends Error {}

/**
 * Dockerfile variable expansion: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}`, `${VAR+alt}`.
 * `lookup` returns undefined for an undeclared variable and null for one declared without a value (or whose value
 * is unknown). Never produces more than MAX_EXPANDED_LENGTH characters (see `tooLarge`).
 */
export function substitute(
  text: string,
  lookup: (name: string) => string | null | undefined,
  escapeChar = '\\',
): Substitution {
  if (!text.includes('$')) return { value: text, unresolved: [] };
  const unresolved: string[] = [];
  try {
    return { value: expand(text, lookup, escapeChar, unresolved), unresolved };
  } catch (error) {
    if (!(error instanceof TooLarge)) throw error;
    const names = [...new Set([...text.matchAll(REFERENCE)].map((m) => (m[1] ?? m[2])!))];
    return { value: text, unresolved: names, tooLarge: true };
  }
}

function expand(text: string, lookup: (name: string) => string | null | undefined, escapeChar: string, unresolved: string[]): string {
  let out = '';
  // Checked before every append, so no string past the bound is ever built (nested defaults included).
  const append = (piece: string): void => {
    if (out.length + piece.length > MAX_EXPANDED_LENGTH) throw new TooLarge();
    out += piece;
  };
  const word = (w: string): string => (w.includes('$') ? expand(w, lookup, escapeChar, unresolved) : w);
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === escapeChar && text[i + 1] === '$') {
      append('$');
      i += 2;
      continue;
    }
    if (c !== '$') {
      const next = text.indexOf('$', i + 1);
      const end = next === -1 ? text.length : text[next - 1] === escapeChar ? next - 1 : next;
      append(text.slice(i, Math.max(end, i + 1)));
      i = Math.max(end, i + 1);
      continue;
    }
    if (text[i + 1] === '{') {
      const close = text.indexOf('}', i + 2);
      if (close === -1) {
        append(text.slice(i));
        break;
      }
      const body = text.slice(i + 2, close);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])(.*))?$/s.exec(body);
      if (!m) {
        append(text.slice(i, close + 1));
      } else {
        const [, name = '', op, alt = ''] = m;
        const v = lookup(name);
        const isSet = v !== undefined && v !== null;
        const nonEmpty = isSet && v !== '';
        if (op === ':-') append(nonEmpty ? v : word(alt));
        else if (op === '-') append(isSet ? v : word(alt));
        else if (op === ':+') append(nonEmpty ? word(alt) : '');
        else if (op === '+') append(isSet ? word(alt) : '');
        else if (isSet) append(v);
        else unresolved.push(name);
      }
      i = close + 1;
      continue;
    }
    NAME.lastIndex = i + 1;
    const m = NAME.exec(text);
    if (!m) {
      append(c);
      i++;
      continue;
    }
    const v = lookup(m[0]);
    if (v !== undefined && v !== null) append(v);
    else unresolved.push(m[0]);
    i += 1 + m[0].length;
  }
  return out;
}
