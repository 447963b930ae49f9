import rule from '../../rules/instructions/copy-from-other-stage';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM golang:1.22 AS build\nFROM debian:12.5 AS final\nCOPY --from=build /x /y\n',
    { name: 'unnamed final stage', code: 'FROM golang:1.22 AS build\nFROM debian:12.5\nCOPY --from=build /x /y\n' },
    { name: 'alias equal to an image name', code: 'FROM debian:12.5 AS debian\nFROM alpine:3.19 AS alpine\nCOPY --from=debian /x /y\n' },
    { name: 'earlier index', code: 'FROM golang:1.22\nFROM debian:12.5\nCOPY --from=0 /x /y\n' },
    { name: 'no --from', code: 'FROM debian:12.5 AS app\nCOPY app /app\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12.5 AS app\nCOPY --from=app /a /b\n',
      errors: [{ line: 2, column: 6, endColumn: 16, message: "names stage 'app', the stage it is in" }],
    },
    { name: 'after another stage', code: 'FROM golang:1.22 AS build\nFROM debian:12.5 AS final\nCOPY --from=final /x /y\n', errors: [{ line: 3 }] },
    { name: 'different case', code: 'FROM a:1 AS a\nFROM b:1 AS b\nFROM c:1 AS Copy\nCOPY --from=copy /x /y\n', errors: [{ line: 4 }] },
    { name: 'own index', code: 'FROM golang:1.22\nFROM debian:12.5\nCOPY --from=1 /x /y\n', errors: [{ line: 3, message: 'stage 1' }] },
  ],
});
