import { lintText } from '../../src/index';

// BuildKit reports MultipleInstructionsDisallowed on the earlier instruction, the one that has no effect
// (dockerfile2llb validateUsedOnce); dfopt gave it hadolint's DL4003/DL4004/DL3012 place, the overriding one.
describe('MultipleInstructionsDisallowed placement', () => {
  const at = (source: string, code: string): number[] =>
    lintText(source).findings.filter((f) => f.codes.includes(code)).map((f) => f.range.start.line + 1);
  const source = 'FROM scratch\nENTRYPOINT ["/a"]\nCMD ["/a"]\nENTRYPOINT ["/b"]\nCMD ["/b"]\nCMD ["/c"]\n';

  it('is on each instruction a later one replaces', () => {
    expect(at(source, 'MultipleInstructionsDisallowed')).toEqual([2, 3, 5]);
  });

  it('hadolint\'s codes keep their place on the overriding instruction', () => {
    expect(at(source, 'DL4004')).toEqual([4]);
    expect(at(source, 'DL4003')).toEqual([5, 6]);
  });

  it('# check=skip above the dead instruction skips it there', () => {
    const skipped = 'FROM scratch\n# check=skip=MultipleInstructionsDisallowed\nCMD ["/a"]\nCMD ["/b"]\n';
    expect(at(skipped, 'MultipleInstructionsDisallowed')).toEqual([]);
    expect(at(skipped, 'DL4003')).toEqual([4]);
  });
});
