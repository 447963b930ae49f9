import { fix, lintText } from '../../src/index';

// Issue 18, `npm run fuzz -- --seed 3` input #4706 (reduced): a RUN of flags alone continued by a comment holding
// `<<`. dockerfile-ast took the `<<` for a heredoc marker and threw reading it ("Cannot read properties of undefined
// (reading 'getRange')"): lint, fix and fix --unsafe crashed. BuildKit drops the comment, so there is no heredoc.
describe('a `<<` dockerfile-ast cannot follow as a heredoc', () => {
  it.each([
    'FROM alpine:3.19\nRUN --mount=type=cache,target=/c \\\n# \\$e<<\n',
    'FROM alpine:3.19\nRUN --\\\n# \\$e<<\n',
  ])('%j: lint and both fixes finish, and no heredoc is read', (text) => {
    const result = lintText(text);
    expect(result.findings.filter((f) => f.ruleId === 'syntax-error')).toEqual([]);
    expect(fix(text).output).toBe(text);
    expect(fix(text, { unsafe: true }).brokenPass).toBeUndefined();
  });

  it('a heredoc it can read is still read', () => {
    const text = 'FROM alpine:3.19\nRUN <<EOF\napk add curl\nEOF\n';
    expect(lintText(text).findings.map((f) => [f.ruleId, f.range.start.line + 1])).toEqual([['clean-package-cache', 3]]);
  });
});
