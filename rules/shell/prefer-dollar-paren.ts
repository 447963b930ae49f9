import { defineRule } from '../../src/engine';
import { expansionsOf, shellScriptListeners, walkShell } from './support';

export default defineRule({
  meta: {
    id: 'prefer-dollar-paren',
    aliases: ['SC2006'],
    category: 'style',
    severity: 'style',
    fix: 'safe',
    // Style: backticks that work are rewritten only by preference. Both findings of the seeded hand check of
    // 2026-12-06 were judged debatable. `extends: hadolint` (SC2006), `strict` and `all` keep it.
    recommended: false,
    docs: {
      summary: 'Flags legacy backtick command substitution in RUN; use `$(…)` (ShellCheck SC2006).',
      rationale:
        '`$(…)` nests without escaping, reads clearly next to quotes, and treats backslashes inside as any other ' +
        'command does. Backticks need `\\`` to nest and change the meaning of `\\$` and `\\\\` inside them.',
      bad: 'FROM debian:12\nRUN echo "built on `uname -m`" > /etc/build-arch\n',
      good: 'FROM debian:12\nRUN echo "built on $(uname -m)" > /etc/build-arch\n',
      fixSafety:
        'Safe: a backtick body without backslashes means the same inside `$(…)`, so the script runs the same ' +
        'command. Bodies with a backslash (whose meaning differs between the two forms) or a `)` that could close ' +
        '`$(` early get no fix.',
      notes:
        'Not in `recommended` (style: working backticks, which reviewers judged debatable in both sampled findings); ' +
        'on under `extends: hadolint` (SC2006, as hadolint reports it), `strict` and `all`, at the severity ShellCheck gives it.',
    },
  },
  create(context) {
    return shellScriptListeners(context, (target) => {
      const seen = new Set<number>();
      walkShell(target.ast, {
        word(word) {
          for (const e of expansionsOf(word)) {
            if (e.kind !== 'backtick' || seen.has(e.start)) continue;
            seen.add(e.start);
            const range = target.range(e.start, e.end);
            const body = target.script.text.slice(e.start + 1, e.end - 1);
            // One piece of source text: a continuation inside the backticks would need its own mapping.
            const contiguous = target.script.toSource(e.end - 1) - target.script.toSource(e.start) === e.end - 1 - e.start;
            const fixable = contiguous && !/[\\)(]/.test(body) && target.script.text[e.end - 1] === '`';
            context.report({
              range,
              message: `Backticks at line ${range.start.line + 1} are legacy command substitution; use $(…) instead.`,
              fix: fixable ? (f) => f.replace(range, `$(${body})`) : undefined,
            });
          }
        },
      });
    });
  },
});
