export interface Substitution {
  readonly value: string;
  /** Names referenced that had no value (BuildKit expands them to ''). */
  readonly unresolved: readonly string[];
}

/**
 * Dockerfile variable expansion: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:+alt}`, `${VAR+alt}`.
 * `lookup` returns undefined for an undeclared variable and null for one declared without a value.
 */
export function substitute(
  text: string,
  lookup: (name: string) => string | null | undefined,
  escapeChar = '\\',
): Substitution {
  if (!text.includes('$')) return { value: text, unresolved: [] };
  const unresolved: string[] = [];
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === escapeChar && text[i + 1] === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    if (text[i + 1] === '{') {
      const close = text.indexOf('}', i + 2);
      if (close === -1) {
        out += text.slice(i);
        break;
      }
      const body = text.slice(i + 2, close);
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])(.*))?$/s.exec(body);
      if (!m) {
        out += text.slice(i, close + 1);
      } else {
        const [, name = '', op, word = ''] = m;
        const v = lookup(name);
        const isSet = v !== undefined && v !== null;
        const nonEmpty = isSet && v !== '';
        if (op === ':-') out += nonEmpty ? v : substitute(word, lookup, escapeChar).value;
        else if (op === '-') out += isSet ? v : substitute(word, lookup, escapeChar).value;
        else if (op === ':+') out += nonEmpty ? substitute(word, lookup, escapeChar).value : '';
        else if (op === '+') out += isSet ? substitute(word, lookup, escapeChar).value : '';
        else if (isSet) out += v;
        else unresolved.push(name);
      }
      i = close + 1;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i + 1));
    if (!m) {
      out += c;
      i++;
      continue;
    }
    const v = lookup(m[0]);
    if (v !== undefined && v !== null) out += v;
    else unresolved.push(m[0]);
    i += 1 + m[0].length;
  }
  return { value: out, unresolved };
}
