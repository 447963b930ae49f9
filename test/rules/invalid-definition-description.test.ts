import rule from '../../rules/buildkit-checks/invalid-definition-description';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    '# foo this is the foo\nARG foo=bar\n# base this is the base image\nFROM scratch AS base\n',
    { name: 'one of several ARG names', code: '# baz this is the baz\nARG foo=baz bar=qux baz=quux\nFROM scratch\n' },
    { name: 'empty comment line separates', code: '# something else\n#\nARG bit=bat\nFROM scratch\n' },
    { name: 'empty line separates (Docker docs)', code: '# a non-descriptive comment\n\nFROM scratch AS base\n' },
    { name: 'not ARG or FROM', code: 'FROM scratch\n# comment for something else\nCOPY Dockerfile .\n' },
    { name: 'FROM without a name', code: '# the base\nFROM scratch\n' },
    { name: 'tool directives', code: '# hadolint ignore=DL3006\nFROM ubuntu AS base\n# dfopt-disable-next-line undefined-var\nARG X=$Y\n' },
  ],
  invalid: [
    { name: 'BuildKit test: ARG', code: '# bar this is the bar\nARG foo=bar\nFROM scratch\n', errors: [{ line: 1, column: 1, endColumn: 22, message: "'# foo '" }] },
    { name: 'stage names are lowercased', code: '# BasE this is the BasE image\nFROM scratch AS base\n', errors: [{ line: 1, message: "'# base '" }] },
    { name: 'several ARG names', code: 'FROM scratch\n# definitely a bad comment\nARG foo=baz bar=qux baz=quux\n', errors: [{ line: 2, message: '<arg_key>' }] },
    {
      name: 'docs example',
      code: '# a non-descriptive comment\nFROM scratch AS base\n\n# another non-descriptive comment\nARG VERSION=1\n',
      errors: [{ line: 1 }, { line: 4 }],
    },
  ],
});
