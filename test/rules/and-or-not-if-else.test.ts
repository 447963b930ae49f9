import rule from '../../rules/shell/and-or-not-if-else';
import { runRuleTests } from '../support/ruleTester';

const run = (script: string) => `FROM debian:12\nRUN ${script}\n`;

runRuleTests(rule, {
  valid: [
    { name: 'if/else', code: run('if a; then b; else c; fi') },
    { name: 'C is echo, printf, exit, return or an assignment', code: run('a && b || echo no; a && b || exit 1; a && b || x=1; a && b || printf x') },
    { name: 'B is [ ] or [[ ]]', code: run('a && [ -f x ] || c') },
    { name: 'inside an if condition', code: run('if a && b || c; then :; fi') },
    { name: 'left operand of a later &&', code: run('a && b || c && d') },
    { name: 'inside a subshell that is a left operand', code: run('( a && b || c ) && d') },
    { name: 'only ||', code: run('a || b || c') },
    // Hand check 2026-12-07 (00178.Dockerfile:170, 02670.Dockerfile:59): `|| :` and `|| true` only swallow a failure;
    // if/else would make a failing B fail the build. ShellCheck reports SC2015 here, so only recommended skips them.
    { name: 'allowNoOpFallback: C is : or true', code: run('set -eux; command -v gpgconf && gpgconf --kill all || :; a && b || true'), options: { allowNoOpFallback: true } },
    { name: 'allowNoOpFallback: C is /bin/true', code: run('a && b || /bin/true'), options: { allowNoOpFallback: true } },
  ],
  invalid: [
    {
      code: run('a && b || c'),
      errors: [{ line: 2, column: 7, endLine: 2, endColumn: 9, message: 'A && B || C at line 2 also runs C when B fails; use if A; then B; else C; fi.' }],
    },
    { name: 'allowNoOpFallback: C is true in a pipe', code: run('a && b || true | c'), options: { allowNoOpFallback: true }, errors: [{ line: 2, column: 7 }] },
    { name: 'C is : or true, without allowNoOpFallback (ShellCheck SC2015)', code: run('a && b || :; a && b || true'), errors: [{ line: 2, column: 7 }, { line: 2, column: 20 }] },
    { name: 'test as a command is not [ ]', code: run('test -f x && rm x || c'), errors: [{ line: 2, column: 15 }] },
    { name: 'last operator of a longer chain', code: run('a && b && c || d'), errors: [{ line: 2, column: 12 }] },
    { name: 'in an if body', code: run('if true; then a && b || c; fi'), errors: [{ line: 2, column: 21 }] },
    { name: 'in a subshell on the right', code: run('x && (a && b || c)'), errors: [{ line: 2, column: 13 }] },
    { name: 'over continuation lines', code: 'FROM debian:12\nRUN a \\\n  && b \\\n  || c\n', errors: [{ line: 3, column: 3 }] },
  ],
});
