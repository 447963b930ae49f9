/**
 * An immutable string-keyed map whose `set` returns a new map sharing all but a few nodes with the old one (a hash
 * array mapped trie). The semantic model keeps the ENV and ARG scope in effect before every instruction; copying a
 * Map per ENV line made a file of N ENV lines cost O(N²) time and memory (70,000 lines: 68 s, then out of memory).
 * Iteration order is by hash, not insertion: deterministic, but callers must not rely on declaration order.
 */
export class PersistentMap<V> implements ReadonlyMap<string, V> {
  private static readonly EMPTY = new PersistentMap<never>(undefined, 0);

  private constructor(
    private readonly root: Node<V> | undefined,
    readonly size: number,
  ) {}

  static empty<V>(): PersistentMap<V> {
    return PersistentMap.EMPTY as PersistentMap<V>;
  }

  /** `map` itself when it is one already, else a copy of its entries. */
  static from<V>(map: ReadonlyMap<string, V>): PersistentMap<V> {
    if (map instanceof PersistentMap) return map as PersistentMap<V>;
    let out = PersistentMap.empty<V>();
    for (const [k, v] of map) out = out.set(k, v);
    return out;
  }

  set(key: string, value: V): PersistentMap<V> {
    const added = { value: false };
    const root = insert(this.root, hashOf(key), 0, key, value, added);
    return root === this.root ? this : new PersistentMap(root, this.size + (added.value ? 1 : 0));
  }

  get(key: string): V | undefined {
    const found = lookup(this.root, hashOf(key), key);
    return found ? found[1] : undefined;
  }

  has(key: string): boolean {
    return lookup(this.root, hashOf(key), key) !== undefined;
  }

  *entries(): MapIterator<[string, V]> {
    if (this.root) yield* walk(this.root);
  }

  *keys(): MapIterator<string> {
    for (const [k] of this.entries()) yield k;
  }

  *values(): MapIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) callback.call(thisArg, v, k, this);
  }
}

type Leaf<V> = { readonly kind: 'leaf'; readonly hash: number; readonly key: string; readonly value: V };
/** Different keys with the same 32-bit hash. */
type Collision<V> = { readonly kind: 'collision'; readonly hash: number; readonly entries: ReadonlyArray<readonly [string, V]> };
type Branch<V> = { readonly kind: 'branch'; readonly bitmap: number; readonly children: ReadonlyArray<Node<V>> };
type Node<V> = Leaf<V> | Collision<V> | Branch<V>;

const BITS = 5;
const MASK = (1 << BITS) - 1;

/** FNV-1a: cheap and well spread for short names like ENV keys. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function popcount(n: number): number {
  let x = n - ((n >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) as number;
}

function lookup<V>(node: Node<V> | undefined, hash: number, key: string): readonly [string, V] | undefined {
  for (let shift = 0; node; shift += BITS) {
    if (node.kind === 'leaf') return node.key === key ? [node.key, node.value] : undefined;
    if (node.kind === 'collision') return node.hash === hash ? node.entries.find(([k]) => k === key) : undefined;
    const bit = 1 << ((hash >>> shift) & MASK);
    if ((node.bitmap & bit) === 0) return undefined;
    node = node.children[popcount(node.bitmap & (bit - 1))];
  }
  return undefined;
}

function insert<V>(node: Node<V> | undefined, hash: number, shift: number, key: string, value: V, added: { value: boolean }): Node<V> {
  if (!node) {
    added.value = true;
    return { kind: 'leaf', hash, key, value };
  }
  if (node.kind === 'leaf') {
    if (node.key === key) return Object.is(node.value, value) ? node : { kind: 'leaf', hash, key, value };
    added.value = true;
    if (node.hash === hash) return { kind: 'collision', hash, entries: [[node.key, node.value], [key, value]] };
    return merge(node, { kind: 'leaf', hash, key, value }, shift);
  }
  if (node.kind === 'collision') {
    if (node.hash !== hash) {
      added.value = true;
      return merge(node, { kind: 'leaf', hash, key, value }, shift);
    }
    const i = node.entries.findIndex(([k]) => k === key);
    if (i !== -1 && Object.is(node.entries[i]![1], value)) return node;
    if (i === -1) added.value = true;
    const entries = i === -1 ? [...node.entries, [key, value] as const] : node.entries.map((e, j) => (j === i ? ([key, value] as const) : e));
    return { kind: 'collision', hash, entries };
  }
  const bit = 1 << ((hash >>> shift) & MASK);
  const pos = popcount(node.bitmap & (bit - 1));
  if ((node.bitmap & bit) === 0) {
    added.value = true;
    const children = [...node.children];
    children.splice(pos, 0, { kind: 'leaf', hash, key, value });
    return { kind: 'branch', bitmap: node.bitmap | bit, children };
  }
  const child = node.children[pos]!;
  const next = insert(child, hash, shift + BITS, key, value, added);
  if (next === child) return node;
  const children = [...node.children];
  children[pos] = next;
  return { kind: 'branch', bitmap: node.bitmap, children };
}

/** A branch holding two nodes of different hashes, as deep as their hashes agree. */
function merge<V>(a: Leaf<V> | Collision<V>, b: Leaf<V>, shift: number): Node<V> {
  const ia = (a.hash >>> shift) & MASK;
  const ib = (b.hash >>> shift) & MASK;
  if (ia === ib) return { kind: 'branch', bitmap: 1 << ia, children: [merge(a, b, shift + BITS)] };
  return { kind: 'branch', bitmap: (1 << ia) | (1 << ib), children: ia < ib ? [a, b] : [b, a] };
}

function* walk<V>(node: Node<V>): Generator<[string, V], void, unknown> {
  if (node.kind === 'leaf') yield [node.key, node.value];
  else if (node.kind === 'collision') for (const [k, v] of node.entries) yield [k, v];
  else for (const child of node.children) yield* walk(child);
}
