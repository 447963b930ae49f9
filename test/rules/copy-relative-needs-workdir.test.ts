import rule from '../../rules/shell-commands/copy-relative-needs-workdir';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'WORKDIR first', code: 'FROM debian:12\nWORKDIR /app\nCOPY . .\n' },
    { name: 'absolute', code: 'FROM debian:12\nCOPY app.py /app/app.py\n' },
    { name: 'variable', code: 'FROM debian:12\nARG D=/x\nCOPY a $D\n' },
    { name: 'inherited WORKDIR', code: 'FROM debian:12 AS base\nWORKDIR /app\nFROM base\nCOPY . .\n' },
    { name: 'Windows absolute', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY a.txt c:/a.txt\n' },
    { name: 'ONBUILD COPY', code: 'FROM debian:12\nONBUILD COPY . .\n' },
    { name: 'exec form absolute', code: 'FROM debian:12\nCOPY ["a b.txt", "/srv/"]\n' },
  ],
  invalid: [
    { code: 'FROM debian:12\nCOPY app.py app.py\n', errors: [{ line: 2, column: 13, endColumn: 19, message: "COPY at line 2 copies to the relative path 'app.py' with no WORKDIR" }] },
    { name: 'dot', code: 'FROM debian:12\nCOPY . .\n', errors: [{ line: 2 }] },
    { name: 'WORKDIR in another stage', code: 'FROM debian:12 AS a\nWORKDIR /app\nFROM debian:12\nCOPY x.txt x.txt\n', errors: [{ line: 4 }] },
    { name: 'quoted', code: 'FROM debian:12\nCOPY x.txt "dir/x.txt"\n', errors: [{ line: 2 }] },
    { name: 'heredoc', code: 'FROM debian:12\nCOPY <<EOF conf.txt\nhello\nEOF\n', errors: [{ line: 2 }] },
    { name: 'WORKDIR after the COPY', code: 'FROM debian:12\nCOPY . .\nWORKDIR /app\n', errors: [{ line: 2 }] },
    { name: 'exec form', code: 'FROM debian:12\nCOPY ["a.txt", "conf/"]\n', errors: [{ line: 2 }] },
  ],
});
