import { fixText } from '../../src/fix';
import { createDefaultRegistry, lintText, parseDockerfile } from '../../src';

// Issue 18, defect 1: dockerfile-ast counts a lone `\r` as a line break while BuildKit (and our SourceText) split
// lines on `\n` only, so every position after a lone `\r` drifted by a line and fixes landed in comments.
const fix = (text: string, unsafe = false) => fixText(text, { registry: createDefaultRegistry(), config: {}, unsafe });
const commentLines = (text: string) => text.split('\n').filter((l) => /^\s*#/.test(l));

describe('lone carriage return', () => {
  it('a safe fix leaves the comment after a lone \\r untouched (the fuzz reproducer)', () => {
    const input = 'FROM alpine:3.19\r \nLABEL maintainer="x"\n\n# Disable remote checks\nENV A=1\n';
    const result = fix(input);
    expect(commentLines(result.output)).toEqual(['# Disable remote checks']);
    expect(result.output).toBe(input);
  });

  it('positions after a lone \\r are on the line BuildKit counts', () => {
    const ast = parseDockerfile('FROM alpine:3.19\r \nLABEL a b\n\n# c\nENV A=1\n');
    expect(ast.instructions.map((i) => [i.keyword, i.range.start.line])).toEqual([
      ['FROM', 0],
      ['LABEL', 1],
      ['ENV', 4],
    ]);
    expect(ast.comments.map((c) => [c.content, c.range.start.line])).toEqual([['c', 3]]);
  });

  it('fixes the legacy LABEL after a lone \\r at its own line', () => {
    const input = 'FROM alpine:3.19\r \nLABEL a b\n# keep\nENV A=1\n';
    expect(fix(input).output).toBe('FROM alpine:3.19\r \nLABEL a="b"\n# keep\nENV A=1\n');
  });

  it('`RUN echo a\\rb` is one instruction, not a syntax error', () => {
    const result = lintText('FROM alpine:3.19\nRUN echo a\rb\n');
    expect(result.ast).not.toBeNull();
    expect(result.ast!.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN']);
    expect(result.findings.filter((f) => f.ruleId === 'syntax-error')).toEqual([]);
  });

  it('a \\r between an escape and the newline ends the continuation, as in BuildKit', () => {
    // BuildKit trims trailing \r\n only, then looks for `\` followed by spaces/tabs: `\\\r \n` does not continue.
    const ast = parseDockerfile('FROM alpine:3.19\nRUN echo a \\\r \nRUN echo b\n');
    expect(ast.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'RUN']);
    // ...while `\r` runs right before the newline are trimmed, so this one does continue.
    const joined = parseDockerfile('FROM alpine:3.19\nRUN echo a \\\r\r\n  b\n');
    expect(joined.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN']);
    expect(joined.instructions[1]!.argsText.text).toBe('echo a   b');
  });

  it.each([
    ['lone CR mid-line', 'FROM alpine:3.19\nRUN apk add curl\r# x\nRUN apk add git\n# keep\nMAINTAINER me\n'],
    ['CR CR LF', 'FROM alpine:3.19\r\r\nRUN apk add curl\r\n# keep\r\nRUN apk add git\r\nMAINTAINER me\r\n'],
    ['lone CR in a comment', 'FROM alpine:3.19\n# a\rb\nrun apk add curl\n# keep\nMAINTAINER me\n'],
  ])('%s: fix --unsafe keeps every comment and settles', (_name, input) => {
    for (const unsafe of [false, true]) {
      const first = fix(input, unsafe);
      expect(first.parsed).toBe(true);
      expect(first.brokenPass).toBeUndefined();
      for (const c of commentLines(input)) expect(commentLines(first.output)).toContain(c);
      expect(fix(first.output, unsafe).output).toBe(first.output);
    }
  });
});
