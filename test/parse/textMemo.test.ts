import { TextMemo } from '../../src/parse';

describe('TextMemo', () => {
  it('answers what was set, until a bound would be passed; then it starts over with the new entry', () => {
    const memo = new TextMemo<number>(3, 10);
    memo.set('aa', 1);
    memo.set('bb', 2);
    memo.set('cc', 3);
    expect([memo.get('aa'), memo.get('bb'), memo.get('cc')]).toEqual([1, 2, 3]);
    // A fourth entry passes the entry bound: only it is left.
    memo.set('dd', 4);
    expect([memo.get('aa'), memo.get('bb'), memo.get('cc'), memo.get('dd')]).toEqual([undefined, undefined, undefined, 4]);
    // 2 + 8 characters fit in 10; 2 + 8 + 1 do not.
    memo.set('eeeeeeee', 5);
    expect(memo.get('dd')).toBe(4);
    memo.set('f', 6);
    expect([memo.get('dd'), memo.get('eeeeeeee'), memo.get('f')]).toEqual([undefined, undefined, 6]);
  });

  it('keeps a key longer than the character bound, alone', () => {
    const memo = new TextMemo<string>(10, 4);
    memo.set('ab', 'x');
    memo.set('longer than four', 'y');
    expect([memo.get('ab'), memo.get('longer than four')]).toEqual([undefined, 'y']);
  });
});
