import rule from '../../rules/shell/printf-variable-format';
import { runRuleTests } from '../support/ruleTester';

const run = (script: string) => `FROM debian:12\nRUN ${script}\n`;

runRuleTests(rule, {
  valid: [
    { name: 'literal format', code: run(`printf '%s\\n' "$G"`) },
    { name: 'variable as an argument', code: run('printf "%d" $((1+2))') },
    { name: 'arithmetic only', code: run('printf "$((1+2))"') },
  ],
  invalid: [
    {
      code: run('printf "$GREETING\\n" > /etc/motd'),
      errors: [{ line: 2, column: 12, endLine: 2, endColumn: 25, message: "printf at line 2 takes its format from a variable, so % and \\ in the value are interpreted; use printf '%s' \"$var\"." }],
    },
    { name: 'after -v NAME and --', code: run('printf -v x -- "$F"'), errors: [{ line: 2, column: 20, endColumn: 24 }] },
    { name: 'command substitution', code: run('printf "$(cat f)"'), errors: [{ line: 2, column: 12 }] },
  ],
});
