import { lintText } from '../../src';

// Issue 19 hand check (docs/precision/hand-check-2026-12-05.md, row 10): quote-command-substitutions (SC2046) on
// `$(go list ./... | grep -vE e2e)` (00567.Dockerfile:131), whose output is meant to split into one argument per
// package. ShellCheck 0.9.0 reports SC2046 there too, and the rule keeps to ShellCheck (conformance 313/313 on the
// corpus), so the finding stays. What changed: the message no longer tells the user to quote a word list without a
// condition, and the documented way to mark a split made on purpose must work on the continuation line it is on.
const substitutionLines = (text: string) =>
  lintText(text)
    .findings.filter((f) => f.ruleId === 'quote-command-substitutions')
    .map((f) => ({ line: f.range.start.line + 1, message: f.message }));

const goTest = "RUN mkdir -p /tmp/coverage && \\\n    go test -v $(go list ./... | grep -vE 'e2e') && \\\n    true\n";

describe('quote-command-substitutions on a word list', () => {
  it('still fires, as ShellCheck does, with advice that allows a split meant on purpose', () => {
    expect(substitutionLines(`FROM golang:1.22\n${goTest}`)).toEqual([
      {
        line: 3,
        message:
          'The command substitution at line 3 is unquoted, so its output is split on blanks and glob-expanded; double-quote it unless each word is meant as its own argument.',
      },
    ]);
  });

  it.each(['# dfopt-disable-next-line SC2046', '# hadolint ignore=SC2046'])('is silenced by %s above the RUN', (comment) => {
    expect(substitutionLines(`FROM golang:1.22\n${comment}\n${goTest}`)).toEqual([]);
  });
});
