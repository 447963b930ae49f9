import { reduceInput } from '../../scripts/fuzz-lib';

// `npm run fuzz -- --reduce FILE` shrinks a failing input with reduceInput: the result still fails, and no single line
// or character of it can go.
describe('reduceInput', () => {
  it.each<[string, string, (text: string) => boolean, string]>([
    ['one line of many', 'FROM a\nRUN x\nRUN bad thing\nCMD y\n', (t) => t.includes('bad'), 'bad'],
    ['two lines far apart, in order', 'A1\nfiller\nfiller\nB2\nmore\n', (t) => /A[\s\S]*B/.test(t), 'AB'],
    ['a lone carriage return kept with its line', 'x\ny\r\nz\rw\n', (t) => /\r(?!\n)/.test(t), '\r'],
    ['an input that is already minimal', 'q', (t) => t === 'q', 'q'],
  ])('%s', (_name, text, fails, expected) => {
    const reduced = reduceInput(text, fails);
    expect(reduced).toBe(expected);
    expect(fails(reduced)).toBe(true);
  });

  it('keeps a failure that needs a line break', () => {
    const fails = (t: string) => /RUN \\\n#/.test(t);
    expect(reduceInput('FROM a\nRUN \\\n# c\nCMD b\n', fails)).toBe('RUN \\\n#');
  });
});
