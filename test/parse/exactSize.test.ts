import { memoKey, memoOn } from '../../src/parse';
import { exactSize } from '../../src/parse/exactSize';

describe('exactSize', () => {
  it.each<[string, unknown[]]>([
    ['one element', [1]],
    ['sixteen elements', Array.from({ length: 16 }, (_, i) => ({ i }))],
  ])('copies a short list (%s): same elements, a new array', (_name, list) => {
    const copy = exactSize(list);
    expect(copy).not.toBe(list);
    expect(copy).toEqual(list);
    copy.forEach((element, i) => expect(element).toBe(list[i]));
  });

  it.each<[string, unknown[]]>([
    ['empty', []],
    ['seventeen elements', Array.from({ length: 17 }, (_, i) => i)],
  ])('returns the list itself when there is nothing to gain (%s)', (_name, list) => {
    expect(exactSize(list)).toBe(list);
  });

  it('is what a memo keeps and returns, every time', () => {
    const owner = {};
    const key = memoKey('exactSize test');
    const pushed: number[] = [];
    pushed.push(1, 2);
    const first = memoOn(owner, key, () => pushed);
    expect(first).toEqual([1, 2]);
    expect(first).not.toBe(pushed);
    expect(memoOn(owner, key, () => [9])).toBe(first);
  });
});
