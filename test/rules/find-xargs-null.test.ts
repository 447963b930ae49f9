import rule from '../../rules/shell/find-xargs-null';
import { runRuleTests } from '../support/ruleTester';

const run = (script: string) => `FROM debian:12\nRUN ${script}\n`;

runRuleTests(rule, {
  valid: [
    { name: '-print0 | xargs -0', code: run('find . -print0 | xargs -0 rm') },
    { name: 'xargs --null or -d', code: run("find . -print0 | xargs --null rm && find . | xargs -d '\\n' rm") },
    { name: 'combined flags with 0', code: run('find . -print0 | xargs -r0 rm') },
    { name: '-exec +', code: run('find . -exec rm {} +') },
    { name: 'ls | xargs is another check', code: run('ls | xargs rm') },
    { name: 'find | grep | xargs', code: run('find . | grep x | xargs rm') },
    { name: 'xargs -0 alone (ShellCheck trusts it)', code: run('find . | xargs -0 rm') },
    { name: 'find later in the pipeline, as ShellCheck reads it', code: run('echo | find . | xargs rm') },
  ],
  invalid: [
    {
      code: run('find . -name x | xargs rm'),
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 30, message: 'find | xargs at line 2 splits file names on blanks and quotes; use find -print0 | xargs -0, or find -exec … +.' }],
      output: run('find . -name x -print0 | xargs -0 rm'),
    },
    { name: 'in a later pipeline', code: run('cd / && find /x -type f | xargs -n1 chmod 644'), errors: [{ line: 2, column: 13 }], output: run('cd / && find /x -type f -print0 | xargs -0 -n1 chmod 644') },
    {
      name: 'quoted pattern, xargs options with values, across a continuation',
      code: 'FROM debian:12\nRUN find /opt -name \'*.pyc\' \\\n  | xargs -r -P 4 rm -f -- 2>/dev/null\n',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM debian:12\nRUN find /opt -name \'*.pyc\' -print0 \\\n  | xargs -0 -r -P 4 rm -f -- 2>/dev/null\n',
    },
    // No fix where -print0 would not print the same names, or xargs reads items another way under -0.
    { name: 'find with -o: -print0 would bind to the last operand', code: run('find . -name a -o -name b | xargs rm'), errors: [{ line: 2 }], output: null },
    { name: 'find with an action', code: run('find . -type f -print | xargs rm'), errors: [{ line: 2 }], output: null },
    { name: 'find with an expansion', code: run('find . $FIND_ARGS | xargs rm'), errors: [{ line: 2 }], output: null },
    { name: 'xargs -I reads lines', code: run('find . -type f | xargs -I{} cp {} /x'), errors: [{ line: 2 }], output: null },
    { name: 'xargs -L reads lines', code: run('find . -type f | xargs -L 1 rm'), errors: [{ line: 2 }], output: null },
  ],
});
