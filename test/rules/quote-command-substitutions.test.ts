import rule from '../../rules/shell/quote-command-substitutions';
import { type DfoptConfig, lintText } from '../../src';
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
    ...[
      'make -j$(nproc) && make -j $(getconf _NPROCESSORS_ONLN) -l `nproc --ignore=1`',
      'chown $(id -u):$(id -g) /srv && echo $(whoami) `arch`',
      'echo $(uname -m) $(uname -r) $(dpkg --print-architecture) $(apk --print-arch) $(dpkg-architecture -qDEB_HOST_MULTIARCH)',
      'echo $(date +%s) `date -u +%Y-%m-%dT%H:%M:%SZ` $(lsb_release -cs) $(lsb_release -s -c) $(go env GOARCH)',
      'dnf install -y https://example.com/epel-$(rpm -E %rhel).rpm && echo $(TARGETPLATFORM= xx-info) $(xx-clang --print-target-triple)',
      'echo $(git rev-parse --short HEAD) $(nproc 2>/dev/null || sysctl -n hw.ncpu || echo 1)',
      './configure $(test "$arch" != riscv64 && echo --with-lto) $([ "$a" = armhf ] || echo tshark)',
    ].map((run) => ({ name: `allowSingleWordCommands: ${run}`, code: `FROM debian:12\nRUN ${run}\n`, options: { allowSingleWordCommands: true } })),
    {
      name: 'allowSplitIntoDeclarations: export $(cmd) (01844)',
      code: "FROM debian:12\nRUN export $(curl -fsSL https://example.com/meta | grep 'sig:' | sed -e 's/: /=/') && export A=1 `cat env` B=2\n",
      options: { allowSplitIntoDeclarations: true },
    },
    { name: 'allowSplitIntoDeclarations: bash declare/local/readonly', code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN declare -x $(cat .env) && readonly $(env | grep ^APP_)\n', options: { allowSplitIntoDeclarations: true } },
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
    { name: 'one-word commands by default, as ShellCheck', code: 'FROM debian:12\nRUN make -j$(nproc) && chown $(id -u) /srv\n', errors: [{ line: 2, column: 12 }, { line: 2, column: 30 }] },
    {
      name: 'allowSplitIntoDeclarations still flags a part of a word and other commands',
      code: 'FROM debian:12\nRUN export A=$(cat /a) PATH=/x:$(pwd) && echo $(cat .env) && export "$(cat .env)" $(cat x)/y\n',
      options: { allowSplitIntoDeclarations: true },
      errors: [{ line: 2, column: 14 }, { line: 2, column: 32 }, { line: 2, column: 47 }, { line: 2, column: 83 }],
    },
    ...[
      ['a path can hold a blank', 'cd $(pwd) && ls $(which node)', [8, 21]],
      ['words without a blank but more than one command printing', 'echo $(nproc && nproc) $(uname -m; uname -r)', [10, 28]],
      ['a pipeline', 'echo $(uname -m | tr a-z A-Z)', [10]],
      ['other arguments: the kernel version, a date with blanks, the lsb description', 'echo $(uname -v) $(date +%c) $(date "+%d %b") $(lsb_release -ds) $(date +%_H)', [10, 22, 34, 51, 70]],
      ['an expansion in the arguments', 'echo $(id -u "$user") $(echo $v) $(getconf GNU_LIBC_VERSION)', [10, 27, 38]],
      ['echo of a glob or of two words', 'echo $([ -n "$a" ] && echo *.txt) $(true && echo a b)', [10, 39]],
      ['output redirected from stderr to stdout', 'echo $(nproc 2>&1) $(uname -m >&2)', [10, 24]],
      // Command names were once looked up in a plain object, where these found Object.prototype's members.
      ["commands named as Object.prototype's members", 'echo $(constructor) $(toString)', [10, 25]],
    ].map(([name, run, columns]) => ({
      name: `allowSingleWordCommands still flags ${name as string}`,
      code: `FROM debian:12\nRUN ${run as string}\n`,
      options: { allowSingleWordCommands: true },
      errors: (columns as number[]).map((column) => ({ line: 2, column })),
    })),
  ],
});

describe('quote-command-substitutions per preset', () => {
  const text = 'FROM debian:12\nRUN make -j$(nproc) install PREFIX=/opt && cp $(find /src -name "*.conf") /etc/app/\n';
  const columns = (config: DfoptConfig) =>
    lintText(text, config).findings.filter((f) => f.ruleId === 'quote-command-substitutions').map((f) => f.range.start.column + 1);

  it('recommended skips the one-word $(nproc) and keeps the list of paths', () => {
    expect(columns({})).toEqual([47]);
  });

  it.each(['strict', 'all', 'hadolint'] as const)('%s flags both, as ShellCheck SC2046 does', (preset) => {
    expect(columns({ extends: preset })).toEqual([12, 47]);
  });

  it('recommended skips export $(cmd); strict flags it, as ShellCheck does', () => {
    const exp = 'FROM debian:12\nRUN export $(cat /etc/app.env | xargs)\n';
    const count = (config: DfoptConfig) => lintText(exp, config).findings.filter((f) => f.ruleId === 'quote-command-substitutions').length;
    expect([count({}), count({ extends: 'strict' }), count({ extends: 'hadolint' })]).toEqual([0, 1, 1]);
  });

  it('allowSingleWordCommands: false in rules brings the ShellCheck behaviour back under recommended', () => {
    expect(columns({ rules: { SC2046: ['warning', { allowSingleWordCommands: false }] } })).toEqual([12, 47]);
  });
});
