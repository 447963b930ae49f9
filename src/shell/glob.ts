/**
 * The source of a regular expression (no anchors) matching what a shell glob matches in one path: `*` and `?` stop
 * at `/`, a bracket expression is a character class (`[!…]` negated), and everything else is literal. A bracket
 * expression JavaScript cannot compile as a class (`[docker-entrypoint.sh]`, whose `r-e` is a range out of order)
 * matches only itself, as the shell leaves a word whose pattern matches nothing. Paths come from the Dockerfile, so
 * nothing here may throw: such a class once crashed every lint of the file (`npm run fuzz -- --seed 2`, issue 18).
 */
export function globPatternSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      const set = close === -1 ? null : `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      if (set !== null && compiles(set)) {
        out += set;
        i = close;
      } else out += '\\[';
    } else out += escapeLiteral(c);
  }
  return out;
}

const escapeLiteral = (text: string): string => text.replace(/[.+^${}()|[\]\\]/g, '\\$&');

function compiles(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
