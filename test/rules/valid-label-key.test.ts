import rule from '../../rules/labels/valid-label-key';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM alpine:3.20\nLABEL org.opencontainers.image.title="shop"\n',
    'FROM alpine:3.20\nLABEL maintainer="a@example.com" build-id2="7"\n',
    { name: 'legacy key value form', code: 'FROM alpine:3.20\nLABEL description a shop with spaces\n' },
    { name: 'quoted key', code: 'FROM alpine:3.20\nLABEL "com.example.vendor"="ACME"\n' },
    { name: 'key from a variable is only known at build time', code: 'FROM alpine:3.20\nARG KEY\nLABEL $KEY=x\n' },
    {
      name: 'continuation with a comment line inside',
      code: 'FROM alpine:3.20\nLABEL a="1" \\\n# the vendor\n      com.example.vendor="ACME"\n',
    },
    {
      name: 'Docker Desktop extension labels Docker asks for',
      code: 'FROM alpine:3.20\nLABEL com.docker.desktop.extension.api.version="0.3.4" \\\n  com.docker.extension.publisher-url="https://example.com"\n',
    },
    { name: 'LABEL text in a heredoc is not a label', code: 'FROM alpine:3.20\nRUN <<EOF\necho LABEL Bad_Key=1\nEOF\n' },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nLABEL Version="1.0"\n', errors: [{ line: 2, column: 7, endColumn: 14, message: 'upper-case' }] },
    { code: 'FROM alpine:3.20\nLABEL com.docker.foo="x"\n', errors: [{ line: 2, message: "reserved 'com.docker' namespace" }] },
    { code: 'FROM alpine:3.20\nLABEL org..name="x"\n', errors: [{ line: 2, message: "'..'" }] },
    { code: 'FROM alpine:3.20\nLABEL name-="x"\n', errors: [{ line: 2, message: 'does not end' }] },
    { code: 'FROM alpine:3.20\nLABEL my_label="x"\n', errors: [{ line: 2, message: '"_"' }] },
    { code: 'FROM alpine:3.20\nLABEL 1abel="x"\n', errors: [{ line: 2, message: 'does not start' }] },
    {
      name: 'one finding per bad key, on a continuation line',
      code: 'FROM alpine:3.20\nLABEL ok="1" \\\n  # comment\n  Bad="2" \\\n  io.docker.x="3"\n',
      errors: [
        { line: 4, column: 3, endColumn: 6 },
        { line: 5, column: 3, endColumn: 14 },
      ],
    },
    { name: 'legacy form', code: 'FROM alpine:3.20\nLABEL Description a shop\n', errors: [{ line: 2, column: 7, endColumn: 18 }] },
    { name: 'ONBUILD LABEL', code: 'FROM alpine:3.20\nONBUILD LABEL Team="x"\n', errors: [{ line: 2, column: 15 }] },
  ],
});
