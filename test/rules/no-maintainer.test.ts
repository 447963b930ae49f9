import rule from '../../rules/instructions/no-maintainer';
import { lintText } from '../../src/index';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12.5\nLABEL maintainer="me@example.com"\n',
    { name: 'in a comment', code: 'FROM debian:12.5\n# MAINTAINER me\nRUN echo\n' },
    { name: 'ONBUILD MAINTAINER is valid-onbuild-trigger', code: 'FROM debian:12.5\nONBUILD MAINTAINER x\n' },
    { name: 'word in a RUN', code: 'FROM debian:12.5\nRUN echo MAINTAINER\n' },
  ],
  invalid: [
    { code: 'FROM debian:12.5\nMAINTAINER me@example.com\n', errors: [{ line: 2, column: 1, endColumn: 11, message: 'MAINTAINER at line 2 is deprecated' }] },
    { name: 'lower case', code: 'FROM debian:12.5\nmaintainer someone\n', errors: [{ line: 2 }] },
    { name: 'second stage', code: 'FROM a:1 AS a\nFROM b:1\nMAINTAINER x\n', errors: [{ line: 3 }] },
    { name: 'with continuation', code: 'FROM a:1\nMAINTAINER Jane \\\n# mail\n  <jane@example.com>\n', errors: [{ line: 2 }] },
  ],
});

describe('no-maintainer codes', () => {
  it('is DL4000 and MaintainerDeprecated', () => {
    const [f] = lintText('FROM a:1\nMAINTAINER x\n', { extends: 'all' }).findings.filter((x) => x.ruleId === rule.meta.id);
    expect(f?.codes).toEqual(['DL4000', 'MaintainerDeprecated']);
  });
});
