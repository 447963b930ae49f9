import rule from '../../rules/instructions/single-cmd-entrypoint-healthcheck';
import { lintText } from '../../src/index';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12.5\nCMD ["a"]\n',
    { name: 'one per stage', code: 'FROM a:1 AS a\nCMD ["x"]\nENTRYPOINT ["e"]\nFROM a\nCMD ["y"]\nENTRYPOINT ["f"]\n' },
    { name: 'CMD and ENTRYPOINT', code: 'FROM debian:12.5\nENTRYPOINT ["a"]\nCMD ["b"]\n' },
    { name: 'ONBUILD CMD does not count', code: 'FROM debian:12.5\nONBUILD CMD ["a"]\nCMD ["b"]\n' },
    { name: 'HEALTHCHECK CMD is not a CMD', code: 'FROM debian:12.5\nHEALTHCHECK CMD ["true"]\nCMD ["b"]\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12.5\nCMD ["a"]\nCMD ["b"]\n',
      errors: [
        { line: 2, column: 1, endColumn: 4, message: 'CMD at line 2 has no effect because the CMD at line 3' },
        { line: 3, column: 1, endColumn: 4, message: 'CMD at line 3 overrides the CMD at line 2' },
      ],
    },
    {
      name: 'three CMD',
      code: 'FROM debian:12.5\nCMD ["a"]\nCMD ["b"]\nCMD ["c"]\n',
      errors: [{ line: 2, message: 'no effect' }, { line: 3, message: 'overrides' }, { line: 3, message: 'no effect' }, { line: 4, message: 'line 3' }],
    },
    { name: 'ENTRYPOINT in second stage', code: 'FROM a:1 AS a\nFROM b:1\nENTRYPOINT ["x"]\nENTRYPOINT ["y"]\n', errors: [{ line: 3 }, { line: 4 }] },
    { name: 'HEALTHCHECK NONE then CMD', code: 'FROM debian:12.5\nHEALTHCHECK NONE\nHEALTHCHECK CMD true\n', errors: [{ line: 2 }, { line: 3 }] },
    {
      name: 'split by a continuation with a comment',
      code: 'FROM debian:12.5\nCMD ["a", \\\n# second arg\n  "b"]\nCMD ["c"]\n',
      errors: [{ line: 2, message: 'line 5' }, { line: 5, message: 'line 2' }],
    },
  ],
});

describe('single-cmd-entrypoint-healthcheck codes', () => {
  it('names the hadolint code of each kind on the later instruction and BuildKit\'s check on the earlier one', () => {
    const text = 'FROM debian:12.5\nCMD ["a"]\nCMD ["b"]\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\nHEALTHCHECK NONE\nHEALTHCHECK NONE\n';
    const codes = lintText(text, { extends: 'all' })
      .findings.filter((f) => f.ruleId === rule.meta.id)
      .map((f) => `${f.range.start.line + 1} ${f.codes.join(',')}`);
    expect(codes).toEqual([
      '2 MultipleInstructionsDisallowed',
      '3 DL4003',
      '4 MultipleInstructionsDisallowed',
      '5 DL4004',
      '6 MultipleInstructionsDisallowed',
      '7 DL3012',
    ]);
  });

  it('turning one code off keeps the other (extends: all)', () => {
    const text = 'FROM debian:12.5\nCMD ["a"]\nCMD ["b"]\n';
    const lines = (rules: Record<string, 'off'>, preset?: 'all'): number[] =>
      lintText(text, { extends: preset, rules }).findings.filter((f) => f.ruleId === rule.meta.id).map((f) => f.range.start.line + 1);
    expect(lines({ MultipleInstructionsDisallowed: 'off' }, 'all')).toEqual([3]);
    expect(lines({ DL4003: 'off' }, 'all')).toEqual([2]);
    // The default preset has hadolint's repeat off already: one finding per pair.
    expect(lines({})).toEqual([2]);
    expect(lines({ DL4003: 'off' })).toEqual([2]);
  });

  it('keeps hadolint\'s level for one kind when set through its code', () => {
    const text = 'FROM debian:12.5\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n';
    const findings = lintText(text, { extends: 'all', rules: { DL4004: 'error' } }).findings.filter((f) => f.ruleId === rule.meta.id);
    expect(findings.map((f) => `${f.codes.join(',')} ${f.severity}`)).toEqual(['MultipleInstructionsDisallowed warning', 'DL4004 error']);
  });
});
