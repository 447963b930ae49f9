import { defineRule } from '../../src/engine';
import type { Pipeline } from '../../src/shell/parser';
import { commandName, shellScriptListeners, walkShell } from './support';

const ENDS_OK = new Set(['echo', 'exit', 'return', 'printf']);
/**
 * `a && b || :` (or `|| true`) is the idiom for "ignore any failure here" (`command -v gpgconf && gpgconf --kill all || :`
 * in the docker-library images): running C after B fails is the intent, and the if/else that SC2015 suggests would fail
 * the build when B does (hand check 2026-12-07: 28 of the 35 corpus findings). ShellCheck reports these, so only
 * `recommended` skips them (`allowNoOpFallback`); strict, all and hadolint keep SC2015 exactly.
 */
const NO_OPS = new Set([':', 'true']);

/** `b` of `a && b || c` that is itself a test, whose failure is the point. */
function isTest(p: Pipeline): boolean {
  const only = p.commands.length === 1 ? p.commands[0]! : null;
  if (!only) return false;
  if (only.type === 'compound') return only.kind === 'test';
  if (only.type !== 'simple') return false;
  const name = commandName(only);
  return name === '[';
}

/** `c` of `a && b || c` that cannot be mistaken for an else branch: a message, an exit, an assignment or a no-op. */
function isHarmless(p: Pipeline, allowNoOp: boolean): boolean {
  const only = p.commands.length === 1 ? p.commands[0]! : null;
  if (!only || only.type !== 'simple') return false;
  if (only.argv.length === 0) return only.assignments.length > 0;
  const name = commandName(only) ?? '';
  return ENDS_OK.has(name) || (allowNoOp && NO_OPS.has(name));
}

export default defineRule({
  meta: {
    id: 'and-or-not-if-else',
    aliases: ['SC2015'],
    category: 'correctness',
    severity: 'info',
    fix: 'none',
    options: {
      allowNoOpFallback: {
        type: 'boolean',
        description:
          'Skip `A && B || :` and `A && B || true`: a no-op C only ignores a failure, so running it after B fails is ' +
          'meant, and the if/else that SC2015 suggests would fail the build when B does.',
        default: false,
        recommendedDefault: true,
      },
    },
    docs: {
      summary: 'Flags `A && B || C` in RUN, which runs C also when A succeeds and B fails (ShellCheck SC2015).',
      rationale:
        '`A && B || C` is not if-then-else: when B fails, C runs too, and its status decides whether the step ' +
        'fails. `test -f x && rm x || apt-get install -y y` installs y whenever the rm fails. Write ' +
        '`if A; then B; else C; fi`.',
      bad: 'FROM debian:12\nRUN test -f /etc/app.conf && cp /etc/app.conf /srv/ || touch /srv/app.conf\n',
      good:
        'FROM debian:12\nRUN if test -f /etc/app.conf; then cp /etc/app.conf /srv/; else touch /srv/app.conf; fi \\\n' +
        '    && make && make install || exit 1\n',
      notes:
        'Not flagged, as in ShellCheck: C is echo, printf, exit, return or an assignment; B is a test (`[ … ]` or ' +
        '`[[ … ]]`); the list is an if/while condition. Under `recommended` (option `allowNoOpFallback`), unlike ShellCheck, C that ' +
        'is `:` or `true` is not flagged either: `command -v gpgconf && gpgconf --kill all || :` means to ignore any ' +
        'failure, and the if/else would fail the build when B fails. In `recommended` at the severity ShellCheck gives it, as hadolint reports it.',
    },
  },
  create(context) {
    const allowNoOp = context.options.allowNoOpFallback === true;
    return shellScriptListeners(context, (target) => {
      const text = target.script.text;
      walkShell(target.ast, {
        andOr(item, condition) {
          // Only the last operator: an earlier `a && b || c` is the left operand of the next one, a tested condition.
          const i = item.operators.length - 1;
          if (condition || i < 1 || item.operators[i] !== '||' || item.operators[i - 1] !== '&&') return;
          const b = item.pipelines[i]!;
          const c = item.pipelines[i + 1]!;
          if (isTest(b) || isHarmless(c, allowNoOp)) return;
          const before = item.pipelines[i - 1]!;
          const at = text.indexOf('&&', before.commands[before.commands.length - 1]!.end);
          if (at === -1) return;
          const range = target.range(at, at + 2);
          context.report({
            range,
            message: `A && B || C at line ${range.start.line + 1} also runs C when B fails; use if A; then B; else C; fi.`,
          });
        },
      });
    });
  },
});
