import { fix, lintText } from '../../src/index';

// Issue 18, `npm run fuzz -- --seed 2` inputs #20055 and #36046: a LABEL ending in a stray `\` swallows the FROM
// after it (`LABEL \` / `FROM alpine`). In one pass, instruction-in-arguments' fix removed the `\` while
// legacy-key-value-format's rewrote the swallowed text as a label (`FROM="alpine"`): together, a line that is no
// instruction, so the pass was dropped and `dfopt fix --unsafe` exited 2 with "This is a bug in dfopt".
describe('a stray escape that swallowed an instruction, fixed with another fix of the same instruction', () => {
  it.each([
    ['LABEL \\\nFROM alpine\nCMD tail -f /dev/null', 'LABEL\nFROM alpine\nCMD ["tail", "-f", "/dev/null"]'],
    // #36046's shape: CRLF on the stray line, the swallowed FROM after comment lines.
    ['LABEL \\\r\n# note\nFROM alpine:3.19\nCMD ["sh"]\n', 'LABEL\r\n# note\nFROM alpine:3.19\nCMD ["sh"]\n'],
  ])('%j: the fixes land in separate passes and the result parses', (text, expected) => {
    const result = fix(text, { unsafe: true });
    expect(result.brokenPass).toBeUndefined();
    expect(result.output).toBe(expected);
  });
});

// Seed 5's #58038: `FROM --platform=${BUILDPLATFORM} \` / `WORKDIR /app`. The FROM's image was the swallowed keyword,
// so removing the stray `\` left a FROM of flags alone, which does not parse: the pass was dropped ("a bug in dfopt").
describe('a stray escape whose removal would leave a FROM without an image', () => {
  const text = 'FROM --platform=${BUILDPLATFORM} \\\nWORKDIR /app\nRUN echo\n';
  it('is still found, with no fix and the reason', () => {
    const [finding] = lintText(text).findings.filter((f) => f.ruleId === 'instruction-in-arguments');
    expect([finding?.fix, finding?.fixDeclined]).toEqual([null, expect.stringContaining('would name no image')]);
    expect(fix(text, { unsafe: true }).brokenPass).toBeUndefined();
  });
  it('a FROM that keeps its image is still fixed', () => {
    expect(fix('FROM --platform=$P alpine:3.19 \\\nWORKDIR /app\n', { unsafe: true, only: ['instruction-in-arguments'] }).output).toBe(
      'FROM --platform=$P alpine:3.19\nWORKDIR /app\n',
    );
  });
});
