import rule from '../../rules/labels/label-valid-git-hash';
import { runRuleTests } from '../support/ruleTester';

const KEY = 'org.opencontainers.image.revision';
const config = { labelSchema: { [KEY]: 'hash' } };
const label = (value: string): string => `FROM alpine:3.20\nLABEL ${KEY}="${value}"\n`;

runRuleTests(rule, {
  valid: [
    { name: 'no schema', code: label('abc12') },
    { name: 'other format in the schema', code: label('abc12'), config: { labelSchema: { [KEY]: 'text' } } },
    { name: 'value from a build argument', code: `FROM alpine:3.20\nARG V\nLABEL ${KEY}=${'${V}'}\n`, config },
    { name: 'heredoc text', code: `FROM alpine:3.20\nRUN <<EOF\necho LABEL ${KEY}=abc12\nEOF\n`, config },
    { code: label('abc1234'), config },
    { code: label('0123456789abcdef0123456789abcdef01234567'), config },
    { code: label('4f1c2a9e0b7d'), config },
    { code: label('0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'), config },
  ],
  invalid: [
    { code: label('abc12'), config, errors: [{ line: 2, message: 'git commit hash' }] },
    { code: label('ABCDEF1'), config, errors: [{ line: 2, message: 'git commit hash' }] },
    { code: label('zzzzzzz'), config, errors: [{ line: 2, message: 'git commit hash' }] },
    { code: label('main'), config, errors: [{ line: 2, message: 'git commit hash' }] },
    { code: label('0123456789abcdef0123456789abcdef012345678'), config, errors: [{ line: 2, message: 'git commit hash' }] },
    {
      name: 'continuation with a comment line, single quotes, ONBUILD',
      code: `FROM alpine:3.20\nLABEL a=1 \\\n# note\n  ${KEY}='abc12'\nONBUILD LABEL ${KEY}=0123456789abcdef0123456789abcdef012345678\n`,
      config,
      errors: [{ line: 4, column: 37 }, { line: 5 }],
    },
    {
      name: 'legacy form',
      code: `FROM alpine:3.20\nLABEL ${KEY} abc12\n`,
      config,
      errors: [{ line: 2, column: 41 }],
    },
  ],
});
