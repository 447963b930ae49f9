import rule from '../../rules/shell/rm-variable-path';
import { runRuleTests } from '../support/ruleTester';

const run = (script: string) => `FROM debian:12\nRUN ${script}\n`;

runRuleTests(rule, {
  valid: [
    { name: '${var:?}', code: run('rm -rf "${APP_HOME:?}/"*') },
    { name: 'a path that is not a system directory', code: run('rm -rf "$APP_HOME/cache"') },
    { name: 'not recursive', code: run('rm -f $D/bin') },
    { name: 'variable after a literal directory', code: run('rm -rf /tmp/$X') },
  ],
  invalid: [
    {
      code: run('rm -rf "$APP_HOME/"*'),
      errors: [{ line: 2, column: 12, endLine: 2, endColumn: 25, message: 'rm -r at line 2 removes /* when the variable in "$APP_HOME/"* is empty; use "${var:?}" so the shell stops instead.' }],
    },
    {
      name: 'system directories',
      code: run('rm -r $DIR/bin ${X}/usr'),
      errors: [{ line: 2, column: 11, endColumn: 19 }, { line: 2, column: 20, endColumn: 28, message: 'rm -r at line 2 removes /usr when the variable in ${X}/usr is empty; use "${var:?}" so the shell stops instead.' }],
    },
  ],
});
