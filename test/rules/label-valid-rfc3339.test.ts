import rule from '../../rules/labels/label-valid-rfc3339';
import { runRuleTests } from '../support/ruleTester';

const KEY = 'org.opencontainers.image.created';
const config = { labelSchema: { [KEY]: 'rfc3339' } };
const label = (value: string): string => `FROM alpine:3.20\nLABEL ${KEY}="${value}"\n`;

runRuleTests(rule, {
  valid: [
    { name: 'no schema', code: label('2024-01-31') },
    { name: 'other format in the schema', code: label('2024-01-31'), config: { labelSchema: { [KEY]: 'text' } } },
    { name: 'value from a build argument', code: `FROM alpine:3.20\nARG V\nLABEL ${KEY}=${'${V}'}\n`, config },
    { name: 'heredoc text', code: `FROM alpine:3.20\nRUN <<EOF\necho LABEL ${KEY}=2024-01-31\nEOF\n`, config },
    { code: label('2024-01-31T10:00:00Z'), config },
    { code: label('2024-01-31T10:00:00+02:00'), config },
    { code: label('2024-01-31T10:00:00.123Z'), config },
    { code: label('2024-02-29t23:59:60z'), config },
  ],
  invalid: [
    { code: label('2024-01-31'), config, errors: [{ line: 2, message: 'RFC 3339' }] },
    { code: label('yesterday'), config, errors: [{ line: 2, message: 'RFC 3339' }] },
    { code: label('2024-01-31T10:00:00'), config, errors: [{ line: 2, message: 'RFC 3339' }] },
    { code: label('2023-02-29T10:00:00Z'), config, errors: [{ line: 2, message: 'RFC 3339' }] },
    { code: label('2024-01-31 10:00:00Z'), config, errors: [{ line: 2, message: 'RFC 3339' }] },
    {
      name: 'continuation with a comment line, single quotes, ONBUILD',
      code: `FROM alpine:3.20\nLABEL a=1 \\\n# note\n  ${KEY}='2024-01-31'\nONBUILD LABEL ${KEY}=2024-01-31_10:00:00Z\n`,
      config,
      errors: [{ line: 4, column: 36 }, { line: 5 }],
    },
    {
      name: 'legacy form',
      code: `FROM alpine:3.20\nLABEL ${KEY} 2024-01-31\n`,
      config,
      errors: [{ line: 2, column: 40 }],
    },
  ],
});
