import rule from '../../rules/shell/read-without-r';
import { runRuleTests } from '../support/ruleTester';

const run = (script: string) => `FROM debian:12\nRUN ${script}\n`;

runRuleTests(rule, {
  valid: [
    { name: '-r', code: run('read -r a') },
    { name: '-r among other flags', code: run('read -er b; IFS= read -d "" -r c') },
  ],
  invalid: [
    {
      code: run('while read line; do echo "$line"; done < /tmp/hosts'),
      errors: [{ line: 2, column: 11, endLine: 2, endColumn: 15, message: 'read at line 2 without -r treats backslashes in the input as escapes; use read -r.' }],
    },
    { name: 'other flags only', code: run('read -p x a'), errors: [{ line: 2, column: 5 }] },
  ],
});
