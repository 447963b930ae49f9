import rule from '../../rules/labels/label-valid-url';
import { runRuleTests } from '../support/ruleTester';

const KEY = 'org.opencontainers.image.url';
const config = { labelSchema: { [KEY]: 'url' } };
const label = (value: string): string => `FROM alpine:3.20\nLABEL ${KEY}="${value}"\n`;

runRuleTests(rule, {
  valid: [
    { name: 'no schema', code: label('not a url') },
    { name: 'other format in the schema', code: label('not a url'), config: { labelSchema: { [KEY]: 'text' } } },
    { name: 'value from a build argument', code: `FROM alpine:3.20\nARG V\nLABEL ${KEY}=${'${V}'}\n`, config },
    { name: 'heredoc text', code: `FROM alpine:3.20\nRUN <<EOF\necho LABEL ${KEY}=not_a_url\nEOF\n`, config },
    { code: label('https://example.com/x'), config },
    { code: label('mailto:a@b.c'), config },
    { code: label('git+ssh://git@example.com:22/r.git'), config },
    { code: label('http://[::1]:8080/p?q=1#f'), config },
    { code: label('urn:isbn:0451450523'), config },
  ],
  invalid: [
    { code: label('not a url'), config, errors: [{ line: 2, message: 'absolute URL' }] },
    { code: label('example.com path'), config, errors: [{ line: 2, message: 'absolute URL' }] },
    { code: label('https://exa mple.com'), config, errors: [{ line: 2, message: 'absolute URL' }] },
    { code: label(''), config, errors: [{ line: 2, message: 'absolute URL' }] },
    { code: label('://nohost'), config, errors: [{ line: 2, message: 'absolute URL' }] },
    {
      name: 'continuation with a comment line, single quotes, ONBUILD',
      code: `FROM alpine:3.20\nLABEL a=1 \\\n# note\n  ${KEY}='not a url'\nONBUILD LABEL ${KEY}=://nohost\n`,
      config,
      errors: [{ line: 4, column: 32 }, { line: 5 }],
    },
    {
      name: 'legacy form',
      code: `FROM alpine:3.20\nLABEL ${KEY} not a url\n`,
      config,
      errors: [{ line: 2, column: 36 }],
    },
  ],
});
