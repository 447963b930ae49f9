import rule from '../../rules/labels/valid-label-key';
import { type DfoptConfig, lintText } from '../../src';
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
    { name: 'allowUnderscores', code: 'FROM alpine:3.20\nLABEL build_version="1" com.example.resty_image_base="x"\n', options: { allowUnderscores: true } },
    { name: 'allowUpperCase', code: 'FROM alpine:3.20\nLABEL Description="d" Vendor="v" Version2="1" MAINTAINER=a\n', options: { allowUpperCase: true } },
    { name: 'both', code: 'FROM alpine:3.20\nLABEL Build_Version="1"\n', options: { allowUnderscores: true, allowUpperCase: true } },
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
    { name: 'allowUnderscores alone keeps upper case', code: 'FROM alpine:3.20\nLABEL Build_id="x"\n', options: { allowUnderscores: true }, errors: [{ line: 2, message: 'upper-case' }] },
    { name: 'allowUpperCase alone keeps _', code: 'FROM alpine:3.20\nLABEL Build_id="x"\n', options: { allowUpperCase: true }, errors: [{ line: 2, message: '"_"' }] },
    ...[
      ['com.docker.Foo_bar', "reserved 'com.docker' namespace"],
      ['IO.Docker.x', "reserved 'io.docker' namespace"],
      ['my label', '" "'],
      ['com.example/key', '"/"'],
      ['_build', 'does not start with a letter'],
      ['9Lives', 'does not start with a letter'],
      ['build_', 'does not end with a letter or digit'],
      ['Org..Name', "'..'"],
      ['a--B', "'--'"],
    ].map(([key, message]) => ({
      name: `lenient still flags ${key}`,
      code: `FROM alpine:3.20\nLABEL "${key!}"="x"\n`,
      options: { allowUnderscores: true, allowUpperCase: true },
      errors: [{ line: 2, message: message! }],
    })),
  ],
});

describe('valid-label-key per preset', () => {
  const text = 'FROM alpine:3.20\nLABEL build_version="1" Vendor="ACME" com.docker.x="y"\n';
  const keys = (config: DfoptConfig) => lintText(text, config).findings.filter((f) => f.ruleId === 'valid-label-key').map((f) => f.message.split("'")[1]);

  it('recommended accepts _ and upper case, and keeps the reserved namespace', () => {
    expect(keys({})).toEqual(['com.docker.x']);
  });

  it.each(['strict', 'all', 'hadolint'] as const)('%s flags all three, as hadolint DL3048 does', (preset) => {
    expect(keys({ extends: preset })).toEqual(['build_version', 'Vendor', 'com.docker.x']);
  });

  it('options in rules bring one check back under recommended', () => {
    expect(keys({ rules: { DL3048: ['style', { allowUnderscores: false }] } })).toEqual(['build_version', 'com.docker.x']);
  });
});
