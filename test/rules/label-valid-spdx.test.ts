import rule from '../../rules/labels/label-valid-spdx';
import { runRuleTests } from '../support/ruleTester';

const KEY = 'org.opencontainers.image.licenses';
const config = { labelSchema: { [KEY]: 'spdx' } };
const label = (value: string): string => `FROM alpine:3.20\nLABEL ${KEY}="${value}"\n`;

runRuleTests(rule, {
  valid: [
    { name: 'no schema', code: label('Apache 2') },
    { name: 'other format in the schema', code: label('Apache 2'), config: { labelSchema: { [KEY]: 'text' } } },
    { name: 'value from a build argument', code: `FROM alpine:3.20\nARG V\nLABEL ${KEY}=${'${V}'}\n`, config },
    { name: 'heredoc text', code: `FROM alpine:3.20\nRUN <<EOF\necho LABEL ${KEY}=Apache_2\nEOF\n`, config },
    { code: label('MIT'), config },
    { code: label('Apache-2.0'), config },
    { code: label('GPL-3.0-only'), config },
    { code: label('MIT OR Apache-2.0'), config },
    { code: label('(MIT AND BSD-3-Clause) OR GPL-2.0+'), config },
    { code: label('GPL-2.0-only WITH Classpath-exception-2.0'), config },
    { code: label('LicenseRef-Proprietary'), config },
    { code: label('mit'), config },
  ],
  invalid: [
    { code: label('Apache 2'), config, errors: [{ line: 2, message: 'SPDX' }] },
    { code: label('proprietary'), config, errors: [{ line: 2, message: 'SPDX' }] },
    { code: label('MIT OR'), config, errors: [{ line: 2, message: 'SPDX' }] },
    { code: label('MIT WITH Nothing'), config, errors: [{ line: 2, message: 'SPDX' }] },
    { code: label('(MIT'), config, errors: [{ line: 2, message: 'SPDX' }] },
    {
      name: 'continuation with a comment line, single quotes, ONBUILD',
      code: `FROM alpine:3.20\nLABEL a=1 \\\n# note\n  ${KEY}='Apache 2'\nONBUILD LABEL ${KEY}=(MIT\n`,
      config,
      errors: [{ line: 4, column: 37 }, { line: 5 }],
    },
    {
      name: 'legacy form',
      code: `FROM alpine:3.20\nLABEL ${KEY} Apache 2\n`,
      config,
      errors: [{ line: 2, column: 41 }],
    },
  ],
});
