import { join } from 'node:path';
import { shellGlob } from '../../src/shell';
import { runDfopt, tempProject } from '../support/cli';

// Globs in RUN (`rm -rf /x/*a*…`, `chmod 600 /z/*…`) were compiled to JavaScript regular expressions and tested
// against the paths earlier RUNs made: a 300-byte Dockerfile whose glob had twelve wildcards, after a `touch` of a
// 34-character name, took 70 s to lint (remove-in-same-layer, modify-in-later-layer). Globs are now matched in linear
// time (shellGlob). The old compiler is kept here as the reference: shellGlob must accept exactly what it did.

function oldGlobPatternSource(glob: string): string {
  const compiles = (source: string): boolean => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  };
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      const set = close === -1 ? null : `[${glob.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
      if (set !== null && compiles(set)) {
        out += set;
        i = close;
      } else out += '\\[';
    } else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return out;
}

let seed = 11;
const random = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff), seed % n);
const randomString = (parts: readonly string[], max: number): string =>
  Array.from({ length: random(max) }, () => parts[random(parts.length)]!).join('');

describe('shell globs (shellGlob)', () => {
  it.each([
    ['the glob alone', false, '$'],
    ['the glob and what lies below (rm -rf)', true, '(/.*)?$'],
  ])('match exactly what the old regular expressions matched: %s', (_label, below, tail) => {
    const globParts = ['a', 'b', '/', '*', '?', '[ab]', '[!a]', '[a-c]', '[z-a]', '[]', '[', ']', '\\', '.', '(', '$', '-'];
    const pathParts = ['a', 'b', 'c', '/', '.', '[', ']', '\\', '(', '$', '\n'];
    const differences: string[] = [];
    let matched = 0;
    for (let i = 0; i < 20_000; i++) {
      const glob = randomString(globParts, 7);
      const old = new RegExp(`^${oldGlobPatternSource(glob)}${tail}`);
      const matcher = shellGlob(glob, below);
      for (let j = 0; j < 6; j++) {
        // Half the paths are made from the glob itself, so that many match; some go on below it.
        const path =
          j % 2 ? randomString(pathParts, 9) : glob.replace(/[*?]/g, () => randomString(['a', 'b', '/'], 3)) + (j === 4 ? randomString(['/', 'a', '\n'], 4) : '');
        const expected = old.test(path);
        if (expected) matched++;
        if (matcher.test(path) !== expected) differences.push(`${JSON.stringify(glob)} ${JSON.stringify(path)}: ${expected}`);
      }
    }
    expect(differences).toEqual([]);
    expect(matched).toBeGreaterThan(15_000);
  });

  it('a glob of many wildcards and a long path that almost matches take linear time', () => {
    // The old expressions took minutes here (no timing is asserted: jest's timeout is the guard).
    const long = 'a'.repeat(100_000);
    expect(shellGlob('/x/*a*a*a*a*a*a*a*a*a*a*a*a*x', true).test(`/x/${long}!`)).toBe(false);
    expect(shellGlob('/x/*a*a*a*a*a*a*a*a*a*a*a*a*', true).test(`/x/${long}/y`)).toBe(true);
  });

  it('dfopt lint of RUNs that make such a path and then remove, chmod and copy it by such a glob finishes', () => {
    const name = `${'a'.repeat(34)}!`;
    const glob = '*a*a*a*a*a*a*a*a*a*a*a*a*x';
    const dir = tempProject({
      Dockerfile: [
        'FROM alpine:3.19',
        `RUN touch /x/${name} && mkdir -p /y/${name} && echo hi > /z/${name}`,
        `RUN rm -rf /x/${glob} /y/${glob} && chmod 600 /z/${glob}`,
        `RUN cp /z/${glob} /q && chown root /x/${glob}`,
        '',
      ].join('\n'),
    });
    // Killed after 20 s (it runs in ~0.1 s): the old expressions took 70 s.
    const r = runDfopt(['lint', '--format', 'json', join(dir, 'Dockerfile')], { cwd: dir, timeout: 20_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
