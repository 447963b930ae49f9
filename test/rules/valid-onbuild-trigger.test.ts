import rule from '../../rules/instructions/valid-onbuild-trigger';
import { lintText } from '../../src/index';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12.5\nONBUILD RUN echo hi\n',
    { name: 'ONBUILD COPY', code: 'FROM debian:12.5\nONBUILD COPY . /app/\n' },
    { name: 'ONBUILD ENV', code: 'FROM debian:12.5\nONBUILD ENV A=1\n' },
    { name: 'plain MAINTAINER is no-maintainer', code: 'FROM debian:12.5\nMAINTAINER me\n' },
  ],
  invalid: [
    { code: 'FROM debian:12.5\nONBUILD FROM debian:12.5\n', errors: [{ line: 2, column: 9, endColumn: 13, message: 'FROM at line 2 is not allowed' }] },
    { name: 'MAINTAINER', code: 'FROM debian:12.5\nONBUILD MAINTAINER someone\n', errors: [{ line: 2, message: 'use LABEL' }] },
    { name: 'ONBUILD ONBUILD', code: 'FROM debian:12.5\nONBUILD ONBUILD RUN echo\n', errors: [{ line: 2, column: 9 }] },
    { name: 'lower case', code: 'FROM debian:12.5\nonbuild from debian:12.5\n', errors: [{ line: 2 }] },
  ],
});

describe('valid-onbuild-trigger', () => {
  it('leaves the rest of the file to be linted', () => {
    const { findings } = lintText('FROM debian:12.5\nONBUILD FROM debian:12.5\nWORKDIR app\n', { extends: 'all' });
    expect(findings.map((f) => f.ruleId)).toEqual(expect.arrayContaining(['valid-onbuild-trigger', 'absolute-workdir']));
    expect(findings.some((f) => f.ruleId === 'syntax-error')).toBe(false);
  });
});
