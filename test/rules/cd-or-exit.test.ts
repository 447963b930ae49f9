import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/shell/cd-or-exit';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

const run = (script: string) => `FROM debian:12\nRUN ${script}\n`;
const message = (name: string) => `${name} at line 2 can fail and the script carries on in the wrong directory; use ${name} … || exit, chain with &&, or WORKDIR.`;

runRuleTests(rule, {
  valid: [
    { name: 'chained with &&', code: run('cd /x && make') },
    { name: 'already || exit', code: run('cd /x || exit 1; make') },
    { name: 'tested by if', code: run('if cd /x; then make; fi') },
    { name: 'set -e anywhere', code: run('set -eux; cd /x; make') },
    { name: 'set -o errexit', code: run('set -o errexit; cd /x; make') },
    { name: 'cd to ., .. or /', code: run('cd ..; cd /; cd .; cd ../..') },
    { name: 'pushd -n changes no directory', code: run('pushd -n /x; make') },
    { name: 'PowerShell stage', code: 'FROM debian:12\nSHELL ["pwsh", "-c"]\nRUN cd /x; make\n' },
    { name: 'exec form', code: 'FROM debian:12\nRUN ["sh", "-c", "cd /x; make"]\n' },
  ],
  invalid: [
    {
      code: run('mkdir -p /opt/app; cd /opt/app; rm -rf ./*'),
      errors: [{ line: 2, column: 24, endLine: 2, endColumn: 35, message: message('cd') }],
      output: run('mkdir -p /opt/app; cd /opt/app || exit; rm -rf ./*'),
    },
    { name: 'pushd and popd', code: run('pushd /tmp; popd'), errors: [{ line: 2, column: 5, message: message('pushd') }, { line: 2, column: 17, message: message('popd') }], output: run('pushd /tmp || exit; popd || exit') },
    { name: 'before a continuation', code: 'FROM debian:12\nRUN cd /opt/app \\\n  ; make\n', errors: [{ line: 2, column: 5 }], output: 'FROM debian:12\nRUN cd /opt/app || exit \\\n  ; make\n' },
    { name: 'heredoc body', code: 'FROM debian:12\nRUN <<EOF\ncd /srv\nmake\nEOF\n', errors: [{ line: 3, column: 1 }], output: 'FROM debian:12\nRUN <<EOF\ncd /srv || exit\nmake\nEOF\n' },
    { name: 'with a redirection: no fix', code: run('cd /tmp > /dev/null; ls'), errors: [{ line: 2, column: 5, endColumn: 24 }], output: null },
    { name: 'after &&: no fix, || exit would also exit when a fails', code: run('a && cd /x; b'), errors: [{ line: 2, column: 10 }], output: null },
    { name: 'in a pipeline: no fix', code: run('cd /x | b; c'), errors: [{ line: 2, column: 5 }], output: null },
    { name: 'negated: no fix', code: run('! cd /x; c'), errors: [{ line: 2, column: 7 }], output: null },
  ],
});

describe('cd-or-exit fixture', () => {
  it('fixes fixtures/cd-or-exit/bad.Dockerfile into fixed.Dockerfile, byte for byte (unsafe)', () => {
    const dir = join(__dirname, '../../fixtures/cd-or-exit');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(findingsFor(rule, fixed)).toEqual([]);
  });
});
