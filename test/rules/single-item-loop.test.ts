import rule from '../../rules/shell/single-item-loop';
import { runRuleTests } from '../support/ruleTester';

const run = (script: string) => `FROM debian:12\nRUN ${script}\n`;

runRuleTests(rule, {
  valid: [
    { name: 'several items', code: run('for y in a b; do :; done') },
    { name: 'a glob', code: run('for f in /opt/*.jar; do echo "$f"; done') },
    { name: 'a variable', code: run('for x in $LIST; do :; done') },
    { name: 'single-quoted word (ShellCheck leaves it)', code: run("for z in 'a b'; do :; done") },
    { name: 'brace expansion', code: run('for w in {a,b}; do :; done') },
  ],
  invalid: [
    {
      code: run('for pkg in "curl git"; do echo $pkg; done'),
      errors: [{ line: 2, column: 16, endLine: 2, endColumn: 26, message: 'The for loop at line 2 runs once, over the single word "curl git"; list the items unquoted or drop the loop.' }],
    },
    { name: 'one literal', code: run('for v in 1.2.3; do echo "$v"; done'), errors: [{ line: 2, column: 14, endColumn: 19 }] },
  ],
});
