import { fix, lintText } from '../../src/index';

// Issue 18, `npm run fuzz -- --seed 2` inputs #6606, #54336 and #72319: a shell word holding a bracket expression
// whose range is out of order (`[z-a]`, or `[docker-entrypoint.sh]` once a stray `\` joined `ENTRYPOINT
// ["docker-entrypoint.sh"]` into a RUN) was turned into an invalid regular expression: lint, fix and fix --unsafe
// all stopped with "internal error: Invalid regular expression … Range out of order in character class".
describe('a path whose bracket expression is no valid range', () => {
  it.each([
    'FROM alpine:3.19\nRUN rm -rf /tmp/[z-a]\n',
    'FROM alpine:3.19\nWORKDIR /app\nCOPY x /usr/local/bin/\nRUN chmod +x /usr/local/bin/x [docker-entrypoint.sh]\n',
    'FROM alpine:3.19\nWORKDIR /app\nCOPY docker-entrypoint.sh /usr/local/bin/\nRUN chmod +x /usr/local/bin/docker-entrypoint.sh\\\r\n\r\nENTRYPOINT ["docker-entrypoint.sh"]\r\n',
  ])('%j: lint and both fixes finish', (text) => {
    expect(() => lintText(text)).not.toThrow();
    expect(fix(text).parsed).toBe(true);
    expect(fix(text, { unsafe: true }).brokenPass).toBeUndefined();
  });

  it('is deleted only under its own name', () => {
    // The later RUN deletes /tmp/[z-a] literally (the shell leaves a pattern that matches nothing as it is), so the
    // file /tmp/z that the first RUN made is not what it removes.
    const removed = (pattern: string) =>
      lintText(`FROM alpine:3.19\nRUN touch /tmp/z\nRUN rm -f /tmp/${pattern}\n`).findings.some((f) => f.ruleId === 'remove-in-same-layer');
    expect([removed('[z-a]'), removed('[xz]')]).toEqual([false, true]);
  });
});
