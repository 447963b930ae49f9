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
      errors: [{ line: 3, column: 1, endColumn: 4, message: 'CMD at line 3 overrides the CMD at line 2' }],
    },
    { name: 'three CMD', code: 'FROM debian:12.5\nCMD ["a"]\nCMD ["b"]\nCMD ["c"]\n', errors: [{ line: 3 }, { line: 4, message: 'line 3' }] },
    { name: 'ENTRYPOINT in second stage', code: 'FROM a:1 AS a\nFROM b:1\nENTRYPOINT ["x"]\nENTRYPOINT ["y"]\n', errors: [{ line: 4 }] },
    { name: 'HEALTHCHECK NONE then CMD', code: 'FROM debian:12.5\nHEALTHCHECK NONE\nHEALTHCHECK CMD true\n', errors: [{ line: 3 }] },
    {
      name: 'split by a continuation with a comment',
      code: 'FROM debian:12.5\nCMD ["a", \\\n# second arg\n  "b"]\nCMD ["c"]\n',
      errors: [{ line: 5, message: 'line 2' }],
    },
  ],
});

describe('single-cmd-entrypoint-healthcheck codes', () => {
  it('names the hadolint code of each kind and BuildKit\'s check', () => {
    const text = 'FROM debian:12.5\nCMD ["a"]\nCMD ["b"]\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\nHEALTHCHECK NONE\nHEALTHCHECK NONE\n';
    const codes = lintText(text, { extends: 'all' }).findings.filter((f) => f.ruleId === rule.meta.id).map((f) => f.codes);
    expect(codes).toEqual([
      ['DL4003', 'MultipleInstructionsDisallowed'],
      ['DL4004', 'MultipleInstructionsDisallowed'],
      ['DL3012', 'MultipleInstructionsDisallowed'],
    ]);
  });

  it('keeps hadolint\'s level for one kind when set through its code', () => {
    const text = 'FROM debian:12.5\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n';
    const [finding] = lintText(text, { extends: 'all', rules: { DL4004: 'error' } }).findings.filter((f) => f.ruleId === rule.meta.id);
    expect(finding?.severity).toBe('error');
  });
});
