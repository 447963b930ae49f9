import rule from '../../rules/labels/label-valid-email';
import { runRuleTests } from '../support/ruleTester';

const KEY = 'maintainer';
const config = { labelSchema: { [KEY]: 'email' } };
const label = (value: string): string => `FROM alpine:3.20\nLABEL ${KEY}="${value}"\n`;

runRuleTests(rule, {
  valid: [
    { name: 'no schema', code: label('John Doe') },
    { name: 'other format in the schema', code: label('John Doe'), config: { labelSchema: { [KEY]: 'text' } } },
    { name: 'value from a build argument', code: `FROM alpine:3.20\nARG V\nLABEL ${KEY}=${'${V}'}\n`, config },
    { name: 'heredoc text', code: `FROM alpine:3.20\nRUN <<EOF\necho LABEL ${KEY}=John_Doe\nEOF\n`, config },
    { code: label('john@example.com'), config },
    { code: label('john+docker@example.co.uk'), config },
    { code: label('first.last@sub.example.org'), config },
    { code: label('ops@[192.0.2.1]'), config },
  ],
  invalid: [
    { code: label('John Doe'), config, errors: [{ line: 2, message: 'e-mail address' }] },
    { code: label('john@'), config, errors: [{ line: 2, message: 'e-mail address' }] },
    { code: label('John <john@example.com>'), config, errors: [{ line: 2, message: 'e-mail address' }] },
    { code: label('@example.com'), config, errors: [{ line: 2, message: 'e-mail address' }] },
    { code: label('a..b@example.com'), config, errors: [{ line: 2, message: 'e-mail address' }] },
    {
      name: 'continuation with a comment line, single quotes, ONBUILD',
      code: `FROM alpine:3.20\nLABEL a=1 \\\n# note\n  ${KEY}='John Doe'\nONBUILD LABEL ${KEY}=a..b@example.com\n`,
      config,
      errors: [{ line: 4, column: 14 }, { line: 5 }],
    },
    {
      name: 'legacy form',
      code: `FROM alpine:3.20\nLABEL ${KEY} John Doe\n`,
      config,
      errors: [{ line: 2, column: 18 }],
    },
  ],
});
