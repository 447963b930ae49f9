import rule from '../../rules/buildkit-checks/no-empty-continuation';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM alpine\nRUN apk add \\\n    gnupg \\\n    curl\n',
    { name: 'comment lines inside a continuation are fine', code: 'FROM alpine\nEXPOSE \\\n# Port\n80\n' },
    { name: 'empty line after a finished instruction', code: 'FROM alpine\nRUN echo hi\n\nRUN echo there\n' },
    { name: 'empty lines in a heredoc body', code: 'FROM alpine\nRUN <<EOF\necho a\n\necho b\nEOF\n' },
    { name: 'the file ends in a continuation: nothing after the last line break', code: 'FROM alpine\nENV a=b \\\n    c=d \\\n' },
    { name: 'trailing backslash in a comment', code: 'FROM alpine\n# not a continuation \\\n\nRUN echo\n' },
  ],
  invalid: [
    { name: 'docs example', code: 'FROM alpine\nEXPOSE \\\n\n80\n', errors: [{ line: 4, column: 1, message: 'Empty continuation line 3 inside EXPOSE (line 2)' }] },
    { name: 'one finding per instruction', code: 'FROM alpine\nRUN apk add \\\n\n    gnupg \\\n\n    curl\n', errors: [{ line: 6 }], output: 'FROM alpine\nRUN apk add \\\n    gnupg \\\n    curl\n' },
    { name: 'whitespace-only line', code: 'FROM scratch\nCOPY Dockerfile \\\n   \n.\n', errors: [{ line: 4, endColumn: 2 }], output: 'FROM scratch\nCOPY Dockerfile \\\n.\n' },
    { name: 'after a comment line', code: 'FROM alpine\nRUN echo a \\\n    # note\n\n    && echo b\n', errors: [{ line: 5, message: 'line 4' }] },
    { name: 'two instructions', code: 'FROM alpine\nENV A=1 \\\n\n  B=2\nLABEL a=1 \\\n\n  b=2\n', errors: [{ line: 4 }, { line: 7 }] },
    {
      name: 'a stray \\ joins the next instruction: no fix, it would hide that (corpus 02205.Dockerfile:351)',
      code: 'FROM debian:12\nRUN apt-get clean && \\\n    rm -rf /var/lib/apt/lists/* \\\n\n# CI expects python\nRUN ln -s /usr/bin/python3 /usr/bin/python\n',
      errors: [{ line: 6 }],
      output: null,
    },
  ],
});
