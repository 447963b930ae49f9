import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/shell/no-egrep-fgrep';
import { lint } from '../../src';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

const run = (script: string) => `FROM debian:12\nRUN ${script}\n`;

runRuleTests(rule, {
  valid: [
    { name: 'grep -E', code: run('grep -E x f') },
    { name: 'an argument, not a command', code: run('xargs egrep x') },
    // The names were once looked up in a plain object, so Object.prototype's answered too ("use grep undefined").
    { name: "commands named as Object.prototype's members", code: run('toString x && constructor y && __proto__ z') },
  ],
  invalid: [
    {
      code: run('egrep -q "^deb " /etc/apt/sources.list'),
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 10, message: 'egrep at line 2 is deprecated; use grep -E.' }],
      output: run('grep -E -q "^deb " /etc/apt/sources.list'),
    },
    {
      name: 'fgrep, in a pipeline',
      code: run('fgrep -r x . | egrep y'),
      errors: [{ line: 2, column: 5, message: 'fgrep at line 2 is deprecated; use grep -F.' }, { line: 2, column: 20 }],
      output: run('grep -F -r x . | grep -E y'),
    },
    { name: 'with a path or quotes: no fix', code: run('/bin/egrep x f && e"grep" x'), errors: [{ line: 2, column: 5 }, { line: 2, column: 23 }], output: null },
  ],
});

describe('no-egrep-fgrep fixture', () => {
  it('fixes fixtures/no-egrep-fgrep/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/no-egrep-fgrep');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(findingsFor(rule, fixed)).toEqual([]);
    const codes = lint(bad, { config: { extends: 'recommended', rules: { [rule.meta.id]: 'warning' } } }).findings.filter((f) => f.ruleId === rule.meta.id).map((f) => f.code);
    expect(codes).toEqual(['SC2196', 'SC2197']);
  });
});

