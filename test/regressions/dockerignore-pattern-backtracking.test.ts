import { join } from 'node:path';
import { compilePathPattern } from '../../src/model/pathPattern';
import { runDfopt, tempProject } from '../support/cli';

// A repository's .dockerignore is input dfopt does not control. Its patterns were compiled to JavaScript regular
// expressions, which backtrack: `*a*a*a*a*a*a*a*a*a*a*a*a*x` took 12 s to test one 33-character path (lint of a
// Dockerfile that COPYs it, and the language server at every keystroke), doubling every few characters. They are now
// matched in linear time (src/model/pathPattern.ts). The old compiler is kept here as the reference: the new matcher
// must accept exactly what it did, on short random patterns and paths where it is still fast.

const REGEX_SPECIAL = new Set(['.', '+', '(', ')', '|', '{', '}', '$', '^']);
function oldCompile(pattern: string): RegExp {
  let re = '^';
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '*') {
      if (chars[i + 1] === '*') {
        i++;
        if (chars[i + 1] === '/') i++;
        re += i + 1 >= chars.length ? '.*' : '(.*/)?';
      } else {
        re += '[^/]*';
      }
    } else if (ch === '?') {
      re += '[^/]';
    } else if (REGEX_SPECIAL.has(ch)) {
      re += `\\${ch}`;
    } else if (ch === '\\') {
      const next = chars[i + 1];
      if (next !== undefined) {
        re += `\\${next}`;
        i++;
      } else {
        re += '\\\\';
      }
    } else {
      re += ch;
    }
  }
  try {
    return new RegExp(`${re}$`, 's');
  } catch {
    return /(?!)/;
  }
}

let seed = 7;
// Math.imul: a plain product passes 2^53 and loses its low bits, and the sequence falls into a short cycle.
const random = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff), seed % n);
const randomString = (parts: readonly string[], max: number): string =>
  Array.from({ length: random(max) }, () => parts[random(parts.length)]!).join('');

describe('.dockerignore patterns (compilePathPattern)', () => {
  it('match exactly what the old regular expressions matched', () => {
    // Whole classes (see below for the ones the old compiler got wrong), escapes of punctuation and of the class
    // letters, `.` and `(` (escaped by the old compiler), a trailing backslash.
    const patternParts = ['a', 'b', '/', '*', '**', '**/', '?', '[ab]', '[a-c]', '[z-a]', '\\*', '\\d', '\\s', '\\.', '.', '(', '1', ' '];
    const pathParts = ['a', 'b', 'c', '/', '.', '1', '*', '(', ']', ' ', '\n'];
    const differences: string[] = [];
    let matched = 0;
    for (let i = 0; i < 30_000; i++) {
      const pattern = randomString(patternParts, 7) + (random(20) === 0 ? '\\' : '');
      const old = oldCompile(pattern);
      const matcher = compilePathPattern(pattern);
      for (let j = 0; j < 6; j++) {
        // Half the paths are made from the pattern's own letters, so that many match.
        const path = j % 2 ? randomString(pathParts, 9) : pattern.replace(/\*+|\?/g, () => randomString(['a', 'b', '/'], 3)).replace(/\\/g, '');
        const expected = old.test(path);
        if (expected) matched++;
        if (matcher.test(path) !== expected) differences.push(`${JSON.stringify(pattern)} ${JSON.stringify(path)}: ${expected}`);
      }
    }
    expect(differences).toEqual([]);
    expect(matched).toBeGreaterThan(20_000);
  });

  // Where the old compiler differed from Docker, whose regular expressions are Go's: it escaped the ^ of [^…], read
  // []…] as an empty class (JavaScript's reading), and turned the wildcards of an unclosed [ into part of a class.
  it.each([
    ['[^…] is a negated class', 'file.[^a]', ['file.b', 'file.a', 'file.^'], [true, false, true]],
    ['a ] first in a class is one of its members', 'file.[]a]', ['file.]', 'file.a', 'file.b'], [true, true, false]],
    ['a [ never closed matches nothing (Docker refuses the pattern)', 'dir/[ab*', ['dir/[ab', 'dir/a', 'dir/[abc'], [false, false, false]],
  ])('%s, as in Docker', (_label, pattern, paths, expected) => {
    const matcher = compilePathPattern(pattern);
    expect(paths.map((path) => matcher.test(path))).toEqual(expected);
  });

  it('a pattern of many wildcards and a long path that almost matches take linear time', () => {
    // The old expressions took minutes here (no timing is asserted: jest's timeout is the guard).
    const long = 'a'.repeat(100_000);
    expect(compilePathPattern('*a*a*a*a*a*a*a*a*a*a*a*a*x').test(`${long}!`)).toBe(false);
    expect(compilePathPattern('*a*a*a*a*a*a*a*a*a*a*a*a*').test(long)).toBe(true);
    expect(compilePathPattern('**/**/**/**/**/**/**/**/x').test(`${'a/'.repeat(50_000)}y`)).toBe(false);
    expect(compilePathPattern('**/**/**/**/**/**/**/**/x').test(`${'a/'.repeat(50_000)}x`)).toBe(true);
  });

  it('dfopt lint of a Dockerfile that COPYs such a path, with such a .dockerignore, finishes', () => {
    const name = `${'a'.repeat(40)}!`;
    const dir = tempProject({ Dockerfile: `FROM alpine:3.19\nCOPY ${name} /x\n`, [name]: '', '.dockerignore': '*a*a*a*a*a*a*a*a*a*a*a*a*x\n*a*a*a*a*a*a*a*a*a*a*a*a*!\n' });
    // Killed after 20 s (it runs in ~0.1 s): the old expressions took minutes.
    const r = runDfopt(['lint', '--format', 'compact', join(dir, 'Dockerfile')], { cwd: dir, timeout: 20_000 });
    // The second pattern matches: the COPY source is excluded from the context (BuildKit's CopyIgnoredFile).
    expect(r.stdout).toContain('copy-ignored-file');
    expect(r.code).toBe(0);
  });
});
