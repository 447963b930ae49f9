import rule from '../../rules/buildkit-checks/reserved-stage-name';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM alpine AS builder\n',
    'FROM scratch\nCOPY a /a\n',
    { name: 'scratch as base image is fine', code: 'FROM scratch AS final\n' },
    { name: 'names containing a reserved word', code: 'FROM alpine AS scratch-builder\nFROM alpine AS build-context\n' },
  ],
  invalid: [
    { code: 'FROM alpine AS scratch\n', errors: [{ line: 1, column: 16, endColumn: 23, message: "'scratch' is reserved" }] },
    { code: 'FROM alpine AS context\n', errors: [{ line: 1, message: "'context'" }] },
    { name: 'both, from the docs', code: 'FROM alpine AS scratch\nFROM alpine AS context\n', errors: [{ line: 1 }, { line: 2 }] },
    { name: 'case-insensitive', code: 'from alpine as Scratch\n', errors: [{ line: 1, message: "'Scratch'" }] },
  ],
});
