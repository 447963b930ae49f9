import rule from '../../rules/shell-commands/avoid-interactive-commands';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'ssh-keygen is not ssh', code: 'FROM debian:12\nRUN ssh-keygen -A\n' },
    { name: 'words as arguments', code: 'FROM debian:12\nRUN echo ssh free kill && apt-get install -y openssh-server\n' },
    { name: 'topgrade is not top', code: 'FROM debian:12\nRUN topgrade --version\n' },
    { name: 'only in a comment', code: 'FROM debian:12\n# do not mount anything here\nRUN echo ok\n' },
    { name: 'heredoc without such commands', code: 'FROM debian:12\nRUN <<EOF\necho ps\nmountpoint -q /proc || true\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN ps\n' },
    { name: 'CMD is not a build step', code: 'FROM debian:12\nCMD ["service", "nginx", "start"]\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN service nginx start\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 24, message: '`service` at line 2 manages services that do not outlive the RUN' }],
    },
    { name: 'after &&', code: 'FROM debian:12\nRUN echo hi && vim /etc/hosts\n', errors: [{ line: 2, column: 16, endColumn: 30 }] },
    { name: 'in a pipeline', code: 'FROM debian:12\nRUN ps aux | grep x\n', errors: [{ line: 2, column: 5, endColumn: 11 }] },
    { name: 'ONBUILD RUN', code: 'FROM debian:12\nONBUILD RUN shutdown -h now\n', errors: [{ line: 2, column: 13 }] },
    {
      name: 'continuation with a comment line',
      code: 'FROM debian:12\nRUN echo start \\\n# watch it\n && top -b -n 1\n',
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 16 }],
    },
    { name: 'exec form', code: 'FROM debian:12\nRUN ["ps", "aux"]\n', errors: [{ line: 2, column: 6, endColumn: 17 }] },
    { name: 'behind sudo, by path', code: 'FROM debian:12\nRUN sudo /sbin/ifconfig eth0\n', errors: [{ line: 2, message: '`ifconfig`' }] },
    { name: 'heredoc body', code: 'FROM debian:12\nRUN <<EOF\nset -e\nkill 1\nEOF\n', errors: [{ line: 4, column: 1, endColumn: 7 }] },
    { name: 'two in one RUN', code: 'FROM debian:12\nRUN free -m; mount\n', errors: [{ line: 2, column: 5 }, { line: 2, column: 14 }] },
  ],
});
