import rule from '../../rules/labels/label-valid-semver';
import { runRuleTests } from '../support/ruleTester';

const KEY = 'org.opencontainers.image.version';
const config = { labelSchema: { [KEY]: 'semver' } };
const label = (value: string): string => `FROM alpine:3.20\nLABEL ${KEY}="${value}"\n`;

runRuleTests(rule, {
  valid: [
    { name: 'no schema', code: label('1.0') },
    { name: 'other format in the schema', code: label('1.0'), config: { labelSchema: { [KEY]: 'text' } } },
    { name: 'value from a build argument', code: `FROM alpine:3.20\nARG V\nLABEL ${KEY}=${'${V}'}\n`, config },
    { name: 'heredoc text', code: `FROM alpine:3.20\nRUN <<EOF\necho LABEL ${KEY}=1.0\nEOF\n`, config },
    { code: label('1.2.3'), config },
    { code: label('1.2.3-rc.1'), config },
    { code: label('1.2.3+build.5'), config },
    { code: label('0.0.0-alpha-1.x.7+exp.sha.5114f85'), config },
  ],
  invalid: [
    { code: label('1.0'), config, errors: [{ line: 2, message: 'semantic version' }] },
    { code: label('v1.2.3'), config, errors: [{ line: 2, message: 'semantic version' }] },
    { code: label('latest'), config, errors: [{ line: 2, message: 'semantic version' }] },
    { code: label('01.2.3'), config, errors: [{ line: 2, message: 'semantic version' }] },
    { code: label('1.2.3-'), config, errors: [{ line: 2, message: 'semantic version' }] },
    {
      name: 'continuation with a comment line, single quotes, ONBUILD',
      code: `FROM alpine:3.20\nLABEL a=1 \\\n# note\n  ${KEY}='1.0'\nONBUILD LABEL ${KEY}=1.2.3-\n`,
      config,
      errors: [{ line: 4, column: 36 }, { line: 5 }],
    },
    {
      name: 'legacy form',
      code: `FROM alpine:3.20\nLABEL ${KEY} 1.0\n`,
      config,
      errors: [{ line: 2, column: 40 }],
    },
  ],
});
