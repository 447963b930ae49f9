import rule from '../../rules/shell/find-without-path';
import { runRuleTests } from '../support/ruleTester';

const run = (script: string) => `FROM debian:12\nRUN ${script}\n`;

runRuleTests(rule, {
  valid: [
    { name: 'a path', code: run('find . -name x') },
    { name: 'a path after -L', code: run('find -L /usr -name x') },
    { name: 'a variable path', code: run('find "$D" -name x') },
    { name: 'starting with ! (ShellCheck leaves it)', code: run('find ! -type d') },
    { name: 'not find', code: run('echo find -name x') },
  ],
  invalid: [
    {
      code: run('find -name "*.pyc" -delete'),
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 9, message: 'find at line 2 has no starting path; GNU and BusyBox find default to ., BSD find and POSIX need one; name it (find . …).' }],
    },
    { name: 'after -L', code: run('find -L -type f'), errors: [{ line: 2, column: 5 }] },
    { name: 'no arguments', code: run('find'), errors: [{ line: 2, column: 5 }] },
    { name: 'after --', code: run('find -- -x'), errors: [{ line: 2, column: 5 }] },
  ],
});
