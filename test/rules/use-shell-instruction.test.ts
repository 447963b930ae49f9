import rule from '../../rules/shell-commands/use-shell-instruction';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'SHELL instead', code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\n' },
    { name: 'link elsewhere', code: 'FROM debian:12\nRUN ln -s /bin/bash /usr/local/bin/sh\n' },
    { name: '/bin/sh as the target', code: 'FROM debian:12\nRUN ln -s /bin/sh /bin/mysh\n' },
    { name: 'readlink', code: 'FROM debian:12\nRUN readlink -f /bin/sh\n' },
    { name: 'variable', code: 'FROM debian:12\nARG T=/bin/sh\nRUN ln -sf /bin/bash "$T"\n' },
    { name: 'heredoc with another link', code: 'FROM debian:12\nRUN <<EOF\nln -s /usr/bin/python3 /usr/bin/python\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN ln -sf /bin/bash /bin/sh\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n',
      errors: [{ line: 2, column: 22, endColumn: 29, message: 'ln at line 2 replaces /bin/sh to change the default shell; use a SHELL instruction' }],
    },
    { name: 'after &&', code: 'FROM debian:12\nRUN echo x && ln -s /bin/dash /bin/sh\n', errors: [{ line: 2 }] },
    { name: 'ONBUILD', code: 'FROM debian:12\nONBUILD RUN ln -sf /bin/bash /bin/sh\n', errors: [{ line: 2 }] },
    { name: 'into /bin by name', code: 'FROM debian:12\nRUN cd /tmp && ln -sf bash/sh /bin/\n', errors: [{ line: 2 }] },
    { name: '/usr/bin/sh', code: 'FROM debian:12\nRUN ln -sfT /usr/bin/bash /usr/bin/sh\n', errors: [{ line: 2 }] },
    { name: 'heredoc', code: 'FROM debian:12\nRUN <<EOF\nln -sf /bin/bash /bin/sh\nEOF\n', errors: [{ line: 3, column: 18 }] },
    {
      name: 'continuation with a comment line',
      code: 'FROM debian:12\nRUN set -e \\\n# bash please\n && ln -sf /bin/bash /bin/sh\n',
      errors: [{ line: 4, column: 22 }],
    },
    { name: 'exec form', code: 'FROM debian:12\nRUN ["ln", "-sf", "/bin/bash", "/bin/sh"]\n', errors: [{ line: 2, column: 32 }] },
  ],
});
