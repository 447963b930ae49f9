import rule from '../../rules/buildkit-checks/consistent-instruction-casing';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM alpine\nRUN echo hello > /greeting.txt\nENTRYPOINT ["cat", "/greeting.txt"]\n',
    'from alpine\nrun echo hello > /greeting.txt\nentrypoint ["cat", "/greeting.txt"]\n',
    { name: 'heredoc body is not an instruction', code: 'FROM alpine\nRUN <<EOT\nrun env\nEOT\n' },
    { name: 'continuation lines', code: 'FROM alpine\nRUN echo a \\\n  # run this\n  && echo b\n' },
  ],
  invalid: [
    {
      name: 'docs example',
      code: 'From alpine\nRun echo hello > /greeting.txt\nEntRYpOiNT ["cat", "/greeting.txt"]\n',
      errors: [{ line: 1, message: "'From'" }, { line: 2 }, { line: 3, message: 'uppercase' }], output: 'FROM alpine\nRUN echo hello > /greeting.txt\nENTRYPOINT ["cat", "/greeting.txt"]\n',
    },
    { name: 'minority lowercase', code: 'FROM scratch\ncopy Dockerfile /foo\nCOPY Dockerfile /bar\n', errors: [{ line: 2, column: 1, endColumn: 5, message: "write 'COPY'" }], output: 'FROM scratch\nCOPY Dockerfile /foo\nCOPY Dockerfile /bar\n' },
    { name: 'minority uppercase', code: 'FROM scratch\ncopy Dockerfile /foo\ncopy Dockerfile /bar\n', errors: [{ line: 1, message: "lowercase casing of most instructions; write 'from'" }] },
    { name: 'a tie counts as uppercase', code: 'from scratch\nCOPY a /a\n', errors: [{ line: 1, message: "'from'" }] },
    { name: 'global ARG counted too', code: 'arg TAG=1\nFROM alpine:${TAG}\nRUN echo\n', errors: [{ line: 1 }] },
  ],
});
