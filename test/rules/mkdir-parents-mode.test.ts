import rule from '../../rules/shell/mkdir-parents-mode';
import { runRuleTests } from '../support/ruleTester';

const run = (script: string) => `FROM debian:12\nRUN ${script}\n`;

runRuleTests(rule, {
  valid: [
    { name: 'parents first', code: run('mkdir -p /a && mkdir -m 700 /a/s') },
    { name: '-p alone', code: run('mkdir -p /c') },
  ],
  invalid: [
    {
      code: run('mkdir -p -m 700 /srv/a'),
      errors: [{ line: 2, column: 14, endLine: 2, endColumn: 16, message: 'mkdir -p at line 2 applies -m only to the last directory, not to the parents it creates; create the parents first.' }],
    },
    { name: 'combined flags', code: run('mkdir -pm755 /a'), errors: [{ line: 2, column: 11, endColumn: 17 }] },
    { name: 'long options', code: run('mkdir --parents --mode=700 /b'), errors: [{ line: 2, column: 21, endColumn: 31 }] },
  ],
});
