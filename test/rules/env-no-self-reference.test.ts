import rule from '../../rules/shell-commands/env-no-self-reference';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'earlier ENV', code: 'FROM debian:12\nENV A=1\nENV B=$A\n' },
    { name: 'self reference only', code: 'FROM debian:12\nENV PATH=/opt/bin:$PATH\n' },
    { name: 'ARG in scope', code: 'FROM debian:12\nARG V=1\nENV V=2 W=$V\n' },
    { name: 'longer name', code: 'FROM debian:12\nENV A=1 B=$AB\n' },
    { name: 'legacy form', code: 'FROM debian:12\nENV A $A:more\n' },
    { name: 'single quotes', code: "FROM debian:12\nENV A=1 B='$A'\n" },
    { name: 'escaped', code: 'FROM debian:12\nENV A=1 B=\\$A\n' },
    { name: 'inherited from the parent stage', code: 'FROM debian:12 AS base\nENV A=0\nFROM base\nENV A=1 B=$A\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nENV A=1 B=$A\n',
      errors: [{ line: 2, column: 9, endColumn: 13, message: 'ENV B at line 2 uses $A, which is set in the same ENV instruction' }],
    },
    { name: 'braced', code: 'FROM debian:12\nENV BASE=/opt PATH=${BASE}/bin:$PATH\n', errors: [{ line: 2, column: 15 }] },
    { name: 'followed by a slash', code: 'FROM debian:12\nENV ROOT=/srv DATA=$ROOT/data\n', errors: [{ line: 2 }] },
    { name: 'across a continuation with a comment line', code: 'FROM debian:12\nENV X=1 \\\n# and\n    Y=$X\n', errors: [{ line: 4, column: 5 }] },
    { name: 'default form', code: 'FROM debian:12\nENV A=1 B=${A:-2}\n', errors: [{ line: 2 }] },
    { name: 'defined in an unrelated stage only', code: 'FROM debian:12 AS a\nENV A=0\nFROM debian:12\nENV A=1 B="$A"\n', errors: [{ line: 4 }] },
  ],
});
