import rule from '../../rules/labels/label-not-empty';
import { runRuleTests } from '../support/ruleTester';

const schema = { labelSchema: { maintainer: 'text' } };

runRuleTests(rule, {
  valid: [
    { name: 'no schema', code: 'FROM alpine:3.20\nLABEL maintainer=""\n' },
    { code: 'FROM alpine:3.20\nLABEL maintainer="a"\n', config: schema },
    { name: 'empty label not in the schema', code: 'FROM alpine:3.20\nLABEL maintainer="a" other=""\n', config: schema },
    { name: 'value from a build argument', code: 'FROM alpine:3.20\nARG OWNER\nLABEL maintainer=$OWNER\n', config: schema },
    { name: 'legacy form', code: 'FROM alpine:3.20\nLABEL maintainer Jane Doe\n', config: schema },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nLABEL maintainer=""\n', config: schema, errors: [{ line: 2, column: 7, endColumn: 20, message: "'maintainer' is empty" }] },
    { code: 'FROM alpine:3.20\nLABEL maintainer="" other="x"\n', config: schema, errors: [{ line: 2 }] },
    { code: 'FROM alpine:3.20\nLABEL maintainer="a"\nLABEL maintainer=\n', config: schema, errors: [{ line: 3 }] },
    { name: 'only spaces', code: "FROM alpine:3.20\nLABEL maintainer='  '\n", config: schema, errors: [{ line: 2 }] },
    {
      name: 'continuation with a comment line',
      code: 'FROM alpine:3.20\nLABEL a=1 \\\n# owner\n  maintainer=""\n',
      config: schema,
      errors: [{ line: 4, column: 3 }],
    },
  ],
});
