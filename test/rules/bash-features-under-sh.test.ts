import rule from '../../rules/shell/bash-features-under-sh';
import { lint, RuleRegistry } from '../../src';
import { runRuleTests } from '../support/ruleTester';

const sh = (script: string) => `FROM debian:12\nRUN ${script}\n`;

runRuleTests(rule, {
  valid: [
    { name: 'POSIX sh', code: sh('[ "$a" = b ] && echo "$((1 + 2))" ${x:-1} ${x%.*} ${#x} \'{a,b}\' "{a,b}" {a} && set -eu && printf "%s" x') },
    { name: 'bash after SHELL', code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN [[ -d /a ]] && mkdir -p /a/{b,c} && local x && echo -e a &> /dev/null\n' },
    { name: 'test with == is not [', code: sh('test a == b') },
    { name: 'echo flag quoted as an argument later', code: sh('echo a -e') },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN echo {a,b}\n' },
    { name: 'set -o without pipefail', code: sh('set -o errexit') },
  ],
  invalid: [
    {
      code: sh('[[ -d /a ]]'),
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 7, message: '[[ … ]] at line 2 is bash syntax, but this RUN runs under /bin/sh; write POSIX sh or set SHELL to bash.' }],
    },
    { name: 'SC3009 brace expansion', code: sh('mkdir -p /a/{b,c} x{1..3}'), errors: [{ line: 2, column: 17 }, { line: 2, column: 24 }] },
    { name: 'SC3043 local', code: sh('f() { local x=1; echo "$x"; } && f'), errors: [{ line: 2, column: 11 }] },
    { name: 'SC3044 declare and pushd', code: sh('declare -a y && pushd /tmp'), errors: [{ line: 2, column: 5 }, { line: 2, column: 21 }] },
    { name: 'SC3037 echo flags', code: sh('echo -n a && echo "-e" b'), errors: [{ line: 2, column: 10 }, { line: 2, column: 23 }] },
    { name: 'SC3014 == in [', code: sh('[ "$a" == b ]'), errors: [{ line: 2, column: 12 }] },
    { name: 'SC3040 pipefail', code: sh('set -eo pipefail'), errors: [{ line: 2, column: 13 }] },
    { name: 'SC3020 and SC3011', code: sh('cat &> /dev/null <<< a'), errors: [{ line: 2, column: 9 }, { line: 2, column: 22 }] },
    { name: 'SC3057 SC3060 SC3059 SC3053', code: sh('echo ${x:1} ${x/a/b} ${x^^} ${!x}'), errors: [{ line: 2, column: 10 }, { line: 2, column: 17 }, { line: 2, column: 26 }, { line: 2, column: 33 }] },
    { name: 'SC3001 SC3003 SC3046', code: sh("diff <(ls) $'a' && source /x"), errors: [{ line: 2, column: 10 }, { line: 2, column: 16 }, { line: 2, column: 24 }] },
    { name: 'SC3006 SC3029 SC3047', code: sh("((x = 1)) && ls |& cat && trap 'x' ERR"), errors: [{ line: 2, column: 5 }, { line: 2, column: 21 }, { line: 2, column: 40 }] },
    { name: 'heredoc body', code: 'FROM debian:12\nRUN <<EOF\nset -e\n[[ -d /a ]]\nEOF\n', errors: [{ line: 4, column: 1 }] },
  ],
});

describe('bash-features-under-sh codes', () => {
  const registry = new RuleRegistry([rule]);
  const codes = (text: string, rules: Record<string, 'off' | 'warning'> = {}) =>
    lint(text, { registry, config: { rules: { 'bash-features-under-sh': 'warning', ...rules } } }).findings.map((f) => f.code);

  it('gives each finding its own SC code, so one code can be turned off or ignored alone', () => {
    const text = sh('[[ -d /a ]] && local x');
    expect(codes(text)).toEqual(['SC3010', 'SC3043']);
    expect(codes(text, { SC3010: 'off' })).toEqual(['SC3043']);
    expect(codes(`FROM debian:12\n# hadolint ignore=SC3043\nRUN [[ -d /a ]] && local x\n`)).toEqual(['SC3010']);
  });
});
