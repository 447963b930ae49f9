import { PersistentMap } from '../../src/model/persistentMap';

describe('PersistentMap', () => {
  it('behaves like a Map under many sets, and every earlier version stays as it was', () => {
    // Enough keys for several trie levels and, with 4-character keys, some 32-bit hash collisions are likely.
    let map = PersistentMap.empty<number>();
    const reference = new Map<string, number>();
    const versions: Array<[PersistentMap<number>, Map<string, number>]> = [];
    let seed = 1;
    const random = () => ((seed = Math.imul(seed, 48271) % 0x7fffffff) & 0xffff) / 0x10000;
    for (let i = 0; i < 20_000; i++) {
      const key = `K${Math.floor(random() * 6000).toString(36)}`;
      map = map.set(key, i);
      reference.set(key, i);
      if (i % 2000 === 0) versions.push([map, new Map(reference)]);
    }
    versions.push([map, reference]);
    for (const [version, expected] of versions) {
      expect(version.size).toBe(expected.size);
      expect(new Map(version)).toEqual(expected);
      expect([...expected].filter(([k, v]) => version.get(k) !== v || !version.has(k))).toEqual([]);
      expect(version.has('missing')).toBe(false);
      expect(version.get('missing')).toBeUndefined();
    }
  });

  it('keys with the same hash are kept apart', () => {
    // '7yzx' and 'e6ad' have the same FNV-1a hash (1229103719), found by brute force over base-36 numbers.
    const [a, b] = ['7yzx', 'e6ad'];
    const map = PersistentMap.empty<string>().set(a, 'a').set(b, 'b').set('x', 'x');
    expect([map.get(a), map.get(b), map.get('x'), map.size]).toEqual(['a', 'b', 'x', 3]);
    expect(map.set(a, 'a2').get(a)).toBe('a2');
    expect(map.set(a, 'a2').get(b)).toBe('b');
    expect(map.set(a, 'a2').size).toBe(3);
    expect(map.set(a, 'a')).toBe(map);
  });

  it('from() keeps a PersistentMap and copies a Map', () => {
    const map = PersistentMap.empty<string>().set('A', '1');
    expect(PersistentMap.from(map)).toBe(map);
    expect(new Map(PersistentMap.from(new Map([['B', '2']])))).toEqual(new Map([['B', '2']]));
  });
});
