import { defineRule } from '../../src/engine';

/**
 * Names referenced in an ENV value as Docker expands it: `$NAME` and `${NAME…}`, not inside single quotes and not
 * after the escape character.
 */
function referencedNames(value: string, escapeChar: string): Set<string> {
  const names = new Set<string>();
  let quote: string | null = null;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === escapeChar && quote !== "'") {
      i++;
      continue;
    }
    if (quote === "'") {
      if (c === "'") quote = null;
      continue;
    }
    if (c === "'" && quote === null) {
      quote = c;
      continue;
    }
    if (c === '"') {
      quote = quote === '"' ? null : '"';
      continue;
    }
    if (c !== '$') continue;
    const m = /^(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/.exec(value.slice(i + 1));
    if (m) names.add((m[1] ?? m[2])!);
  }
  return names;
}

export default defineRule({
  meta: {
    id: 'env-no-self-reference',
    aliases: ['DL3044'],
    category: 'correctness',
    severity: 'error',
    fix: 'none',
    docs: {
      summary: 'Flags an ENV value that refers to a variable defined in the same ENV instruction.',
      rationale:
        'Docker expands every value of an ENV instruction with the variables as they were before the instruction, so ' +
        'in `ENV A=1 B=$A` the value of B is empty (or an older A), not `1`. Define the variable in an earlier ENV.',
      bad: 'FROM debian:12\nENV APP_HOME=/opt/app PATH=$APP_HOME/bin:$PATH\n',
      good: 'FROM debian:12\nENV APP_HOME=/opt/app\nENV PATH=$APP_HOME/bin:$PATH\n',
      notes:
        'A variable that already had a value before the instruction (an earlier ENV in this stage or a parent stage, ' +
        'or an ARG in scope) is not flagged, as in hadolint; `ENV PATH=/x:$PATH` refers to the old value on purpose. ' +
        'References are found as Docker expands them: `$A`, `${A}`, `${A:-x}` and friends, not inside single quotes ' +
        'and not escaped (`\\$A`). Differences from hadolint 2.12: it also counts ARGs and ENVs of unrelated earlier ' +
        'stages as defined, and it flags `${A:-x}` only as `${A}`; we follow BuildKit\'s scoping. The legacy ' +
        '`ENV A value` form defines one variable and cannot refer to itself.',
    },
  },
  create(context) {
    return {
      ENV(env) {
        const words = env.words;
        if (words.length === 0 || !words[0]!.value.includes('=')) return;
        const pairs = words
          .map((word) => ({ word, eq: word.value.indexOf('=') }))
          .filter((p) => p.eq > 0)
          .map(({ word, eq }) => ({ word, key: word.value.slice(0, eq), value: word.value.slice(eq + 1) }));
        const state = context.stateBefore(env);
        const defined = (name: string): boolean => state.env.has(name) || state.args.has(name);
        for (const [i, pair] of pairs.entries()) {
          const refs = referencedNames(pair.value, context.ast.escapeChar);
          const culprit = pairs.find((other, j) => j !== i && other.key !== pair.key && refs.has(other.key) && !defined(other.key));
          if (!culprit) continue;
          context.report({
            range: pair.word.range,
            message: `ENV ${pair.key} at line ${pair.word.range.start.line + 1} uses $${culprit.key}, which is set in the same ENV instruction and so is still empty here; set ${culprit.key} in an earlier ENV.`,
          });
        }
      },
    };
  },
});
