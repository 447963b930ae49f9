import rule from '../../rules/shell/useless-cat';
import { runRuleTests } from '../support/ruleTester';

const run = (script: string) => `FROM debian:12\nRUN ${script}\n`;

runRuleTests(rule, {
  valid: [
    { name: 'several files', code: run('cat a b | wc -l') },
    { name: 'a glob', code: run('cat *.txt | wc') },
    { name: 'an unquoted variable', code: run('cat $F | wc') },
    { name: 'an option', code: run('cat -n x | wc') },
    { name: 'not piped', code: run('cat x') },
  ],
  invalid: [
    {
      code: run('cat /etc/os-release | grep VERSION_ID'),
      errors: [{ line: 2, column: 9, endLine: 2, endColumn: 24, message: 'cat /etc/os-release | … at line 2 is a useless cat; give the file to the next command or redirect it with <.' }],
    },
    { name: 'a quoted variable', code: run('cat "$F" | wc -l'), errors: [{ line: 2, column: 9, endColumn: 13 }] },
  ],
});
