import rule from '../../rules/shell/echo-escape-sequences';
import { runRuleTests } from '../support/ruleTester';

const run = (script: string) => `FROM debian:12\nRUN ${script}\n`;

runRuleTests(rule, {
  valid: [
    { name: 'printf', code: run("printf 'a\\nb\\n'") },
    { name: 'not an escape', code: run('echo "C:\\path" \'\\d+\'') },
    { name: 'with a flag (SC3037 is about that)', code: run('echo -e "a\\nb" && echo -n "a\\tb"') },
    { name: 'plain echo', code: run('echo hello "$HOME"') },
  ],
  invalid: [
    {
      code: run('echo "a\\nb"'),
      errors: [{ line: 2, column: 10, endLine: 2, endColumn: 16, message: 'echo at line 2 prints backslash escapes differently under dash and bash; use printf.' }],
    },
    { name: 'single quotes, octal, hex', code: run('echo \'\\033[1m\' x "\\x41"'), errors: [{ line: 2, column: 10 }, { line: 2, column: 22 }] },
    { name: 'unquoted double backslash', code: run('echo a\\\\nb'), errors: [{ line: 2, column: 10 }] },
    { name: 'escaped backslash in double quotes', code: run('echo "a\\\\\\\\b"'), errors: [{ line: 2, column: 10 }] },
  ],
});
