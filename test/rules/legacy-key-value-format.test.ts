import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/buildkit-checks/legacy-key-value-format';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM alpine\nENV foo=bar\n',
    'FROM alpine\nLABEL a=1 b="two words"\n',
    { name: 'ARG with two names is not the legacy form', code: 'FROM alpine\nARG foo bar\n' },
    { name: 'quoted multi-line value', code: 'FROM alpine\nENV DEPS="\\\n    curl \\\n    git"\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine\nENV foo bar\n',
      errors: [{ line: 2, column: 5, endColumn: 8, message: 'ENV foo uses the legacy' }],
      output: 'FROM alpine\nENV foo="bar"\n',
    },
    {
      name: 'multi-line legacy ENV: the continuation lines stay inside the quotes',
      code: 'FROM alpine\nENV DEPS \\\n    curl \\\n    git \\\n    make\n',
      errors: [{ line: 2 }],
      output: 'FROM alpine\nENV DEPS="curl \\\n    git \\\n    make"\n',
    },
    {
      name: 'LABEL',
      code: 'FROM alpine\nLABEL maintainer Jane Doe\n',
      errors: [{ line: 2, message: 'LABEL maintainer' }],
      output: 'FROM alpine\nLABEL maintainer="Jane Doe"\n',
    },
    {
      name: 'lowercase keyword kept, variables kept',
      code: 'from alpine\nenv PATH /usr/local/bin:$PATH\n',
      errors: [{ line: 2, message: 'env PATH=<value>' }],
      output: 'from alpine\nenv PATH="/usr/local/bin:$PATH"\n',
    },
    {
      name: 'blanks inside the value and after it',
      code: 'FROM alpine\nENV OPTS  -Xmx1g\t -Xms1g   \nENV B ${A:-x y}\n',
      errors: [{ line: 2 }, { line: 3 }],
      output: 'FROM alpine\nENV OPTS="-Xmx1g\t -Xms1g"   \nENV B="${A:-x y}"\n',
    },
    {
      name: 'value on the continuation line',
      code: 'FROM alpine\nENV GREETING \\\n    hello world\n',
      errors: [{ line: 2 }],
      output: 'FROM alpine\nENV GREETING="hello world"\n',
    },
    {
      name: 'comment line inside the value stays',
      code: 'FROM alpine\nENV DEPS curl \\\n# version control\n    git\n',
      errors: [{ line: 2 }],
      output: 'FROM alpine\nENV DEPS="curl \\\n# version control\n    git"\n',
    },
    {
      name: 'backslash is literal under the backtick escape',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV TOOLS C:\\tools\\bin\n',
      errors: [{ line: 3 }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV TOOLS="C:\\tools\\bin"\n',
    },
    {
      name: 'one quoted string: = in place of the blanks, quotes kept',
      code: 'FROM alpine\nLABEL maintainer "Jane Doe <jane@example.com>"\nENV MSG  \'hello $USER\'\n',
      errors: [{ line: 2 }, { line: 3 }],
      output: 'FROM alpine\nLABEL maintainer="Jane Doe <jane@example.com>"\nENV MSG=\'hello $USER\'\n',
    },
    { name: 'quotes mixed with other text: no fix', code: 'FROM alpine\nENV MSG "hello" world\n', errors: [{ line: 2 }], output: null },
    { name: 'a quote inside the quoted string: no fix', code: 'FROM alpine\nENV MSG "it\'s" "x"\n', errors: [{ line: 2 }], output: null },
    { name: 'single quote in the value: no fix', code: "FROM alpine\nLABEL description it's small\n", errors: [{ line: 2 }], output: null },
    { name: 'escape character in the value: no fix', code: 'FROM alpine\nENV SEP a\\ b\n', errors: [{ line: 2 }], output: null },
    { name: 'backtick under the backtick escape: no fix', code: '# escape=`\nFROM alpine\nENV X a`b\n', errors: [{ line: 3 }], output: null },
    { name: 'quoted key: no fix', code: 'FROM alpine\nLABEL "vendor" ACME\n', errors: [{ line: 2 }], output: null },
    {
      name: 'comment line between key and value: no fix',
      code: 'FROM alpine\nENV DEPS \\\n# the packages\n    curl git\n',
      errors: [{ line: 2 }],
      output: null,
    },
  ],
});

describe('legacy-key-value-format fixture', () => {
  it('fixes fixtures/legacy-key-value-format/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/legacy-key-value-format');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(fixedBy(rule, fixed, { code: fixed })).toBe(fixed);
    expect(findingsFor(rule, fixed)).toEqual([]);
  });
});
