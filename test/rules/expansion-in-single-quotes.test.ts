import rule from '../../rules/shell/expansion-in-single-quotes';
import { runRuleTests } from '../support/ruleTester';

const run = (script: string) => `FROM debian:12\nRUN ${script}\n`;

runRuleTests(rule, {
  valid: [
    { name: 'double quotes', code: run('echo "$HOME"') },
    { name: 'no expansion inside', code: run("echo 'cost: 5$' 'a$' '$-' '$ x'") },
    { name: 'awk and perl code', code: run("awk '{print $1}' f && gawk '{print $2}' f && perl -ne 'print $_' f") },
    { name: 'code for another shell', code: run("sh -c 'echo $0' && bash -c 'echo $HOME' && eval 'echo $1' && sudo sh -c 'ls $HOME'") },
    { name: "sed's own $", code: run("sed -i '$d' f && sed -n '$p' f && sed '${/x/d}' f") },
    { name: 'find -exec sh', code: run("find . -exec sh -c 'echo $1' _ {} \\;") },
    { name: 'prompt assignment', code: run("PS1='$PWD \\$ ' && export PS1") },
    { name: 'single quote inside double quotes', code: run('echo "it\'s $HOME"') },
  ],
  invalid: [
    {
      code: run("echo '$HOME' > /f"),
      errors: [{ line: 2, column: 10, endLine: 2, endColumn: 17, message: 'The single-quoted string at line 2 contains an expansion the shell will not perform; use double quotes if it should be substituted.' }],
    },
    { name: 'command substitution and backticks', code: run("echo '$(id)' 'a `id` b'"), errors: [{ line: 2, column: 10 }, { line: 2, column: 18 }] },
    { name: 'sed with a real variable', code: run("sed -i 's/$VERSION/x/' f"), errors: [{ line: 2, column: 12 }] },
    { name: 'find -exec echo', code: run("find . -exec echo '$1' {} +"), errors: [{ line: 2, column: 23 }] },
    { name: 'assignment', code: run("X='$HOME/bin'"), errors: [{ line: 2, column: 7 }] },
    { name: 'env in front of sh is not sh', code: run("env A=1 sh -c 'x' && echo '${A}'"), errors: [{ line: 2, column: 31 }] },
    { name: 'heredoc body', code: "FROM debian:12\nRUN <<EOF\necho '$HOME'\nEOF\n", errors: [{ line: 3, column: 6 }] },
  ],
});
