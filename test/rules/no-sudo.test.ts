import rule from '../../rules/shell-commands/no-sudo';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'sudo as an argument of xargs, as in hadolint', code: 'FROM debian:12\nRUN echo ls | xargs sudo\n' },
    { name: 'installing the sudo package', code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends sudo\n' },
    { name: 'sudo as an argument', code: 'FROM debian:12\nRUN echo sudo\n' },
    { name: 'gosu', code: 'FROM debian:12\nRUN gosu nobody true\n' },
    { name: 'editing sudoers', code: "FROM debian:12\nRUN echo 'app ALL=(ALL) NOPASSWD:ALL' >> /etc/sudoers\n" },
    { name: 'heredoc without sudo', code: 'FROM debian:12\nRUN <<EOF\nvisudo -c\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN sudo ls\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN sudo apt-get update\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 24, message: 'sudo at line 2 is not needed in a build step' }],
    },
    { name: 'after &&', code: 'FROM debian:12\nRUN echo hi && sudo rm -rf /x\n', errors: [{ line: 2, column: 16 }] },
    { name: 'ONBUILD', code: 'FROM debian:12\nONBUILD RUN sudo make install\n', errors: [{ line: 2, column: 13 }] },
    { name: 'exec form', code: 'FROM debian:12\nRUN ["sudo", "ls"]\n', errors: [{ line: 2, column: 6 }] },
    { name: 'by path behind env', code: 'FROM debian:12\nRUN env DEBIAN_FRONTEND=noninteractive /usr/bin/sudo ls\n', errors: [{ line: 2 }] },
    {
      name: 'continuation with a comment line',
      code: 'FROM debian:12\nRUN echo a \\\n# root needed\n && sudo make install\n',
      errors: [{ line: 4, column: 5 }],
    },
    {
      name: 'one finding per RUN, at the first sudo, as hadolint (01672)',
      code: 'FROM debian:12\nUSER app\nRUN sudo apt-get update && \\\n    sudo apt-get install -y x && \\\n    curl -fsSL https://x/k | sudo apt-key add -\nRUN sudo ls\n',
      errors: [
        { line: 3, column: 5, message: 'sudo at line 3 (and 2 more in this RUN) is not needed in a build step' },
        { line: 6, message: 'sudo at line 6 is not needed' },
      ],
    },
    { name: 'heredoc', code: 'FROM debian:12\nRUN <<EOF\nsudo ls\nEOF\n', errors: [{ line: 3, column: 1 }] },
  ],
});
