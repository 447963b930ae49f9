import fc from 'fast-check';
import { shellGlob } from '../../src/shell';

const matcher = shellGlob;

describe('shellGlob', () => {
  it.each([
    ['*.txt', ['a.txt', '.txt'], ['a/b.txt', 'a.txtx']],
    ['file?.log', ['file1.log'], ['file.log', 'file12.log', 'file/.log']],
    ['[abc].py', ['a.py', 'c.py'], ['d.py', '[abc].py']],
    ['[!abc].py', ['d.py'], ['a.py']],
    ['v[0-9]', ['v7'], ['va']],
    ['a.b+c(d)|e$^{2}', ['a.b+c(d)|e$^{2}'], ['aXb+c(d)|e$^{2}']],
    ['back\\slash', ['back\\slash'], ['backslash']],
    // Ranges JavaScript cannot compile (r-e, z-a): the bracket expression matches only itself.
    ['[docker-entrypoint.sh]', ['[docker-entrypoint.sh]'], ['d', 'o']],
    ['/tmp/[z-a]', ['/tmp/[z-a]'], ['/tmp/z', '/tmp/a']],
    ['deb [ signed-by=/usr/share/keyrings/ros-archive.gpg ] http:/x', ['deb [ signed-by=/usr/share/keyrings/ros-archive.gpg ] http:/x'], []],
    // An unclosed bracket, and a closing one alone, are literal.
    ['a[b', ['a[b'], ['ab']],
    ['a]b', ['a]b'], ['ab']],
  ])('%j matches %j and not %j', (glob, yes, no) => {
    const re = matcher(glob);
    for (const path of yes) expect([path, re.test(path)]).toEqual([path, true]);
    for (const path of no) expect([path, re.test(path)]).toEqual([path, false]);
  });

  it('with below, matches the paths below a match too, and not a sibling', () => {
    const removed = shellGlob('/tmp/*.d', true);
    expect(['/tmp/a.d', '/tmp/a.d/x/y', '/tmp/.d/x'].map((p) => removed.test(p))).toEqual([true, true, true]);
    expect(['/tmp/a.dx', '/tmp/a/b.d', '/tmp/a.d/x\ny'].map((p) => removed.test(p))).toEqual([false, false, false]);
  });

  it('compiles for any text, and a text without *, ? or [ matches itself alone', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '-', 'z', '[', ']', '!', '^', '\\', '*', '?', '.', '/', '(', '$') }), (glob) => {
        const re = matcher(glob);
        if (!/[*?[]/.test(glob)) expect(re.test(glob)).toBe(true);
      }),
    );
  });
});
