import rule from '../../rules/shell/useless-echo';
import { runRuleTests } from '../support/ruleTester';

const run = (script: string) => `FROM debian:12\nRUN ${script}\n`;

runRuleTests(rule, {
  valid: [
    { name: 'echo piped on', code: run('a=$(echo "$V" | cut -d. -f1)') },
    { name: 'echo with an option', code: run('b=$(echo -n x)') },
    { name: 'echo without arguments', code: run('c=$(echo)') },
    { name: 'echo redirected', code: run('d=$(echo x > /f)') },
  ],
  invalid: [
    {
      code: run('major=$(echo "$VERSION")'),
      errors: [{ line: 2, column: 11, endLine: 2, endColumn: 29, message: '$(echo …) at line 2 only gives back its arguments; use them directly.' }],
    },
    { name: 'backticks', code: run('b=`echo x`'), errors: [{ line: 2, column: 7, endColumn: 15 }] },
  ],
});
