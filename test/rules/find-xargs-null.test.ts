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
    },
    { name: 'in a later pipeline', code: run('cd / && find /x -type f | xargs -n1 chmod 644'), errors: [{ line: 2, column: 13 }] },
  ],
});
