import rule from '../../rules/shell/quote-expansions';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'quoted', code: 'FROM debian:12\nRUN d=$(mktemp -d) && rm -rf "$d" "${d}/x"\n' },
    { name: 'ARG and ENV are declared literals, as hadolint tells ShellCheck', code: 'FROM debian:12\nARG V\nENV E=a\nRUN echo $V $E ${V}x\n' },
    { name: 'variable only ever assigned a plain literal', code: 'FROM debian:12\nRUN x=1 && y=$x.2 && echo $x $y\n' },
    { name: 'numeric specials and lengths', code: 'FROM debian:12\nRUN echo $# $? $$ $! ${#x} $((n + 1)) $UID\n' },
    { name: 'assignment, [[ ]], case, for list', code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN y=$(id) && z=$y && [[ -n $y ]] && case $y in a) ;; esac && for i in $y; do :; done\n' },
    { name: 'bash declaration values', code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN y=$(id) && export Z=$y\n' },
    { name: 'single quotes and heredoc delimiter', code: "FROM debian:12\nRUN y=$(id) && echo '$y' && cat <<$y\nhi\n$y\n" },
    { name: 'inside double quotes around a substitution', code: 'FROM debian:12\nRUN echo "$(id -u) $HOME"\n' },
    { name: '$@ is SC2068, not this rule', code: 'FROM debian:12\nRUN set -- a b && echo $@\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN echo $env:PATH\n' },
    { name: 'exec form runs no shell', code: 'FROM debian:12\nRUN ["echo", "$HOME"]\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN d=$(mktemp -d) && rm -rf $d\n',
      errors: [{ line: 2, column: 30, endLine: 2, endColumn: 32, message: '$d at line 2 is unquoted, so it is split on blanks and glob-expanded; double-quote it ("$d").' }],
    },
    { name: 'not assigned anywhere', code: 'FROM debian:12\nRUN cd $HOME && echo ${FOO:-x}\n', errors: [{ line: 2, column: 8 }, { line: 2, column: 22 }] },
    { name: 'positional and $*', code: 'FROM debian:12\nRUN echo $1 $*\n', errors: [{ line: 2, column: 10 }, { line: 2, column: 13 }] },
    { name: 'one assignment is not a plain literal', code: 'FROM debian:12\nRUN x=1; x="a b"; echo $x\n', errors: [{ line: 2, column: 24 }] },
    { name: 'loop over a split list', code: 'FROM debian:12\nARG MODS\nRUN for m in $MODS; do ls /m/$m; done\n', errors: [{ line: 3, column: 30 }] },
    { name: 'redirect target and here-string', code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN read -r f && echo x > $f && cat <<< $f\n', errors: [{ line: 3, column: 27 }, { line: 3, column: 41 }] },
    { name: 'export value under sh', code: 'FROM debian:12\nRUN y=$(id) && export Z=$y\n', errors: [{ line: 2, column: 25 }] },
    { name: 'partly quoted word', code: 'FROM debian:12\nRUN y=$(id) && echo "a"$y\n', errors: [{ line: 2, column: 24 }] },
    { name: 'inside a command substitution', code: 'FROM debian:12\nRUN y=$(id) && echo "$(echo $y)"\n', errors: [{ line: 2, column: 29 }] },
    {
      name: 'continuation lines map back',
      code: 'FROM debian:12\nRUN y=$(id) \\\n    && echo $y\n',
      errors: [{ line: 3, column: 13, endLine: 3, endColumn: 15 }],
    },
    { name: 'heredoc body', code: 'FROM debian:12\nRUN <<EOF\nd=$(mktemp -d)\nrm -rf $d\nEOF\n', errors: [{ line: 4, column: 8 }] },
  ],
});
