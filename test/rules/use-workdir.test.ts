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
    // Hand check 2026-12-07 (02481.Dockerfile:30): a scratch directory is no working directory for later instructions.
    { name: 'cd /tmp for downloads, emptied with rm -rf /tmp/*', code: 'FROM debian:12\nRUN set -eux; cd /tmp; curl -sSLO https://x/a.tgz; tar -xf a.tgz -C /usr/local/bin; rm -rf /tmp/*\n' },
    { name: 'cd into a directory under /var/tmp', code: 'FROM debian:12\nRUN mkdir -p /var/tmp/b && cd /var/tmp/b && curl -sSLO https://x/a.tgz\n' },
    { name: 'cd $TMPDIR-like scratch through an ENV', code: 'FROM debian:12\nENV BUILD=/tmp/build\nRUN mkdir -p $BUILD && cd $BUILD && make -f /src/Makefile\n' },
    { name: 'PowerShell without a directory change', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN Get-ChildItem C:\\\\\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN cd /src && make\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 12, message: '`cd /src` at line 2 only lasts for this RUN; use WORKDIR /src' }],
    },
    { name: 'a directory named like tmp elsewhere', code: 'FROM debian:12\nRUN cd /opt/tmp && make\n', errors: [{ line: 2 }] },
    { name: 'a later cd out of /tmp into the tree that stays', code: 'FROM debian:12\nRUN cd /tmp && curl -sSLO https://x/a.tgz && cd /srv/app && make\n', errors: [{ line: 2, column: 46 }] },
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
