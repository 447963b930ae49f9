import { fix } from '../../src/index';

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
