import { lintText } from '../../src/index';

// BuildKit reports MultipleInstructionsDisallowed on the earlier instruction, the one that has no effect
// (dockerfile2llb validateUsedOnce); dfopt gave it hadolint's DL4003/DL4004/DL3012 place, the overriding one.
describe('MultipleInstructionsDisallowed placement', () => {
  // `all` reports each tool's code where that tool puts it; the default presets keep one finding per pair (below).
  const at = (source: string, code: string, preset: 'all' | 'recommended' | 'strict' | 'hadolint' = 'all'): number[] =>
    lintText(source, { extends: preset }).findings.filter((f) => f.codes.includes(code)).map((f) => f.range.start.line + 1);
  const source = 'FROM scratch\nENTRYPOINT ["/a"]\nCMD ["/a"]\nENTRYPOINT ["/b"]\nCMD ["/b"]\nCMD ["/c"]\n';

  it('is on each instruction a later one replaces', () => {
    expect(at(source, 'MultipleInstructionsDisallowed')).toEqual([2, 3, 5]);
  });

  it('hadolint\'s codes keep their place on the overriding instruction', () => {
    expect(at(source, 'DL4004')).toEqual([4]);
    expect(at(source, 'DL4003')).toEqual([5, 6]);
  });

  it('the default presets give one finding per pair, on the instruction to remove (issue 19)', () => {
    for (const preset of ['recommended', 'strict'] as const) {
      expect(lintText(source, { extends: preset }).findings.filter((f) => f.ruleId === 'single-cmd-entrypoint-healthcheck').map((f) => `${f.range.start.line + 1} ${f.codes.join()}`))
        .toEqual(['2 MultipleInstructionsDisallowed', '3 MultipleInstructionsDisallowed', '5 MultipleInstructionsDisallowed']);
    }
    // A level set on the rule keeps that; hadolint's codes set by name bring hadolint's placement back.
    expect(at(source, 'DL4003', 'recommended')).toEqual([]);
    expect(lintText(source, { rules: { 'single-cmd-entrypoint-healthcheck': 'error' } }).findings.filter((f) => f.codes.includes('DL4003'))).toEqual([]);
    expect(lintText(source, { rules: { MultipleInstructionsDisallowed: 'off', DL4003: 'warning' } }).findings.map((f) => `${f.range.start.line + 1} ${f.codes.join()}`).filter((l) => / (DL4003|Multiple)/.test(l)))
      .toEqual(['5 DL4003', '6 DL4003']);
  });

  it('extends: hadolint gives hadolint\'s codes alone', () => {
    expect(at(source, 'DL4003', 'hadolint')).toEqual([5, 6]);
    expect(at(source, 'MultipleInstructionsDisallowed', 'hadolint')).toEqual([]);
  });

  it('# check=skip above the dead instruction skips it there', () => {
    const skipped = 'FROM scratch\n# check=skip=MultipleInstructionsDisallowed\nCMD ["/a"]\nCMD ["/b"]\n';
    expect(at(skipped, 'MultipleInstructionsDisallowed')).toEqual([]);
    expect(at(skipped, 'DL4003')).toEqual([4]);
  });
});
