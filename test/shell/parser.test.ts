import { flatten, parseShell, ShellSyntaxError } from '../../src/shell/parser';

/** Each command as `op argv…` with the operator before it (`-` for the first). */
function commands(script: string, substitutions = false): string[] {
  return flatten(parseShell(script), substitutions).map((c) => `${c.operatorBefore ?? '-'} ${c.node.argv.map((w) => w.value).join(' ')}`);
}

describe('parseShell: commands, argv and operators', () => {
  const cases: Array<[string, string, string[]]> = [
    ['&& chain', 'apt-get update && apt-get install -y curl', ['- apt-get update', '&& apt-get install -y curl']],
    ['|| ; & and pipes', 'a || b; c & d | e |& f', ['- a', '|| b', '; c', '& d', '| e', '|& f']],
    ['newlines separate', 'a\nb\n\nc', ['- a', '\n b', '\n c']],
    ['newline after && keeps &&', 'a &&\n  b', ['- a', '&& b']],
    ['quotes removed in value', `echo "a b" 'c d' e\\ f "x\\"y" $'t\\'s'`, [`- echo a b c d e f x"y t\\'s`]],
    ['nested quotes in $(...)', 'echo "$(cat "/etc/$(echo os-release)")" && true', ['- echo $(cat "/etc/$(echo os-release)")', '&& true']],
    ['substitution commands only when asked', 'V=$(uname -m) make', ['- make']],
    ['backticks', 'echo `dpkg --print-architecture`; ls', ['- echo `dpkg --print-architecture`', '; ls']],
    ['comments end at newline', 'a # not && b\nc', ['- a', '\n c']],
    ['# inside a word is not a comment', 'echo a#b', ['- echo a#b']],
    ['if/elif/else', 'if [ -f x ]; then a; elif b; then c; else d; fi && e', ['- [ -f x ]', '; a', '; b', '; c', '; d', '&& e']],
    ['for / while / until', 'for i in 1 2; do echo $i; done; while read l; do :; done < f; until x; do y; done', ['- echo $i', '; read l', '; :', '; x', '; y']],
    ['case with patterns', 'case "$(uname -m)" in x86_64|amd64) A=1 ;; arm*) B=2 ;; *) exit 1 ;; esac', ['- ', ';; ', ';; exit 1']],
    ['subshell and group', '(cd /src && make) && { echo ok; }', ['- cd /src', '&& make', '&& echo ok']],
    ['function definitions', 'f() { echo in; }; function g { echo g; }; f', ['- echo in', '; echo g', '; f']],
    ['[[ ]] and (( ))', '[[ -n "$A" && $B =~ ^(a|b)$ ]] && (( n += 1 )) && x', ['&& x'].map((s) => s.replace('&&', '-'))],
    ['heredoc inside the script', 'cat > /etc/x <<EOF\nline $(not a command)\nEOF\necho done', ['- cat', '\n echo done']],
    ['<<- strips tabs from the terminator', 'cat <<-END\n\tbody\n\tEND\nnext', ['- cat', '\n next']],
    ['assignments and export', 'A=1 B="x y" env && export C=2', ['- env', '&& export C=2']],
    ['array assignment', 'arr=(a b "c d") && echo ${arr[@]}', ['- ', '&& echo ${arr[@]}']],
    ['redirections with fds', 'make 2>&1 >/dev/null | tee log 2> err', ['- make', '| tee log']],
    ['process substitution', 'diff <(ls a) <(ls b)', ['- diff <(ls a) <(ls b)']],
    ['${...} with braces and quotes', 'echo "${A:-"}"}" ${B//\\}/x}', ['- echo ${A:-"}"} ${B//\\}/x}']],
    ['$(( )) is arithmetic', 'echo $(( 1 + (2 * 3) )) $( (cd x; pwd) )', ['- echo $(( 1 + (2 * 3) )) $( (cd x; pwd) )']],
    ['negation', '! grep -q x f && y', ['- grep -q x f', '&& y']],
    ['line continuation inside the script', 'apt-get install \\\n  curl', ['- apt-get install curl']],
  ];
  it.each(cases)('%s', (_name, script, expected) => {
    expect(commands(script)).toEqual(expected);
  });

  it('walks command substitutions when asked, marking them', () => {
    const flat = flatten(parseShell('V=$(uname -m) make "$(nproc)" `id -u`'), true);
    expect(flat.map((c) => c.node.argv.map((w) => w.value).join(' '))).toEqual(['uname -m', 'nproc', 'id -u', 'make $(nproc) `id -u`']);
    expect(flat[0]!.enclosing.map((e) => e.kind)).toEqual(['substitution']);
    expect(flat[3]!.enclosing).toEqual([]);
  });

  it('records enclosing constructs, background and negation', () => {
    const flat = flatten(parseShell('(cd /x && { make; }) & ! true; for i in a; do if x; then y; fi; done'));
    expect(flat.map((c) => c.enclosing.map((e) => e.kind).join('>'))).toEqual(['subshell', 'subshell>group', '', 'for>if', 'for>if']);
    expect(flat.map((c) => c.background)).toEqual([true, true, false, false, false]);
    expect(flat[2]!.negated).toBe(true);
  });

  it('maps word offsets into the text, also inside backticks with escapes', () => {
    const text = 'echo "a b" `printf \\`x\\` y` && ls -la';
    const flat = flatten(parseShell(text), true);
    const echo = flat.find((c) => c.node.argv[0]!.value === 'echo')!;
    for (const w of echo.node.argv) expect(text.slice(w.start, w.end)).toBe(w.raw);
    const x = flat.find((c) => c.node.argv[0]!.value === 'printf')!.node.argv[1]!;
    expect([x.raw, x.value, text.slice(x.start, x.end)]).toEqual(['`x`', '`x`', '\\`x\\`']);
    const ls = flat.find((c) => c.node.argv[0]!.value === 'ls')!;
    expect(text.slice(ls.node.start, ls.node.end)).toBe('ls -la');
    const y = flat.find((c) => c.node.argv[0]!.value === 'printf')!.node.argv[2]!;
    expect(text.slice(y.start, y.end)).toBe('y');
  });

  it('keeps redirections with their operator and target, and heredoc bodies', () => {
    const [cmd] = flatten(parseShell('cat 2>/dev/null >>out <<"EOF"\nhello\nEOF\n'));
    expect(cmd!.node.redirects.map((r) => [r.op, r.target?.value])).toEqual([
      ['2>', '/dev/null'],
      ['>>', 'out'],
      ['<<', 'EOF'],
    ]);
    const body = cmd!.node.redirects[2]!.heredoc!;
    expect('cat 2>/dev/null >>out <<"EOF"\nhello\nEOF\n'.slice(body.start, body.end)).toBe('hello\n');
  });

  it('marks literal words', () => {
    const [cmd] = flatten(parseShell(`echo plain 'q $x' $x "$(id)" *.txt ~/a`));
    expect(cmd!.node.argv.map((w) => w.literal)).toEqual([true, true, true, false, false, false, false]);
  });

  it.each([
    ['unterminated quote', 'echo "abc'],
    ['unterminated $(', 'echo $(ls'],
    ['missing fi', 'if true; then echo'],
    ['stray )', 'echo a )'],
    ['PowerShell', 'if ($x -ne 0) { exit 1 }'],
    ['cmd for loop', 'for /D %p IN ("C:\\x") DO rmdir'],
  ])('rejects %s with ShellSyntaxError', (_name, script) => {
    expect(() => parseShell(script)).toThrow(ShellSyntaxError);
  });

  it('survives deep nesting without a stack overflow', () => {
    expect(() => parseShell('( '.repeat(5000) + 'x' + ' )'.repeat(5000))).toThrow(ShellSyntaxError);
    expect(() => parseShell(`echo ${'$(echo '.repeat(5000)}x${')'.repeat(5000)}`)).toThrow(ShellSyntaxError);
    expect(commands('(('.repeat(50) + '1' + '))'.repeat(50))).toEqual([]);
  });
});
