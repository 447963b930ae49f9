import rule from '../../rules/labels/no-extra-labels';
import { runRuleTests } from '../support/ruleTester';

const strict = { labelSchema: { maintainer: 'text' }, strictLabels: true };

runRuleTests(rule, {
  valid: [
    { name: 'not strict', code: 'FROM alpine:3.20\nLABEL maintainer="x" extra="y"\n', config: { labelSchema: { maintainer: 'text' } } },
    { code: 'FROM alpine:3.20\nLABEL maintainer="x"\n', config: strict },
    { name: 'no labels at all', code: 'FROM alpine:3.20\nRUN echo\n', config: strict },
    { name: 'key from a variable', code: 'FROM alpine:3.20\nARG K\nLABEL $K=x\n', config: strict },
    { name: 'heredoc text', code: 'FROM alpine:3.20\nRUN <<EOF\necho LABEL x=1\nEOF\n', config: strict },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nLABEL maintainer="x" extra="y"\n', config: strict, errors: [{ line: 2, column: 22, endColumn: 27, message: "'extra'" }] },
    { code: 'FROM alpine:3.20\nLABEL foo="bar"\n', config: strict, errors: [{ line: 2 }] },
    { code: 'FROM alpine:3.20\nLABEL maintainer="x"\nLABEL color="red"\n', config: strict, errors: [{ line: 3 }] },
    {
      name: 'continuation with a comment, and ONBUILD',
      code: 'FROM alpine:3.20\nLABEL maintainer="x" \\\n# note\n  colour=blue\nONBUILD LABEL team=x\n',
      config: strict,
      errors: [{ line: 4, column: 3 }, { line: 5, column: 15 }],
    },
    { name: 'strict with an empty schema', code: 'FROM alpine:3.20\nLABEL a=b\n', config: { strictLabels: true }, errors: [{ line: 2 }] },
  ],
});
