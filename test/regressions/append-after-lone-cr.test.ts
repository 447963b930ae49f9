import { fix } from '../../src/index';

// Issue 18, `npm run fuzz -- --seed 2` input #50930: a Dockerfile with LF line endings whose text ends in a lone
// carriage return (`CMD [...]\n\r`). use-multi-stage appends the final stage at the end of the file, after a line
// break when the text does not end in one: written after the `\r`, that `\n` made a CRLF of it, and `dfopt fix
// --unsafe` turned an LF file into one of mixed line endings.
describe('text appended to a file that ends in a lone carriage return', () => {
  it.each([
    ['FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y znc\nCMD ["znc"]\n\r'],
    ['FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y znc\nCMD ["znc"]\n\r\r'],
  ])('%j: the rewrite adds no CRLF and the carriage returns stay last', (text) => {
    const output = fix(text, { unsafe: true, only: ['use-multi-stage'] }).output;
    expect(output).toContain('\nFROM scratch\n');
    expect(output.includes('\r\n')).toBe(false);
    expect(output.endsWith(text.slice(text.lastIndexOf('\n')))).toBe(true);
  });
});
