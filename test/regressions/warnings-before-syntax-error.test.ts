import { lintText } from '../../src/index';

// BuildKit runs its parse-time checks instruction by instruction and reports those above a syntax error before
// failing on it (testWarningsBeforeError); dfopt returned the syntax error alone.
describe('findings above a syntax error', () => {
  const source = '\nFROM scratch AS BadStageName\nMAINTAINER me@example.org\nBADCMD\n';

  it('keeps BuildKit\'s parse-time checks on the lines above, without fixes', () => {
    const findings = lintText(source).findings;
    expect(findings.map((f) => `${f.range.start.line + 1} ${f.ruleId}`)).toEqual(['2 stage-name-casing', '3 no-maintainer', '4 syntax-error']);
    expect(findings.every((f) => f.fix === null)).toBe(true);
    expect(findings[1]!.fixDeclined).toContain('line 4');
  });

  it('a syntax error on the first line stays alone', () => {
    expect(lintText('BADCMD\nFROM scratch AS Bad\n').findings.map((f) => f.ruleId)).toEqual(['syntax-error']);
  });
});
