import { DockerfileParser } from 'dockerfile-ast';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { withoutLoneCarriageReturns } from '../../src/parse/parseDockerfile';
import { AstDocument, NextIndex, scanDockerfile } from '../../src/parse/scan';
import { SourceText } from '../../src/parse/source';
import { FIXTURE_TEXTS, mutatedDockerfile } from '../support/mutatedDockerfiles';

/**
 * src/parse/scan.ts follows dockerfile-ast's parser to offsets instead of calling it: held here to the library's own
 * reading (instruction keywords and ranges, comments, directives, escape character) on fixtures, files stitched from
 * their lines and the fuzzer's mutations, and on files made of the characters the parser branches on.
 */
const texts = FIXTURE_TEXTS;
const mutated = mutatedDockerfile(0);

const FRAGMENTS = [
  '\\', '`', '\n', '\r\n', '\r', ' ', '\t', '#', '=', '<<', '<', '-', '"', "'", '$', 'x', 'EOF', '--', '[', ']',
  'RUN ', 'run', 'COPY ', 'ADD ', 'ONBUILD ', 'onbuild ', 'FROM ', 'CMD ', 'ARG ', 'HEALTHCHECK ', '<<EOF', '<<-EOF',
  '<<"EOF"', '\nEOF\n', '\tEOF', '# escape=`\n', '# escape=\\\n', '#escape = ` \n', '# syntax=x\n', '# check=a\n',
  '\uFEFF', '--mount=x ', '--from=a ', 'echo hi',
];
const fragmentText = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 40 }).map((fs) => fs.join(''));

type LspRange = { start: { line: number; character: number }; end: { line: number; character: number } };

function libraryReading(text: string) {
  const dockerfile = DockerfileParser.parse(text);
  const range = (r: LspRange) => [r.start.line, r.start.character, r.end.line, r.end.character];
  return {
    escapeChar: dockerfile.getEscapeCharacter(),
    directives: dockerfile.getDirectives().map((d) => [range(d.getRange()), range(d.getNameRange()), range(d.getValueRange())]),
    comments: dockerfile.getComments().map((c) => range(c.getRange())),
    instructions: dockerfile.getInstructions().map((i) => [i.getInstruction(), range(i.getInstructionRange()), range(i.getRange())]),
  };
}

function scannedReading(text: string) {
  const source = new SourceText(text);
  const scanned = scanDockerfile(text, source.lineStarts);
  const document = new AstDocument(text, source.lineStarts);
  const range = (start: number, end: number) => {
    const s = document.positionAt(start);
    const e = document.positionAt(end);
    return [s.line, s.character, e.line, e.character];
  };
  return {
    escapeChar: scanned.escapeChar,
    directives: scanned.directives.map((d) => [range(d.start, d.end), range(d.nameStart, d.nameEnd), range(d.valueStart, d.valueEnd)]),
    comments: scanned.comments.map((c) => range(c.start, c.end)),
    instructions: scanned.instructions.map((i) => [i.instruction, range(i.start, i.instructionEnd), range(i.start, i.end)]),
  };
}

describe('scanDockerfile', () => {
  it('reads what dockerfile-ast reads on every fixture', () => {
    for (const text of texts) {
      const t = withoutLoneCarriageReturns(text);
      expect(scannedReading(t)).toEqual(libraryReading(t));
    }
  });

  it('reads what dockerfile-ast reads on mutated and generated files', () => {
    fc.assert(
      fc.property(fc.oneof(mutated, fragmentText), (text) => {
        const t = withoutLoneCarriageReturns(text);
        expect(scannedReading(t)).toEqual(libraryReading(t));
      }),
      { numRuns: 2000, seed: 7 },
    );
  }, 60_000);

  it('has an AstDocument that answers as a TextDocument does', () => {
    fc.assert(
      fc.property(fragmentText, fc.array(fc.tuple(fc.integer({ min: -2, max: 60 }), fc.integer({ min: -2, max: 60 }))), (text, probes) => {
        const t = withoutLoneCarriageReturns(text);
        const ours = new AstDocument(t, new SourceText(t).lineStarts);
        const theirs = TextDocument.create('', '', 0, t);
        for (const [a, b] of probes) {
          expect(ours.positionAt(a)).toEqual(theirs.positionAt(a));
          expect(ours.offsetAt({ line: a % 8, character: b })).toBe(theirs.offsetAt({ line: a % 8, character: b }));
        }
      }),
      { numRuns: 500, seed: 7 },
    );
  });
});

describe('NextIndex', () => {
  it.each<[string, string, number[]]>([
    ['a<b<<c', '<', [0, 1, 2, 3, 4, 5, 6, 2, 0]],
    ['no match here', '<', [0, 5, 13, 2]],
    ['x<<y<<', '<<', [0, 2, 3, 5, 1, 6]],
  ])('answers as indexOf does, in any order of positions (%s)', (text, search, positions) => {
    const next = new NextIndex(text, search);
    for (const p of positions) expect(next.from(p)).toBe(text.indexOf(search, p));
  });
});

describe('withoutLoneCarriageReturns', () => {
  it.each([
    ['no carriage return', 'RUN a\nRUN b\n', 'RUN a\nRUN b\n'],
    ['CRLF line breaks', 'RUN a\r\nRUN b\r\n', 'RUN a\r\nRUN b\r\n'],
    ['a lone CR inside a line', 'RUN echo a\rb\n', 'RUN echo a b\n'],
    ['lone CRs, one before a CRLF', 'A\r \r\r\nB\rC', 'A   \r\nB C'],
    ['a CR keeping an escape from ending the line', 'RUN a \\\r \nb\n', 'RUN a \\_ \nb\n'],
    ['a CR after an escape, trimmed before the newline', 'RUN a \\\r\r\nb\n', 'RUN a \\ \r\nb\n'],
    ['a lone CR ending the file', 'RUN a\r', 'RUN a '],
  ])('%s', (_name, text, expected) => {
    const out = withoutLoneCarriageReturns(text);
    expect(out).toBe(expected);
    expect(out).toHaveLength(text.length);
  });
});
