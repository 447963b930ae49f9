import { applyEdits } from '../../src/fix';
import { continuationStyle, mergeRuns, runsInOrder } from '../../src/fix/mergeRuns';
import { parseDockerfile } from '../../src/parse';
import { parseScript } from '../../src/shell';

/** Merges the instructions at `at` and `at + 1` of `text` (LF lines): the merged text, or the reason there is none. */
function merge(lines: string[], at = 1): string {
  const text = `${lines.join('\n')}\n`;
  const ast = parseDockerfile(text);
  const plan = mergeRuns(ast, ast.instructions[at]!, ast.instructions[at + 1]!);
  return 'edits' in plan ? applyEdits(text, [plan.edits]).text : `no merge: ${plan.reason}`;
}
const FROM = 'FROM debian:12.5';

describe('mergeRuns: operators keep their meaning', () => {
  it('groups `a || b` before `&& c`', () => expect(merge([FROM, 'RUN a || b', 'RUN c'])).toBe(`${FROM}\nRUN { a || b; } \\\n && c\n`));
  it('groups `a; b` before `&& c`: the first RUN failed only when b failed', () =>
    expect(merge([FROM, 'RUN a; b', 'RUN c'])).toBe(`${FROM}\nRUN { a; b; } \\\n && c\n`));
  it('a subshell both groups and isolates `cd x; make`', () => expect(merge([FROM, 'RUN cd x; make', 'RUN c'])).toBe(`${FROM}\nRUN (cd x; make) \\\n && c\n`));
  it('needs nothing around `a && b`', () => expect(merge([FROM, 'RUN a && b', 'RUN c'])).toBe(`${FROM}\nRUN a && b \\\n && c\n`));
  it('groups a second RUN `c; d`', () => expect(merge([FROM, 'RUN a', 'RUN c; d'])).toBe(`${FROM}\nRUN a \\\n && { c; d; }\n`));
  it('groups a second RUN `c || d`, dropping its trailing `;`', () => expect(merge([FROM, 'RUN a', 'RUN c || d;'])).toBe(`${FROM}\nRUN a \\\n && { c || d; }\n`));
  it('keeps a pipeline as it is', () => expect(merge([FROM, 'RUN a | b', 'RUN c'])).toBe(`${FROM}\nRUN a | b \\\n && c\n`));
  it('keeps a negation', () => expect(merge([FROM, 'RUN ! grep -q x f', 'RUN c'])).toBe(`${FROM}\nRUN ! grep -q x f \\\n && c\n`));
  it('wraps a read in a while loop (its variable would leak)', () =>
    expect(merge([FROM, 'RUN while read l; do echo "$l"; done < f', 'RUN c'])).toBe(`${FROM}\nRUN (while read l; do echo "$l"; done < f) \\\n && c\n`));
  it('wraps printf -v', () => expect(merge([FROM, 'RUN printf -v x %s 1', 'RUN c'])).toBe(`${FROM}\nRUN (printf -v x %s 1) \\\n && c\n`));
  it('wraps an assignment before a special builtin', () => expect(merge([FROM, 'RUN X=1 :', 'RUN c'])).toBe(`${FROM}\nRUN (X=1 :) \\\n && c\n`));
  it('leaves an assignment before an ordinary command alone', () =>
    expect(merge([FROM, 'RUN DEBIAN_FRONTEND=noninteractive apt-get update', 'RUN c'])).toBe(`${FROM}\nRUN DEBIAN_FRONTEND=noninteractive apt-get update \\\n && c\n`));
  it('leaves a cd inside a command substitution alone', () =>
    expect(merge([FROM, 'RUN echo "$(cd /x && pwd)"', 'RUN c'])).toBe(`${FROM}\nRUN echo "$(cd /x && pwd)" \\\n && c\n`));
  it('keeps comment lines between the RUNs inside the continuation and drops blank lines', () =>
    expect(merge([FROM, 'RUN a', '', '  # why b', '', 'RUN b'])).toBe(`${FROM}\nRUN a \\\n  # why b\n && b\n`));
  it('writes CRLF when the file does', () => {
    const text = `${FROM}\r\nRUN a\r\nRUN b\r\n`;
    const ast = parseDockerfile(text);
    const plan = mergeRuns(ast, ast.instructions[1]!, ast.instructions[2]!);
    expect('edits' in plan && applyEdits(text, [plan.edits]).text).toBe(`${FROM}\r\nRUN a \\\r\n && b\r\n`);
  });
});

