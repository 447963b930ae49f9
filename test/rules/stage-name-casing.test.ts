import rule from '../../rules/buildkit-checks/stage-name-casing';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM alpine:3.20 AS builder-base\n',
    'FROM alpine:3.20\nRUN echo hi\n',
    { name: 'lowercase from/as', code: 'from alpine:3.20 as build_1\n' },
    { name: 'stage reference in mixed case is not a definition', code: 'FROM alpine:3.20 AS base\nFROM Base\n' },
    { name: 'name on a continuation line', code: 'FROM alpine:3.20 \\\n  AS builder\n' },
  ],
  invalid: [
    { code: 'FROM alpine AS BuilderBase\n', errors: [{ line: 1, column: 16, endColumn: 27, message: "'BuilderBase' should be lowercase" }] },
    { name: 'lowercase keywords', code: 'from alpine as Build\n', errors: [{ line: 1, column: 16, message: "'build'" }] },
    { name: 'all caps', code: 'FROM scratch AS BASE\nCOPY a /a\n', errors: [{ line: 1 }] },
    { name: 'several stages', code: 'FROM alpine AS Deps\nFROM deps AS Test\nFROM deps AS run\n', errors: [{ line: 1 }, { line: 2 }] },
    { name: 'with --platform and continuation', code: 'FROM --platform=$BUILDPLATFORM \\\n    golang:1.23 AS GoBuild\n', errors: [{ line: 2, column: 20 }] },
  ],
});
