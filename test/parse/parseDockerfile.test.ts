import { lint } from '../../src';
import { DockerfileParseError, parseDockerfile } from '../../src/parse';

const pos = (p: { line: number; column: number }) => ({ line: p.line, column: p.column });

describe('parseDockerfile', () => {
  it('reads every instruction with keyword, words and exact ranges', () => {
    const text = 'FROM alpine:3.20 AS base\nrun echo hi\nCOPY --from=base --chown=1:1 /a /b\n';
    const ast = parseDockerfile(text);
    expect(ast.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'COPY']);
    const [from, run, copy] = ast.instructions;
    expect(from!.words.map((w) => w.value)).toEqual(['alpine:3.20', 'AS', 'base']);
    expect(run!.keywordText).toBe('run');
    expect(pos(copy!.range.start)).toEqual({ line: 2, column: 0 });
    expect(copy!.flags.map((f) => [f.name, f.value])).toEqual([
      ['from', 'base'],
      ['chown', '1:1'],
    ]);
    const chown = copy!.flag('chown')!;
    expect(text.slice(chown.range.start.offset, chown.range.end.offset)).toBe('--chown=1:1');
    expect(text.slice(chown.valueRange!.start.offset, chown.valueRange!.end.offset)).toBe('1:1');
    expect(copy!.words.map((w) => text.slice(w.range.start.offset, w.range.end.offset))).toEqual(['/a', '/b']);
  });

  // Words are made when first read, from the instruction's own lines: their positions must be the document's.
  it.each([
    ['continuation lines', 'FROM alpine\nCOPY --chown=1:1 \\\n  a \\\n  # a comment\n  b \\\n  /dst/\nRUN apt-get install \\\n    curl\n'],
    ['CRLF and a BOM', '\uFEFFFROM alpine\r\nENV A=1 \\\r\n    B="two words"\r\nLABEL x=1\r\n'],
    ['a backtick escape and a heredoc', '# escape=`\nFROM alpine\nCOPY <<EOF `\n  /out\nbody\nEOF\nWORKDIR /a`\n/b\n'],
  ])('gives words the positions of the document: %s', (_name, text) => {
    const ast = parseDockerfile(text);
    const words = ast.instructions.flatMap((i) => i.words);
    expect(words.length).toBeGreaterThanOrEqual(3);
    for (const w of words) {
      expect(w.range.start).toEqual(ast.source.positionAt(w.range.start.offset));
      expect(w.range.end).toEqual(ast.source.positionAt(w.range.end.offset));
      expect(ast.source.slice(w.range).replace(/\\\r?\n\s*|`\r?\n/g, '')).toContain(w.value.replace(/\\\r?\n\s*/g, ''));
    }
  });

  it('serialises a node with its words, in the order of its fields', () => {
    const [from] = parseDockerfile('FROM alpine:3.20 AS base\n').instructions;
    const json = JSON.parse(JSON.stringify(from)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['type', 'index', 'keyword', 'keywordText', 'keywordRange', 'range', 'flags', 'words', 'argsText', 'execForm', 'heredocs', 'trigger']);
    expect((json.words as Array<{ value: string }>).map((w) => w.value)).toEqual(['alpine:3.20', 'AS', 'base']);
  });

  it('parses --mount, --network, --platform and --link flags, including flags without a value', () => {
    const ast = parseDockerfile(
      'FROM --platform=$BUILDPLATFORM golang:1.23\nRUN --mount=type=cache,target=/root/.cache --network=none go build\nCOPY --link --chmod=755 a /b\n',
    );
    expect(ast.instructions[0]!.flag('platform')!.value).toBe('$BUILDPLATFORM');
    expect(ast.instructions[1]!.flags.map((f) => f.name)).toEqual(['mount', 'network']);
    expect(ast.instructions[1]!.argsText.text).toBe('go build');
    expect(ast.instructions[2]!.flag('link')).toMatchObject({ name: 'link', value: null });
    expect(ast.instructions[2]!.flag('chmod')!.value).toBe('755');
  });

  it.each([
    ['only flags', 'RUN --network=none --security=insecure\n', ['network', 'security'], ''],
    ['flags, then a word with -- inside', 'RUN --network=none a--b --c\n', ['network'], 'a--b --c'],
    ['a quoted word that looks like a flag is an argument', 'RUN "--network=none" x\n', [], '"--network=none" x'],
    ['flags after the first argument are arguments', 'COPY a --chown=1 /b\n', [], 'a --chown=1 /b'],
    ['a long RUN', `RUN --mount=type=cache,target=/c ${Array.from({ length: 300 }, (_, i) => `w${i}`).join(' ')}\n`, ['mount'], Array.from({ length: 300 }, (_, i) => `w${i}`).join(' ')],
  ])('reads the flags up to the first argument: %s', (_name, line, flags, args) => {
    const instruction = parseDockerfile(`FROM a:1\n${line}`).instructions[1]!;
    expect(instruction.flags.map((f) => f.name)).toEqual(flags);
    expect(instruction.argsText.text).toBe(args);
    expect(instruction.words.map((w) => w.value)).toEqual(args === '' ? [] : args.split(' '));
  });

  it('tells exec form from shell form the way Docker does', () => {
    const ast = parseDockerfile('FROM a:1\nCMD ["node", "app.js"]\nCMD [node, app.js]\nENTRYPOINT exec node\nSHELL ["pwsh", "-c"]\n');
    expect(ast.instructions.map((i) => i.execForm)).toEqual([null, ['node', 'app.js'], null, null, ['pwsh', '-c']]);
  });

  it('joins continuations, dropping comment and blank lines inside them, and maps offsets back', () => {
    const text = 'FROM a:1\nRUN apt-get update \\\n  # install curl\n\n  && apt-get install -y curl\n';
    const run = parseDockerfile(text).instructions[1]!;
    expect(run.argsText.text).toBe('apt-get update   && apt-get install -y curl');
    const i = run.argsText.text.indexOf('curl');
    expect(text.slice(run.argsText.sourceOffsets[i], run.argsText.sourceOffsets[i]! + 4)).toBe('curl');
    expect(run.range.end.line).toBe(4);
  });

  it('handles heredocs: several per instruction, <<- and quoted delimiters', () => {
    const text = 'FROM a:1\nRUN <<-EOT bash && cat <<"DATA" > /x\n\techo hi\n\tEOT\n$HOME stays\nDATA\nCMD ["x"]\n';
    const ast = parseDockerfile(text);
    const run = ast.instructions[1]!;
    expect(run.heredocs.map((h) => [h.name, h.stripTabs, h.quoted, h.content])).toEqual([
      ['EOT', true, false, '\techo hi'],
      ['DATA', false, true, '$HOME stays'],
    ]);
    expect(run.argsText.text).toBe('<<-EOT bash && cat <<"DATA" > /x');
    expect(run.range.end.line).toBe(5);
    expect(ast.instructions[2]!.keyword).toBe('CMD');
  });

  it('reads parser directives: syntax, escape (backtick) and check', () => {
    const text = '# syntax=docker/dockerfile:1\n# escape=`\n# check=skip=JSONArgsRecommended\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir `\n    c:\\\n';
    const ast = parseDockerfile(text);
    expect(ast.escapeChar).toBe('`');
    expect(ast.directives.map((d) => [d.name, d.value])).toEqual([
      ['syntax', 'docker/dockerfile:1'],
      ['escape', '`'],
      ['check', 'skip=JSONArgsRecommended'],
    ]);
    expect(ast.instructions[1]!.argsText.text).toBe('dir     c:\\');
  });

  it('keeps CRLF and a UTF-8 BOM in the source while ranges stay exact', () => {
    const text = '\uFEFFFROM alpine:3.20\r\nRUN echo a \\\r\n  b\r\n';
    const ast = parseDockerfile(text);
    expect(ast.source.hasBom).toBe(true);
    expect(ast.source.eol).toBe('\r\n');
    const run = ast.instructions[1]!;
    expect(run.argsText.text).toBe('echo a   b');
    expect(pos(run.range.start)).toEqual({ line: 1, column: 0 });
    expect(ast.source.slice(run.range)).toBe('RUN echo a \\\r\n  b');
    const from = ast.instructions[0]!;
    expect(ast.source.slice(from.words[0]!.range)).toBe('alpine:3.20');
  });

  it('reads unknown top-of-file key=value lines as comments, as BuildKit does', () => {
    const ast = parseDockerfile('# hadolint ignore=DL3006\n# check=skip=all\nFROM a\n');
    expect(ast.directives.map((d) => d.name)).toEqual(['check']);
    expect(ast.comments.map((c) => [c.content, c.range.start.line, c.range.start.column])).toEqual([['hadolint ignore=DL3006', 0, 0]]);
  });

  it('collects comments, including those inside continuations', () => {
    const ast = parseDockerfile('# top\nFROM a:1\nRUN a \\\n# inner\n  b\n');
    expect(ast.comments.map((c) => [c.content, c.range.start.line])).toEqual([
      ['top', 0],
      ['inner', 3],
    ]);
  });

  it('parses ONBUILD triggers', () => {
    const onbuild = parseDockerfile('FROM a:1\nONBUILD RUN make\n').instructions[1]!;
    expect(onbuild.trigger).toMatchObject({ keyword: 'RUN' });
    expect(onbuild.trigger!.argsText.text).toBe('make');
  });

  it.each([
    ['ONBUILD', 'FROM a:1\nONBUILD ONBUILD RUN x\n'],
    ['FROM', 'FROM a:1\nONBUILD FROM b\n'],
    ['MAINTAINER', 'FROM a:1\nONBUILD MAINTAINER me\n'],
  ])('parses the forbidden trigger ONBUILD %s (valid-onbuild-trigger reports it)', (keyword, text) => {
    const ast = parseDockerfile(text);
    expect(ast.instructions).toHaveLength(2);
    expect(ast.instructions[1]!.trigger).toMatchObject({ keyword });
  });

  it.each([
    ['an unknown instruction', 'FROM a:1\nRUNN echo\n', 2, /unknown instruction 'RUNN'/],
    ['FROM without an image', 'FROM\n', 1, /FROM requires an image/],
  ])('rejects %s with a line number', (_name, text, line, message) => {
    let error: unknown;
    try {
      parseDockerfile(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DockerfileParseError);
    expect((error as DockerfileParseError).line).toBe(line);
    expect((error as DockerfileParseError).message).toMatch(message);
  });
});

// The syntax error of an unknown keyword was a point at its first column, which editors underline as nothing much;
// it now spans the word.
describe('the syntax-error finding', () => {
  it.each([
    ['an unknown keyword: the word', 'FROM a:1\n  RUNN echo\n', { start: { line: 1, column: 2, offset: 11 }, end: { line: 1, column: 6, offset: 15 } }],
    ['FROM without an image: a point', 'FROM\n', { start: { line: 0, column: 0, offset: 0 }, end: { line: 0, column: 0, offset: 0 } }],
  ])('%s', (_name, text, range) => {
    const [finding] = lint(text, {}).findings.filter((f) => f.ruleId === 'syntax-error');
    expect(finding!.range).toEqual(range);
  });
});