describe('mergeRuns: what does not merge', () => {
  it.each([
    ['exec form', [FROM, 'RUN ["a"]', 'RUN b'], 'exec-form'],
    ['heredoc', [FROM, 'RUN <<EOF', 'a', 'EOF', 'RUN b'], 'heredoc'],
    ['different flags', [FROM, 'RUN --network=none a', 'RUN b'], 'different flags'],
    ['ONBUILD', [FROM, 'ONBUILD RUN a', 'ONBUILD RUN b'], 'only RUN'],
    ['a suppression comment between', [FROM, 'RUN a', '# dfopt-disable-next-line chain-run', 'RUN b'], 'suppression'],
    ['an instruction between', [FROM, 'RUN a', 'ENV X=1', 'RUN b'], 'only RUN'],
    ['a background job inside a group', [FROM, 'RUN { a & }', 'RUN b'], 'background'],
    ['a background job in a substitution', [FROM, 'RUN echo $(a &)', 'RUN b'], 'background'],
    ['sudo service', [FROM, 'RUN sudo service redis start', 'RUN b'], 'service'],
    ['an init script', [FROM, 'RUN /etc/init.d/mysql start', 'RUN b'], 'service'],
    ['a trailing comment after the first RUN', [FROM, 'RUN a # b', 'RUN c'], 'shell comment'],
    ['a trailing comment after a second RUN that needs a group', [FROM, 'RUN a', 'RUN c || d # e'], 'second RUN'],
    ['a suppression above the first RUN', [FROM, '# dfopt-disable-next-line no-sudo', 'RUN sudo a', 'RUN b'], 'suppression'],
    ['a comment among the second RUN\'s flags', [FROM, 'RUN --network=none --mount=type=tmpfs,target=/t a', 'RUN --network=none \\', '# why', '  --mount=type=tmpfs,target=/t b'], 'flags'],
    ['a first RUN the shell parser rejects', [FROM, 'RUN a )', 'RUN b'], 'parser'],
  ])('%s', (_name, lines, reason) => {
    const text = `${lines.join('\n')}\n`;
    const ast = parseDockerfile(text);
    const plan = mergeRuns(ast, ast.instructions[1]!, ast.instructions[2]!);
    expect('reason' in plan && plan.reason).toContain(reason);
  });
});

describe('continuationStyle', () => {
  const style = (...lines: string[]) => continuationStyle(parseDockerfile(`${lines.join('\n')}\n`));
  it('defaults to ` && ` with one space', () => expect(style(FROM, 'RUN a')).toEqual({ operatorFirst: true, indent: ' ' }));
  it('takes the most common leading `&&` indentation', () =>
    expect(style(FROM, 'RUN a \\', '    && b \\', '    && c', 'RUN d \\', '\t&& e')).toEqual({ operatorFirst: true, indent: '    ' }));
  it('takes trailing `&&` when the file uses it more', () =>
    expect(style(FROM, 'RUN a && \\', '  b && \\', '  c', 'RUN d \\', ' && e')).toEqual({ operatorFirst: false, indent: '  ' }));
  it('falls back to the indentation of other continuation lines', () =>
    expect(style(FROM, 'RUN apt-get install -y \\', '      curl \\', '      # why', '      git')).toEqual({ operatorFirst: true, indent: '      ' }));
  it('reads ONBUILD RUN too and the escape directive', () =>
    expect(style('# escape=`', FROM, 'ONBUILD RUN a && `', '   b')).toEqual({ operatorFirst: false, indent: '   ' }));
});

describe('mergeRuns: the later RUN\'s lines stay as they are', () => {
  it('joins onto a bare `RUN \\` line with the file\'s trailing `&&` style', () =>
    expect(merge([FROM, 'RUN a && \\', '  b', 'RUN c', 'RUN \\', '  # why', '  d'], 2)).toBe(`${FROM}\nRUN a && \\\n  b\nRUN c && \\\n  # why\n  d\n`));
  it('keeps a bare `RUN \\` line with leading `&&`', () =>
    expect(merge([FROM, 'RUN c', 'RUN \\', '  d'])).toBe(`${FROM}\nRUN c \\\n  && \\\n  d\n`));
});

describe('runsInOrder: the check every merge passes before it is offered', () => {
  const commands = (script: string) => parseScript(script).commands;
  const check = (merged: string, first: string, second: string) => runsInOrder(merged, commands(first), commands(second));
  it('accepts one `&&` chain of both RUNs\' commands in order', () => {
    expect(check('a x && b y', 'a x', 'b y')).toBe(true);
    expect(check('{ a; b; } && (cd /x) && { c || d; }', 'a; b', '(cd /x) && { c || d; }')).toBe(true);
  });
  it('rejects another operator at the top level', () => {
    expect(check('a || b', 'a', 'b')).toBe(false);
    expect(check('a; b', 'a', 'b')).toBe(false);
    expect(check('a && b | c', 'a', 'b | c')).toBe(true);
  });
  it('rejects a chain left in the background', () => expect(check('a && b &', 'a', 'b')).toBe(false));
  it('rejects other words, order or count', () => {
    expect(check('a && b', 'b', 'a')).toBe(false);
    expect(check('a && "b c"', 'a', 'b c')).toBe(false);
    expect(check('a && b', 'a', 'b && c')).toBe(false);
    expect(check('a && b && c', 'a', 'b')).toBe(false);
  });
  it('rejects text the shell parser refuses', () => expect(check('a && (b', 'a', 'b')).toBe(false));
});
