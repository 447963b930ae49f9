import rule from '../../rules/buildkit-checks/invalid-definition-description';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    '# foo this is the foo\nARG foo=bar\n# base this is the base image\nFROM scratch AS base\n',
    { name: 'one of several ARG names', code: '# baz this is the baz\nARG foo=baz bar=qux baz=quux\nFROM scratch\n' },
    { name: 'empty comment line separates', code: '# something about bit\n#\nARG bit=bat\nFROM scratch\n' },
    { name: 'empty line separates (Docker docs)', code: '# the base stage\n\nFROM scratch AS base\n' },
    { name: 'not ARG or FROM', code: 'FROM scratch\n# comment for something else\nCOPY Dockerfile .\n' },
    { name: 'FROM without a name', code: '# the base\nFROM scratch\n' },
    { name: 'tool directives', code: '# hadolint ignore=DL3006\nFROM ubuntu AS base\n# dfopt-disable-next-line undefined-var\nARG X=$Y\n' },
    {
      name: 'a multi-line description whose first line starts with the name (corpus 03241.Dockerfile:10)',
      code: '# BUILDER_TARGET selects which builder stage the final image copies from.\n# Default keeps `make` on the from-source path.\nARG BUILDER_TARGET=builder-fromsource\n',
    },
    { name: 'an ordinary comment that does not mention the name', code: '# Install the toolchain\nARG GO_VERSION=1.22\n# ===== Stage 1 =====\nFROM golang:1.22 AS build\n' },
  ],
  invalid: [
    { name: 'the stage name in other words', code: '# The runtime image\nFROM scratch AS runtime\n', errors: [{ line: 2, column: 1, endColumn: 24, message: "'# runtime '" }] },
    { name: 'stage names are lowercased', code: '# BasE this is the BasE image\nFROM scratch AS base\n', errors: [{ line: 2, message: "'# base '" }] },
    { name: 'a hyphenated stage name written as words', code: '# Download kubectl\nFROM alpine:3.20 AS download-kubectl\n', errors: [{ line: 2, message: 'comment at line 1' }] },
    { name: 'an ARG name mentioned in the block', code: 'FROM scratch\n# Version to install\n# (VERSION, see releases)\nARG VERSION=1\n', errors: [{ line: 4, message: "comment at line 2 describes this ARG but no line of it starts with the name, so 'docker build --call=outline' does not show it: start it with '# VERSION '." }] },
    { name: 'several ARG names', code: 'FROM scratch\n# the bar and baz values\nARG foo=baz bar=qux baz=quux\n', errors: [{ line: 3, message: '<arg_key>' }] },
  ],
});
