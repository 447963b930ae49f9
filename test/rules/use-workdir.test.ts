import rule from '../../rules/shell-commands/use-workdir';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'a cd scoped to a subshell', code: 'FROM debian:12\nRUN (cd /scratch && ls)\n' },
    { name: 'WORKDIR', code: 'FROM debian:12\nWORKDIR /src\nRUN make\n' },
    { name: 'make -C', code: 'FROM debian:12\nRUN make -C /src\n' },
    { name: 'cd as an argument', code: 'FROM debian:12\nRUN echo cd /scratch\n' },
    { name: 'cdrecord', code: 'FROM debian:12\nRUN cdrecord --version\n' },
    { name: 'ONBUILD is not checked (as hadolint)', code: 'FROM debian:12\nONBUILD RUN cd /x && make\n' },
    { name: 'heredoc without cd', code: 'FROM debian:12\nRUN <<EOF\necho cd\nmake -C /src\nEOF\n' },
    { name: 'PowerShell without a directory change', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN Get-ChildItem C:\\\\\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN cd /src && make\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 12, message: '`cd /src` at line 2 only lasts for this RUN; use WORKDIR /src' }],
    },
    { name: 'after ;', code: 'FROM debian:12\nRUN echo a; cd /scratch\n', errors: [{ line: 2, column: 13 }] },
    { name: 'function body', code: 'FROM debian:12\nRUN f() { cd /scratch; }; f\n', errors: [{ line: 2, column: 11 }] },
    {
      name: 'continuation with a comment line; one finding per RUN',
      code: 'FROM debian:12\nRUN mkdir -p /a \\\n# go there\n    && cd /a \\\n    && cd b\n',
      errors: [{ line: 4, column: 8, endLine: 4, endColumn: 13 }],
    },
    { name: 'heredoc', code: 'FROM debian:12\nRUN <<EOF\ncd /scratch\nls\nEOF\n', errors: [{ line: 3, column: 1, endColumn: 12 }] },
    { name: 'PowerShell Set-Location', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN Set-Location C:/app; dotnet build\n', errors: [{ line: 3 }] },
    { name: 'cmd on a Windows image', code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN cd C:\\ `\n    && dir\n', errors: [{ line: 3 }] },
  ],
});
