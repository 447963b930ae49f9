import rule from '../../rules/chain-run';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12.5\nRUN echo a\n',
    { name: 'two RUNs that already chain commands', code: 'FROM debian:12.5\nRUN echo a && echo b\nRUN echo c && echo d\n' },
    { name: 'earlier RUN chains three commands', code: 'FROM debian:12.5\nRUN echo a && echo b && echo c\nRUN echo d\n' },
    { name: 'an instruction in between', code: 'FROM debian:12.5\nRUN echo a\nENV X=1\nRUN echo b\n' },
    { name: 'different mount flags', code: 'FROM debian:12.5\nRUN --mount=type=cache,target=/c echo a\nRUN echo b\n' },
    { name: 'different network flags', code: 'FROM debian:12.5\nRUN --network=none echo a\nRUN --network=host echo b\n' },
    { name: 'different stages', code: 'FROM debian:12.5 AS a\nRUN echo a\nFROM debian:12.5\nRUN echo b\n' },
    { name: 'exec form', code: 'FROM debian:12.5\nRUN ["echo", "a"]\nRUN echo b\n' },
    { name: 'ONBUILD RUNs', code: 'FROM debian:12.5\nONBUILD RUN echo a\nONBUILD RUN echo b\n' },
    { name: 'ONBUILD between RUNs', code: 'FROM debian:12.5\nRUN echo a\nONBUILD RUN echo x\nRUN echo b\n' },
    {
      name: 'PowerShell is not chained with &&',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Write-Host a\nRUN Write-Host b\n',
    },
    {
      name: 'continuation with a comment line inside chains commands',
      code: 'FROM debian:12.5\nRUN apt-get update \\\n# refresh lists\n && apt-get install -y curl\nRUN echo done\n',
    },
  ],
  invalid: [
    {
      code: 'FROM debian:12.5\nRUN echo a\nRUN echo b\n',
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 4, message: 'RUN at line 3 follows the RUN at line 2 and could share its layer; chain them with `&&`.' }],
    },
    { name: 'three in a row', code: 'FROM debian:12.5\nRUN echo a\nRUN echo b\nRUN echo c\n', errors: [{ line: 3 }, { line: 4, message: 'follows the RUN at line 3' }] },
    { name: 'comments and blank lines between', code: 'FROM debian:12.5\nRUN echo a\n# comment\n\nRUN echo b\n', errors: [{ line: 5, message: 'RUN at line 2' }] },
    { name: 'same mount flags in another order', code: 'FROM debian:12.5\nRUN --network=none --mount=type=cache,target=/c echo a\nRUN --mount=type=cache,target=/c --network=none echo b\n', errors: [{ line: 3 }] },
    { name: 'lower-case instructions', code: 'from debian:12.5\nrun echo a\nrun echo b\n', errors: [{ line: 3, column: 1 }] },
    {
      name: 'continuation lines with a comment line inside one command',
      code: 'FROM debian:12.5\nRUN apt-get install -y \\\n# pinned below\n    curl\nRUN \\\n    echo b\n',
      errors: [{ line: 5, column: 1, message: 'RUN at line 5 follows the RUN at line 2' }],
    },
    {
      name: 'multi-stage: only within a stage',
      code: 'FROM debian:12.5 AS build\nRUN echo a\nRUN echo b\nFROM debian:12.5\nRUN echo c\nCOPY --from=build /x /x\nRUN echo d\nRUN echo e\n',
      errors: [{ line: 3 }, { line: 8 }],
    },
    { name: 'a heredoc RUN chains like any other RUN', code: 'FROM debian:12.5\nRUN <<EOF\necho a\nEOF\n\nRUN echo b\nRUN echo c\n', errors: [{ line: 6, message: 'the RUN at line 2' }, { line: 7, message: 'line 6' }] },
    { name: 'heredoc RUNs that run several commands stay apart', code: 'FROM debian:12.5\nRUN <<EOF\necho a\necho b\nEOF\nRUN echo c\n', errors: [] },
  ],
});
