import { joinContinuations } from '../../src/parse/logicalLine';

// The offset map is kept per joined line, not per character: every logical character must still map to the source
// character it came from, and the end to where the instruction's text stops.
describe('joinContinuations offset map', () => {
  const cases: Array<[string, string, string]> = [
    ['continuations, a comment and a blank line inside', 'RUN a \\\n  # note\n\n  && b \\  \n  c\nNEXT', '\\'],
    ['CRLF line ends', 'RUN a \\\r\n  b\r\nX', '\\'],
    ['backtick escape', 'RUN dir `\n  c:\\x\n', '`'],
    ['a line that is only the escape', 'RUN \\\n\\\n  z\n', '\\'],
  ];
  it.each(cases)('%s', (_name, text, escape) => {
    const start = 3;
    const joined = joinContinuations(text, start, text.length, escape);
    for (let i = 0; i < joined.text.length; i++) expect(text[joined.sourceOffset(i)!]).toBe(joined.text[i]);
    expect(joined.sourceOffsets).toEqual([...Array(joined.text.length + 1).keys()].map((i) => joined.sourceOffset(i)));
    expect(joined.sourceOffset(-1)).toBeUndefined();
    expect(joined.sourceOffset(joined.text.length + 1)).toBeUndefined();
    const from = 4;
    const rest = joined.slice(from);
    expect(rest.text).toBe(joined.text.slice(from));
    expect(rest.sourceOffsets).toEqual(joined.sourceOffsets.slice(from));
  });

  it('ends where the last joined line stops, before its newline', () => {
    const text = 'RUN a \\\n  b\nX';
    const joined = joinContinuations(text, 3, text.length, '\\');
    expect(joined.text).toBe(' a   b');
    expect(joined.sourceOffset(joined.text.length)).toBe(text.indexOf('\nX'));
  });
});
