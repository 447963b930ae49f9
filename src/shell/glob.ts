import { ANY_CHAR_STEP, literalStep, type PathPattern, STAR_STEP, type Step, stepsMatcher } from '../model/pathPattern';

export type { PathPattern } from '../model/pathPattern';

/**
 * What a shell glob matches in one path: `*` and `?` stop at `/`, a bracket expression is a character class (`[!…]`
 * negated), and everything else is literal. `below`: paths below a matched one match too (what `rm -rf GLOB` removes).
 * A bracket expression JavaScript cannot compile as a class (`[docker-entrypoint.sh]`, whose `r-e` is a range out of
 * order) matches only itself, as the shell leaves a word whose pattern matches nothing. Globs come from the
 * Dockerfile, so nothing here may throw (such a class once crashed every lint of the file: `npm run fuzz -- --seed 2`,
 * issue 18), and matching takes time linear in the path (src/model/pathPattern.ts says why).
 */
export function shellGlob(glob: string, below = false): PathPattern {
  const steps: Step[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') steps.push(STAR_STEP);
    else if (c === '?') steps.push(ANY_CHAR_STEP);
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      const members = close === -1 ? null : characterClass(glob.slice(i + 1, close));
      if (members) {
        steps.push({ kind: 'char', literal: null, test: (ch) => members.test(ch) });
        i = close;
      } else steps.push(literalStep('['));
    } else steps.push(literalStep(c));
  }
  return stepsMatcher(steps, below);
}

/** The class `[body]` (a leading `!` negates), as an expression testing one character; null when it does not compile. */
function characterClass(body: string): RegExp | null {
  try {
    return new RegExp(`^[${body.replace(/^!/, '^').replace(/\\/g, '\\\\')}]$`);
  } catch {
    return null;
  }
}
