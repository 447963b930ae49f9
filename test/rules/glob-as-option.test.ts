import rule from '../../rules/shell/glob-as-option';
import { runRuleTests } from '../support/ruleTester';

const run = (script: string) => `FROM debian:12\nRUN ${script}\n`;

runRuleTests(rule, {
  valid: [
    { name: 'prefixed with ./', code: run('chmod 644 ./*.conf') },
    { name: 'after --', code: run('rm -f -- *.tmp') },
    { name: 'echo and printf print the names', code: run('echo * && printf "%s\\n" *') },
    { name: 'quoted', code: run(`ls "*" '*'`) },
    { name: 'after GNU parallel :::', code: run('parallel gzip ::: *.log') },
    { name: 'glob not at the start', code: run('cp a*.txt /tmp') },
  ],
  invalid: [
    {
      code: run('chmod 644 *.conf'),
      errors: [{ line: 2, column: 15, endLine: 2, endColumn: 21, message: 'The glob *.conf at line 2 can expand to a name starting with a dash, read as an option; write ./*.conf or put -- before it.' }],
    },
    { name: 'question mark', code: run('cp ?.txt /tmp'), errors: [{ line: 2, column: 8, endColumn: 13 }] },
    { name: 'on a continuation line', code: 'FROM debian:12\nRUN tar -czf a.tgz \\\n  *.log\n', errors: [{ line: 3, column: 3 }] },
  ],
});
