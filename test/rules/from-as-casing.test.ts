import rule from '../../rules/buildkit-checks/from-as-casing';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12 AS deb-builder\n',
    'from debian:12 as deb-builder\n',
    { name: 'no stage name', code: 'FROM debian:12\n' },
    { name: 'mixed-case FROM is left to consistent-instruction-casing', code: 'From scratch as base\n' },
    { name: 'stage name casing is not this rule', code: 'FROM scratch AS Base\n' },
  ],
  invalid: [
    { code: 'FROM debian:latest as builder\n', errors: [{ line: 1, column: 20, endColumn: 22, message: "'as' does not match the casing of 'FROM'" }], output: 'FROM debian:latest AS builder\n' },
    { name: 'lowercase from, uppercase AS', code: 'from scratch AS base\n', errors: [{ line: 1, column: 14, message: "write 'as'" }], output: 'from scratch as base\n' },
    { name: 'mixed-case As', code: 'FROM scratch As base\n', errors: [{ line: 1, message: "write 'AS'" }] },
    { name: 'one per stage', code: 'FROM scratch as a\nFROM scratch AS b\nFROM scratch as c\n', errors: [{ line: 1 }, { line: 3 }] },
    { name: 'AS on a continuation line', code: 'FROM alpine:3.20 \\\n  as builder\n', errors: [{ line: 2, column: 3 }], output: 'FROM alpine:3.20 \\\n  AS builder\n' },
  ],
});
