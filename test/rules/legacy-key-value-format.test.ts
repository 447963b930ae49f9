import rule from '../../rules/buildkit-checks/legacy-key-value-format';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM alpine\nENV foo=bar\n',
    'FROM alpine\nLABEL a=1 b="two words"\n',
    { name: 'ARG with two names is not the legacy form', code: 'FROM alpine\nARG foo bar\n' },
    { name: 'quoted multi-line value', code: 'FROM alpine\nENV DEPS="\\\n    curl \\\n    git"\n' },
  ],
  invalid: [
    { code: 'FROM alpine\nENV foo bar\n', errors: [{ line: 2, column: 5, endColumn: 8, message: 'ENV foo uses the legacy' }] },
    { name: 'multi-line legacy ENV', code: 'FROM alpine\nENV DEPS \\\n    curl \\\n    git \\\n    make\n', errors: [{ line: 2 }] },
    { name: 'LABEL', code: 'FROM alpine\nLABEL maintainer Jane Doe\n', errors: [{ line: 2, message: 'LABEL maintainer' }] },
    { name: 'lowercase keyword kept in the message', code: 'from alpine\nenv PATH /usr/local/bin:$PATH\n', errors: [{ line: 2, message: 'env PATH=<value>' }] },
  ],
});
