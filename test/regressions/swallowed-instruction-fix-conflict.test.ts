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

// Seed 6's #62841 and #91032, reduced by `npm run fuzz -- --reduce` to `FROM x\r\` / `COPY`: the fix removed the `\`
// but kept the lone `\r` before it, which then met the line break: an LF file got a CRLF.
describe('a stray escape after a lone carriage return', () => {
  it.each([
    ['FROM alpine:3.19\r\\\nWORKDIR /app\n', 'FROM alpine:3.19\nWORKDIR /app\n'],
    ['FROM alpine:3.19 \r \\\nCOPY a /a\n', 'FROM alpine:3.19\nCOPY a /a\n'],
  ])('%j: the carriage return goes with the blanks before the escape', (text, expected) => {
    expect(fix(text, { unsafe: true, only: ['instruction-in-arguments'] }).output).toBe(expected);
  });
});
