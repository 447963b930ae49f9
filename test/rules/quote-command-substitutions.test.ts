import rule from '../../rules/shell/quote-command-substitutions';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'quoted', code: 'FROM debian:12\nRUN mkdir -p "$(dirname /a/b)" "a`id -u`"\n' },
    { name: 'assignment and for list', code: 'FROM debian:12\nRUN d=$(id -u) && for f in $(ls /); do echo "$f"; done\n' },
    { name: 'command name', code: 'FROM debian:12\nRUN $(command -v python3) -V\n' },
    { name: '[[ ]] and case', code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN [[ $(id -u) = 0 ]] && case $(uname -m) in x86_64) ;; esac\n' },
    { name: 'bash export value', code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN export A=$(id -u)\n' },
    { name: 'comment in backticks', code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl `# for the probe`\n' },
    { name: 'arithmetic', code: 'FROM debian:12\nRUN echo $((1 + 2))\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN mkdir -p $(dirname /a/b)\n',
      errors: [{ line: 2, column: 14, endLine: 2, endColumn: 29, message: 'The command substitution at line 2 is unquoted, so its output is split on blanks and glob-expanded; double-quote it unless each word is meant as its own argument.' }],
    },
    { name: 'backticks', code: 'FROM debian:12\nRUN chown app `id -g`\n', errors: [{ line: 2, column: 15, endColumn: 22 }] },
    { name: 'part of a word', code: 'FROM debian:12\nRUN ls /opt/app-$(cat /V)\n', errors: [{ line: 2, column: 17 }] },
    { name: 'export value under sh', code: 'FROM debian:12\nRUN export A=$(id -u)\n', errors: [{ line: 2, column: 14 }] },
    { name: 'test operand and redirect', code: 'FROM debian:12\nRUN [ $(id -u) = 0 ] && echo > $(mktemp)\n', errors: [{ line: 2, column: 7 }, { line: 2, column: 32 }] },
    { name: 'nested in a quoted substitution', code: 'FROM debian:12\nRUN echo "$(ls $(pwd))"\n', errors: [{ line: 2, column: 16 }] },
    { name: 'continuation', code: 'FROM debian:12\nRUN true \\\n  && ls $(pwd)\n', errors: [{ line: 3, column: 9 }] },
  ],
});
