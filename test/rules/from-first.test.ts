import rule from '../../rules/instructions/from-first';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12.5\n',
    { name: 'ARG first', code: 'ARG V=1\nFROM debian:${V}\n' },
    { name: 'comment first', code: '# hello\nFROM debian:12.5\n' },
    { name: 'directive first', code: '# syntax=docker/dockerfile:1\nFROM debian:12.5\n' },
    { name: 'instructions after FROM', code: 'FROM debian:12.5\nLABEL a=b\nRUN echo\n' },
  ],
  invalid: [
    { code: 'RUN echo\nFROM debian:12.5\n', errors: [{ line: 1, column: 1, endColumn: 4, message: 'RUN at line 1 comes before the first FROM' }] },
    { name: 'LABEL', code: 'LABEL a="b"\nFROM debian:12.5\n', errors: [{ line: 1 }] },
    { name: 'every one of several', code: 'ARG A=1\nENV A=1\nLABEL x=y\nFROM debian:12.5\n', errors: [{ line: 2 }, { line: 3 }] },
    { name: 'no FROM at all', code: 'RUN echo hi\n', errors: [{ line: 1 }] },
    { name: 'after a comment line', code: '# comment\nexpose 80\nFROM debian:12.5\n', errors: [{ line: 2, message: 'EXPOSE' }] },
  ],
});
