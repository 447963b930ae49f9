import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/shell/prefer-dollar-paren';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    { name: '$(…)', code: 'FROM debian:12\nRUN echo "$(uname -m)"\n' },
    { name: 'in single quotes', code: "FROM debian:12\nRUN echo '`uname`'\n" },
    { name: 'escaped', code: 'FROM debian:12\nRUN echo \\`uname\\`\n' },
    { name: 'comment idiom', code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl `# for the probe`\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN echo "on `uname -m`"\n',
      errors: [{ line: 2, column: 14, endLine: 2, endColumn: 24, message: 'Backticks at line 2 are legacy command substitution; use $(…) instead.' }],
      output: 'FROM debian:12\nRUN echo "on $(uname -m)"\n',
    },
    { name: 'assignment', code: 'FROM debian:12\nRUN v=`cat /V` && echo "$v"\n', errors: [{ line: 2, column: 7 }], output: 'FROM debian:12\nRUN v=$(cat /V) && echo "$v"\n' },
    { name: 'a backslash inside: no fix', code: 'FROM debian:12\nRUN v=`echo a\\\\b`\n', errors: [{ line: 2, column: 7 }], output: null },
    { name: 'a parenthesis inside: no fix', code: 'FROM debian:12\nRUN v=`echo "(a"`\n', errors: [{ line: 2, column: 7 }], output: null },
    {
      name: 'a continuation inside: no fix',
      code: 'FROM debian:12\nRUN v=`echo a \\\n  b`\n',
      errors: [{ line: 2, column: 7 }],
      output: null,
    },
    { name: 'heredoc body', code: 'FROM debian:12\nRUN <<EOF\nv=`id -u`\nEOF\n', errors: [{ line: 3, column: 3 }], output: 'FROM debian:12\nRUN <<EOF\nv=$(id -u)\nEOF\n' },
  ],
});

describe('prefer-dollar-paren fixture', () => {
  it('fixes fixtures/prefer-dollar-paren/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/prefer-dollar-paren');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(findingsFor(rule, fixed)).toEqual([]);
  });
});
