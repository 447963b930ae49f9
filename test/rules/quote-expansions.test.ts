import rule from '../../rules/shell/quote-expansions';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'quoted', code: 'FROM debian:12\nRUN d=$(mktemp -d) && rm -rf "$d" "${d}/x"\n' },
    { name: 'ARG and ENV are declared literals, as hadolint tells ShellCheck', code: 'FROM debian:12\nARG V\nENV E=a\nRUN echo $V $E ${V}x\n' },
    { name: 'variable only ever assigned a plain literal', code: 'FROM debian:12\nRUN x=1; y=$x.2 && echo $x $y\n' },
    { name: 'if with else assigning both ways', code: 'FROM debian:12\nRUN if a; then x=1; else x=2; fi; echo $x\n' },
    { name: 'case with a *) arm that exits', code: 'FROM debian:12\nRUN case "$(uname -m)" in x86_64) a=amd64;; *) exit 1;; esac; echo $a\n' },
    { name: 'empty first, then set in every arm', code: 'FROM debian:12\nRUN A= && case x in a) A=1;; *) A=2;; esac && echo $A\n' },
    { name: '${x:-default} is judged by x', code: 'FROM debian:12\nARG NPROC\nRUN make -j${NPROC:-$(nproc)}\n' },
    { name: 'a command name that is one expansion', code: 'FROM debian:12\nRUN $cmd a\n' },
    { name: '${x:+word} never splits', code: 'FROM debian:12\nRUN echo ${x:+--enable-x} ${y+x}\n' },
    { name: 'function analysed where it is called', code: 'FROM debian:12\nRUN f() { echo $A; }; A=1; f\n' },
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
    { name: 'assignment later in an && chain may not run', code: 'FROM debian:12\nRUN x=1 && y=$x.2 && echo $x $y\n', errors: [{ line: 2, column: 30 }], output: 'FROM debian:12\nRUN x=1 && y=$x.2 && echo $x "$y"\n' },
    { name: 'if without else', code: 'FROM debian:12\nRUN if a; then x=1; fi; echo $x\n', errors: [{ line: 2, column: 30 }] },
    { name: 'used before it is assigned', code: 'FROM debian:12\nRUN echo $A; A=1\n', errors: [{ line: 2, column: 10 }], output: 'FROM debian:12\nRUN echo "$A"; A=1\n' },
    { name: 'prefix assignment lasts for its command', code: 'FROM debian:12\nRUN A=1 make; echo $A\n', errors: [{ line: 2, column: 20 }] },
    { name: 'assigned in a subshell', code: 'FROM debian:12\nRUN (A=1); echo $A\n', errors: [{ line: 2, column: 17 }] },
    { name: 'assigned in a loop body', code: 'FROM debian:12\nRUN while x; do A=1; done; echo $A\n', errors: [{ line: 2, column: 33 }] },
    { name: 'redirection of a { } group', code: 'FROM debian:12\nRUN { echo a; } > $DIR/a.ini\n', errors: [{ line: 2, column: 19 }], output: 'FROM debian:12\nRUN { echo a; } > "$DIR"/a.ini\n' },
    { name: 'inside a command name that is more than the expansion', code: 'FROM debian:12\nRUN /opt/$m/prebuild\n', errors: [{ line: 2, column: 10 }], output: 'FROM debian:12\nRUN /opt/"$m"/prebuild\n' },
    { name: 'a value built with ${x…} is unknown', code: 'FROM debian:12\nARG V=1.2\nRUN M=${V%.*} && echo $M\n', errors: [{ line: 3, column: 23 }] },
    { name: 'assigned empty', code: 'FROM debian:12\nRUN A=; echo $A\n', errors: [{ line: 2, column: 14 }] },
    { name: '${x:-default} of an unknown variable', code: 'FROM debian:12\nRUN echo ${x:-a}\n', errors: [{ line: 2, column: 10 }], output: 'FROM debian:12\nRUN echo "${x:-a}"\n' },
    {
      code: 'FROM debian:12\nRUN d=$(mktemp -d) && rm -rf $d\n',
      errors: [{ line: 2, column: 30, endLine: 2, endColumn: 32, message: '$d at line 2 is unquoted, so it is split on blanks and glob-expanded; double-quote it ("$d").' }],
      output: 'FROM debian:12\nRUN d=$(mktemp -d) && rm -rf "$d"\n',
    },
    { name: 'not assigned anywhere', code: 'FROM debian:12\nRUN cd $HOME && echo ${FOO:-x}\n', errors: [{ line: 2, column: 8 }, { line: 2, column: 22 }] },
    { name: 'positional and $*', code: 'FROM debian:12\nRUN echo $1 $*\n', errors: [{ line: 2, column: 10 }, { line: 2, column: 13 }], output: 'FROM debian:12\nRUN echo "$1" $*\n' },
    { name: 'one assignment is not a plain literal', code: 'FROM debian:12\nRUN x=1; x="a b"; echo $x\n', errors: [{ line: 2, column: 24 }] },
    { name: 'loop over a split list', code: 'FROM debian:12\nARG MODS\nRUN for m in $MODS; do ls /m/$m; done\n', errors: [{ line: 3, column: 30 }] },
    { name: 'redirect target and here-string', code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN read -r f && echo x > $f && cat <<< $f\n', errors: [{ line: 3, column: 27 }, { line: 3, column: 41 }] },
    { name: 'export value under sh', code: 'FROM debian:12\nRUN y=$(id) && export Z=$y\n', errors: [{ line: 2, column: 25 }] },
    { name: 'partly quoted word', code: 'FROM debian:12\nRUN y=$(id) && echo "a"$y\n', errors: [{ line: 2, column: 24 }] },
    { name: 'inside a command substitution', code: 'FROM debian:12\nRUN y=$(id) && echo "$(echo $y)"\n', errors: [{ line: 2, column: 29 }], output: 'FROM debian:12\nRUN y=$(id) && echo "$(echo "$y")"\n' },
    {
      name: 'continuation lines map back',
      code: 'FROM debian:12\nRUN y=$(id) \\\n    && echo $y\n',
      errors: [{ line: 3, column: 13, endLine: 3, endColumn: 15 }],
      output: 'FROM debian:12\nRUN y=$(id) \\\n    && echo "$y"\n',
    },
    {
      name: 'the one file of cat … | gets no fix: quoted, it would be a useless cat',
      code: 'FROM debian:12\nRUN f=$(mktemp) && cat $f | sort && cat $f\n',
      errors: [{ line: 2, column: 24 }, { line: 2, column: 41 }],
      output: 'FROM debian:12\nRUN f=$(mktemp) && cat $f | sort && cat "$f"\n',
    },
    {
      name: 'an expansion broken by a continuation gets no fix',
      code: 'FROM debian:12\nRUN y=$(id) && echo ${y\\\n}\n',
      errors: [{ line: 2, column: 21 }],
      output: null,
    },
    { name: 'heredoc body', code: 'FROM debian:12\nRUN <<EOF\nd=$(mktemp -d)\nrm -rf $d\nEOF\n', errors: [{ line: 4, column: 8 }], output: 'FROM debian:12\nRUN <<EOF\nd=$(mktemp -d)\nrm -rf "$d"\nEOF\n' },
  ],
});

describe('quote-expansions fixture', () => {
  it('fixes fixtures/quote-expansions/bad.Dockerfile into fixed.Dockerfile, byte for byte (unsafe)', () => {
    const dir = join(__dirname, '../../fixtures/quote-expansions');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(findingsFor(rule, fixed)).toEqual([]);
  });
});
