import rule from '../../rules/instructions/unique-stage-names';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM a:1 AS one\nFROM b:1 AS two\n',
    { name: 'no names', code: 'FROM debian:12.5\nFROM debian:12.5\n' },
    { name: 'one name', code: 'FROM a:1 AS build\nFROM build\n' },
    { name: 'similar names', code: 'FROM a:1 AS build\nFROM b:1 AS build-2\nFROM c:1 AS build_3\n' },
  ],
  invalid: [
    {
      code: 'FROM a:1 AS build\nFROM b:1 AS build\n',
      errors: [{ line: 2, column: 13, endColumn: 18, message: "Stage name 'build' at line 2 is already used by the stage at line 1" }],
    },
    { name: 'lower-case as', code: 'FROM a:1 as dup\nFROM b:1 AS dup\n', errors: [{ line: 2 }] },
    { name: 'three stages', code: 'FROM a:1 AS x\nFROM b:1 AS y\nFROM c:1 AS x\nFROM d:1 AS x\n', errors: [{ line: 3 }, { line: 4, message: 'line 1' }] },
    { name: 'case-insensitive, as BuildKit', code: 'FROM a:1 AS Build\nFROM b:1 AS build\n', errors: [{ line: 2 }] },
    { name: 'name on a continuation line', code: 'FROM a:1 AS b\nFROM c:1 \\\n# the same name\n  AS b\n', errors: [{ line: 4, column: 6 }] },
  ],
});
