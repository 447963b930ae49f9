import rule from '../../rules/shell/redirect-without-command';
import { runRuleTests } from '../support/ruleTester';

const run = (script: string) => `FROM debian:12\nRUN ${script}\n`;

runRuleTests(rule, {
  valid: [
    { name: ': as the command', code: run(': > /a') },
    { name: 'an assignment', code: run('A=1 > /a') },
    { name: 'a group', code: run('{ echo; } > /a') },
  ],
  invalid: [
    {
      code: run('> /var/log/app.log && chmod 666 /var/log/app.log'),
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 23, message: 'The redirection at line 2 has no command; write : > file to truncate, or move it to its command.' }],
    },
    { name: 'after &&, and an input redirection', code: run('echo a && >> /a 2>&1; < /b'), errors: [{ line: 2, column: 15, endColumn: 25 }, { line: 2, column: 27 }] },
  ],
});
