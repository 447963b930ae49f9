import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/instructions/no-maintainer';
import { lintText } from '../../src/index';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12.5\nLABEL maintainer="me@example.com"\n',
    { name: 'in a comment', code: 'FROM debian:12.5\n# MAINTAINER me\nRUN echo\n' },
    { name: 'ONBUILD MAINTAINER is valid-onbuild-trigger', code: 'FROM debian:12.5\nONBUILD MAINTAINER x\n' },
    { name: 'word in a RUN', code: 'FROM debian:12.5\nRUN echo MAINTAINER\n' },
  ],
  invalid: [
    { code: 'FROM debian:12.5\nMAINTAINER me@example.com\n', errors: [{ line: 2, column: 1, endColumn: 11, message: 'MAINTAINER at line 2 is deprecated' }], output: 'FROM debian:12.5\nLABEL org.opencontainers.image.authors="me@example.com"\n' },
    { name: 'lower case', code: 'FROM debian:12.5\nmaintainer someone\n', errors: [{ line: 2 }], output: 'FROM debian:12.5\nlabel org.opencontainers.image.authors="someone"\n' },
    { name: 'second stage', code: 'FROM a:1 AS a\nFROM b:1\nMAINTAINER x\n', errors: [{ line: 3 }], output: 'FROM a:1 AS a\nFROM b:1\nLABEL org.opencontainers.image.authors="x"\n' },
    { name: 'with continuation', code: 'FROM a:1\nMAINTAINER Jane \\\n# mail\n  <jane@example.com>\n', errors: [{ line: 2 }], output: 'FROM a:1\nLABEL org.opencontainers.image.authors="Jane \\\n# mail\n  <jane@example.com>"\n' },
    {
      name: 'quotes, $ and backslashes are escaped',
      code: 'FROM a:1\nMAINTAINER "The $TEAM" <team\\ops@example.com>  \n',
      errors: [{ line: 2 }],
      output: 'FROM a:1\nLABEL org.opencontainers.image.authors="\\"The \\$TEAM\\" <team\\\\ops@example.com>"  \n',
    },
    {
      name: 'escape directive: backtick escapes, backslash is literal',
      code: '# escape=`\nFROM a:1\nMAINTAINER "Ops" `\n# team mailbox\n  C:\\ops `$x\n',
      errors: [{ line: 3 }],
      output: '# escape=`\nFROM a:1\nLABEL org.opencontainers.image.authors="`"Ops`" `\n# team mailbox\n  C:\\ops ```$x"\n',
    },
    { name: 'mixed-case keyword becomes LABEL', code: 'FROM a:1\nMaintainer x\n', errors: [{ line: 2 }], output: 'FROM a:1\nLABEL org.opencontainers.image.authors="x"\n' },
    {
      name: 'an authors label in the stage already: no fix',
      code: 'FROM a:1 AS base\nLABEL org.opencontainers.image.authors="team"\nFROM base\nMAINTAINER x\n',
      errors: [{ line: 4 }],
      output: null,
    },
  ],
});

describe('no-maintainer fix', () => {
  // What BuildKit's word lexer makes of a double-quoted value: the escape character makes the next one literal.
  const unquote = (value: string, escape: string): string => {
    expect(value.startsWith('"') && value.endsWith('"')).toBe(true);
    let out = '';
    for (let i = 1; i < value.length - 1; i++) out += value[i] === escape ? value[++i]! : value[i]!;
    return out;
  };

  it.each([
    ['\\', 'FROM a:1\nARG TEAM=x\nMAINTAINER "The $TEAM" <a\\b> \\\n# c "q" $y\n  d\n'],
    ['`', '# escape=`\nFROM a:1\nMAINTAINER `"x`" C:\\ops $HOME `\n  ``\n'],
  ])('gives the label exactly the text MAINTAINER had (escape %s)', (escape, code) => {
    const before = lintText(code, { extends: 'all' }).ast!.instructions.find((i) => i.keyword === 'MAINTAINER')!;
    const fixed = fixedBy(rule, code);
    const label = lintText(fixed, { extends: 'all' }).ast!.instructions.find((i) => i.keyword === 'LABEL')!;
    const text = label.argsText.text.trim();
    const prefix = 'org.opencontainers.image.authors=';
    expect(text.startsWith(prefix)).toBe(true);
    expect(unquote(text.slice(prefix.length), escape)).toBe(before.argsText.text.trim());
  });
});

describe('no-maintainer codes', () => {
  it('is DL4000 and MaintainerDeprecated', () => {
    const [f] = lintText('FROM a:1\nMAINTAINER x\n', { extends: 'all' }).findings.filter((x) => x.ruleId === rule.meta.id);
    expect(f?.codes).toEqual(['DL4000', 'MaintainerDeprecated']);
  });
});

describe('no-maintainer fixture', () => {
  it('fixes fixtures/no-maintainer/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/no-maintainer');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(fixedBy(rule, fixed, { code: fixed })).toBe(fixed);
    expect(findingsFor(rule, fixed).length).toBeLessThan(findingsFor(rule, bad).length);
  });
});
