import rule from '../../rules/shell/declare-separately';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'assigned first', code: 'FROM debian:12\nRUN V=$(cat /V) && export V\n' },
    { name: 'literal or variable value', code: 'FROM debian:12\nRUN export A=1 B="$HOME/x" C\n' },
    { name: 'plain assignment', code: 'FROM debian:12\nRUN V=$(cat /V)\n' },
    { name: 'arithmetic', code: 'FROM debian:12\nRUN export N=$((1 + 2))\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN export V=$(cat /V)\n',
      errors: [{ line: 2, column: 12, endLine: 2, endColumn: 13, message: "export V=$(…) at line 2 returns export's status and hides a failure of the command; assign first, then export V." }],
    },
    { name: 'quoted value, readonly', code: 'FROM debian:12\nRUN readonly A="$(uname -m)"\n', errors: [{ line: 2, column: 14 }] },
    { name: 'backticks, bash local', code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN f() { local X=`id -u`; echo "$X"; } && f\n', errors: [{ line: 3, column: 17 }] },
    { name: 'two in one export', code: 'FROM debian:12\nRUN export A=$(id -u) B=$(id -g)\n', errors: [{ line: 2, column: 12 }, { line: 2, column: 23 }] },
    { name: 'inside a substitution', code: 'FROM debian:12\nRUN echo "$(export A=$(id))"\n', errors: [{ line: 2, column: 20 }] },
  ],
});
