import type { Versions } from './stageInheritance';

/** What the rules tracking an earlier layer's files keep per path: remove-in-same-layer's Creation, modify-in-later-layer's Made. */
export interface Tracked {
  readonly kind: string;
  readonly key: string;
  readonly inst: object;
  touched: boolean;
}

/**
 * `items` and `children` are made on first use: most nodes are leaves holding one item (a package key, a file), and
 * two empty collections per node were most of what a long stage allocated here (GC was ~20 % of linting 4,000 RUNs).
 */
interface TrieNode<T> {
  readonly segment: string;
  readonly parent: TrieNode<T> | null;
  items: Bag<T> | null;
  children: Map<string, TrieNode<T>> | null;
}

const newNode = <T>(segment: string, parent: TrieNode<T> | null): TrieNode<T> => ({ segment, parent, items: null, children: null });

/**
 * Items by path, split at `/`: `covers(a, b)` (a is b or above it) holds exactly when a's segments start b's, so what
 * covers a path is found along its own segments and what a path covers is one subtree. Lets the rules ask "what lies
 * below /app" or "what holds /app/x" without scanning every path they track.
 */
class PathTrie<T extends Tracked> {
  private readonly root = newNode<T>('', null);
  /** `/` covers every path, but its segments (`''`, `''`) are on no other path's way. Made on first use, as below. */
  private slashRoot: Set<T> | null = null;

  add(item: T): void {
    let node = this.root;
    const key = item.key;
    // The segments `key.split('/')` gives, one by one: split is a call into V8's runtime and an array per path, and
    // this runs for every file and package each RUN makes (twice: in the RUN's index, then in the stage's).
    for (let start = 0; ; ) {
      const slash = key.indexOf('/', start);
      const segment = slash === -1 ? (start === 0 ? key : key.slice(start)) : key.slice(start, slash);
      node.children ??= new Map();
      let child = node.children.get(segment);
      if (!child) node.children.set(segment, (child = newNode(segment, node)));
      node = child;
      if (slash === -1) break;
      start = slash + 1;
    }
    node.items = bagWith(node.items, item);
    if (item.key === '/') (this.slashRoot ??= new Set()).add(item);
  }

  delete(item: T): void {
    const node = this.nodeAt(item.key);
    if (!node?.items) return;
    node.items = bagWithout(node.items, item);
    if (item.key === '/') this.slashRoot?.delete(item);
    // Drop emptied nodes, so a subtree walk only visits nodes with something below them.
    let empty: TrieNode<T> = node;
    while (empty.parent && !empty.items && !empty.children?.size) {
      empty.parent.children!.delete(empty.segment);
      empty = empty.parent;
    }
  }

  private nodeAt(path: string): TrieNode<T> | undefined {
    let node: TrieNode<T> | undefined = this.root;
    for (let start = 0; ; ) {
      const slash = path.indexOf('/', start);
      node = node.children?.get(slash === -1 ? (start === 0 ? path : path.slice(start)) : path.slice(start, slash));
      if (!node || slash === -1) return node;
      start = slash + 1;
    }
  }

  /** Items whose key covers `path` (is it, `/`, or a directory above it). */
  covering(path: string, out: Set<T>): void {
    if (this.slashRoot) for (const item of this.slashRoot) out.add(item);
    let node: TrieNode<T> | undefined = this.root;
    for (let start = 0; ; ) {
      const slash = path.indexOf('/', start);
      node = node.children?.get(slash === -1 ? (start === 0 ? path : path.slice(start)) : path.slice(start, slash));
      if (!node) return;
      if (node.items) addBag(node.items, out);
      if (slash === -1) return;
      start = slash + 1;
    }
  }

  /** Items whose key `path` covers (it, or below it; everything for `/`). */
  coveredBy(path: string, out: Set<T>): void {
    const start = path === '/' ? this.root : this.nodeAt(path);
    if (start) this.subtree(start, out);
  }

  /**
   * At least every item whose key starts with `prefix`: those below its last `/` whose next segment starts with what
   * follows that `/`. Callers test each. Taking the whole directory made N changes of files in one directory of N
   * files visit N² items (2,000 stages each chmod-ing a file that one stage copied).
   */
  startingWith(prefix: string, out: Set<T>): void {
    const slash = prefix.lastIndexOf('/');
    const start = slash === -1 ? this.root : this.nodeAt(prefix.slice(0, slash));
    const rest = prefix.slice(slash + 1);
    if (!start) return;
    if (slash === -1 || rest === '') {
      this.subtree(start, out);
      return;
    }
    if (start.items) addBag(start.items, out);
    if (start.children) for (const child of start.children.values()) if (child.segment.startsWith(rest)) this.subtree(child, out);
  }

  private subtree(start: TrieNode<T>, out: Set<T>): void {
    const stack = [start];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.items) addBag(node.items, out);
      if (node.children) for (const child of node.children.values()) stack.push(child);
    }
  }
}

/**
 * The files, directories and packages earlier instructions of a stage made, in the order they were made (messages
 * name the first match), indexed by path, by kind and by instruction. The two layer-tracking rules scanned a plain
 * list for every COPY, RUN and delete, which made a long stage quadratic (20 s at 50k lines); each query here costs
 * what it finds plus the length of the path asked about.
 */
export class PathIndex<T extends Tracked> {
  /** Each item and when it was made (its place in the order the rules report in); deletes in O(1). */
  private readonly order = new Map<T, number>();
  private next = 0;
  private readonly byKey = new Map<string, Bag<T>>();
  /**
   * By kind, by instruction and by path segments: made when the index holds more than SMALL items and its queries
   * have tested enough of them one by one (indexed). Below SMALL,
   * the queries look at every item (a few string tests each) and an add is two Map sets instead of four collections
   * and a trie node per path segment: most RUNs make a handful of things, and the index of what each one makes, and
   * of what most stages hold, never grows past it.
   */
  private indexes: Indexes<T> | null = null;
  /** Items tested one by one by queries while there were no indexes (see indexed). */
  private scanned = 0;
  /** Items of the `tracked` kinds not yet touched: only they can still be marked, so marking visits each once. */
  /**
   * Made on first use: the index each RUN builds of what it makes tracks no kind (NONE), and these four collections
   * were half of what a new index allocated (two indexes per RUN per lint: 10 MB of Maps over 3,700 RUNs).
   */
  private untouched: Untouched<T> | null = null;
  /** What changed since the earliest `mark()` still wanted, newest last, so `rollback` can undo it; null when none is. */
  private journal: Change<T>[] | null = null;

  constructor(private readonly tracked: ReadonlySet<string>) {}

  get size(): number {
    return this.order.size;
  }

  /** In the order the items were made (a rolled-back delete puts an item back in its place, not at the end). */
  [Symbol.iterator](): IterableIterator<T> {
    return this.sorted(this.order.keys()).values();
  }

  /** A copy of the index with a copy of each item (touched flags are per stage), as `FROM <stage>` inherits them. */
  clone(): PathIndex<T> {
    const copy = new PathIndex<T>(this.tracked);
    for (const item of this) copy.add({ ...item });
    return copy;
  }

  /** Starts keeping what changes (if not yet) and names the state as it is now, for `rollback`. */
  mark(): number {
    this.journal ??= [];
    return this.journal.length;
  }

  /** Undoes every add, delete and touch made since `mark` returned `to`. */
  rollback(to: number): void {
    const journal = this.journal;
    if (!journal) return;
    this.journal = null;
    while (journal.length > to) {
      const change = journal.pop()!;
      if (change.op === 'add') this.delete(change.item);
      else if (change.op === 'delete') this.add(change.item, change.order);
      else this.untouch(change.item);
    }
    this.journal = journal;
  }

  /** No state before this one will be asked for again: stop keeping changes. */
  forget(): void {
    this.journal = null;
  }

  add(item: T, order = this.next++): void {
    this.journal?.push({ op: 'add', item });
    this.order.set(item, order);
    this.byKey.set(item.key, bagWith(this.byKey.get(item.key), item));
    if (this.indexes) indexAdd(this.indexes, item);
    if (this.tracked.has(item.kind) && !item.touched) this.addUntouched(item);
  }

  delete(item: T): void {
    const order = this.order.get(item);
    if (order === undefined) return;
    this.journal?.push({ op: 'delete', item, order });
    this.order.delete(item);
    bagRemove(this.byKey, item.key, item);
    const indexes = this.indexes;
    if (indexes) {
      removeFrom(indexes.byKind, item.kind, item);
      removeFrom(indexes.byInst, item.inst, item);
      indexes.trie.delete(item);
    }
    if (this.tracked.has(item.kind) && !item.touched) this.removeUntouched(item);
  }

  /**
   * The secondary indexes, once the queries have paid for them: null while the index is small, or while the items
   * its queries have tested one by one are fewer than INDEX_AFTER_SCANS times its size. Built at the first add past
   * SMALL, most were never asked anything, or asked once or twice (what a RUN makes, tested by the deletes later in
   * it): 40 packages an `apk add` makes cost three collections and a trie node each, on every lint. A query of a
   * small or unindexed index costs its size; the scans an index pays for before it is built are bounded by a
   * multiple of its size, so a long stage asked many questions is indexed as before.
   */
  private indexed(): Indexes<T> | null {
    if (this.indexes) return this.indexes;
    const size = this.order.size;
    if (size <= SMALL) return null;
    if (this.scanned >= size * INDEX_AFTER_SCANS) {
      this.indexes = this.indexAll();
      return this.indexes;
    }
    this.scanned += size;
    return null;
  }

  /** The secondary indexes of every item so far (they are sorted by `order` wherever they are read). */
  private indexAll(): Indexes<T> {
    const indexes: Indexes<T> = { byKind: new Map(), byInst: new Map(), trie: new PathTrie<T>() };
    for (const item of this.order.keys()) indexAdd(indexes, item);
    return indexes;
  }

  /**
   * Adds `item` (not yet in the index) and drops everything else made at its path (a later write replaces an earlier
   * one). Adding first keeps the path's entries in `byKey` and the trie: V8 keeps a deleted Map entry in its bucket
   * until the table is rehashed, so deleting and re-adding one key of a large map made each lookup of it walk every
   * earlier copy (4,000 RUNs each filling /var/cache/apt next to 4,000 package keys: quadratic).
   */
  replace(item: T): void {
    const old = this.byKey.get(item.key);
    if (!old) {
      // The usual case (a path or package made once): no copy of an empty list.
      this.add(item);
      return;
    }
    const before = [...bagItems(old)];
    this.add(item);
    for (const o of before) this.delete(o);
  }

  /** Whether anything is indexed at `key` (without building the list `withKey` returns). */
  has(key: string): boolean {
    return this.byKey.has(key);
  }

  withKey(key: string): readonly T[] {
    const items = this.byKey.get(key);
    return items ? this.sorted(bagItems(items)) : [];
  }

  ofKind(kind: string): readonly T[] {
    const indexes = this.indexed();
    return this.sorted(indexes ? (indexes.byKind.get(kind) ?? []) : this.ofKindUnsorted(kind));
  }

  countOf(inst: object): number {
    const indexes = this.indexed();
    if (indexes) return indexes.byInst.get(inst)?.size ?? 0;
    let n = 0;
    for (const item of this.order.keys()) if (item.inst === inst) n++;
    return n;
  }

  madeBy(inst: object): readonly T[] {
    const indexes = this.indexed();
    if (indexes) return this.sorted(indexes.byInst.get(inst) ?? []);
    const out: T[] = [];
    for (const item of this.order.keys()) if (item.inst === inst) out.push(item);
    return this.sorted(out);
  }

  /**
   * A superset of the items a path query can match, in order: those covering each of `covering`, covered by each
   * of `coveredBy`, starting with each of `startingWith`, plus every item of the `kinds`. Callers apply their own
   * test to each, as they did to the whole list.
   */
  candidates(query: { covering?: readonly string[]; coveredBy?: readonly string[]; startingWith?: readonly string[]; kinds?: readonly string[] }): T[] {
    const indexes = this.indexed();
    if (!indexes) return this.sorted(this.matching(query));
    const out = new Set<T>();
    for (const path of query.covering ?? []) indexes.trie.covering(path, out);
    for (const path of query.coveredBy ?? []) indexes.trie.coveredBy(path, out);
    for (const prefix of query.startingWith ?? []) indexes.trie.startingWith(prefix, out);
    for (const kind of query.kinds ?? []) for (const item of indexes.byKind.get(kind) ?? []) out.add(item);
    return this.sorted(out);
  }

  /** `candidates` of a small index: the same items as the trie gives (see PathTrie), by testing each. */
  private matching(query: { covering?: readonly string[]; coveredBy?: readonly string[]; startingWith?: readonly string[]; kinds?: readonly string[] }): T[] {
    const { covering, coveredBy, startingWith, kinds } = query;
    // Each prefix's last `/` (see trieStartsWith), found once rather than for every item.
    const slashes = startingWith === undefined ? NO_SLASHES : startingWith.map((prefix) => prefix.lastIndexOf('/'));
    const out: T[] = [];
    for (const item of this.order.keys()) {
      if (matchesQuery(item, covering, coveredBy, startingWith, slashes, kinds)) out.push(item);
    }
    return out;
  }

  /** Sets `touched`; the item leaves the untouched index. */
  touch(item: T): void {
    if (item.touched) return;
    this.journal?.push({ op: 'touch', item });
    if (this.order.has(item) && this.tracked.has(item.kind)) this.removeUntouched(item);
    item.touched = true;
  }

  private untouch(item: T): void {
    item.touched = false;
    if (this.order.has(item) && this.tracked.has(item.kind)) this.addUntouched(item);
  }

  /** Touches the untouched items of the tracked kinds that cover `dir` or that `dir` covers. */
  touchAround(dir: string): void {
    // Nothing untouched (most stages): no Set made for every COPY and RUN that asks.
    if (!this.untouched || this.untouched.count === 0) return;
    const hit = new Set<T>();
    this.untouched.trie.covering(dir, hit);
    this.untouched.trie.coveredBy(dir, hit);
    for (const item of hit) this.touch(item);
  }

  /** Touches the untouched items of the tracked kinds that cover `dir`. */
  touchCovering(dir: string): void {
    if (!this.untouched || this.untouched.count === 0) return;
    const hit = new Set<T>();
    this.untouched.trie.covering(dir, hit);
    for (const item of hit) this.touch(item);
  }

  /** Touches every untouched item of the tracked kinds. */
  touchAll(): void {
    for (const kind of this.tracked) for (const item of this.ofKindUnsorted(kind)) this.touch(item);
  }

  /** The items of a kind, in no particular order, as a copy (touching one does not change the list). */
  private ofKindUnsorted(kind: string): T[] {
    if (this.indexes) return [...(this.indexes.byKind.get(kind) ?? [])];
    const out: T[] = [];
    for (const item of this.order.keys()) if (item.kind === kind) out.push(item);
    return out;
  }

  /** Touches the untouched items of the tracked kinds whose key occurs in `text` (`text.includes(key)`). */
  touchContainedIn(text: string): void {
    const untouched = this.untouched;
    if (!untouched || untouched.count === 0) return;
    const hit: T[] = [];
    // Whichever is cheaper: each untouched key searched for in the text, or each substring of the text of an
    // untouched key's length looked up.
    if (untouched.count <= untouched.lengths.size * 4) {
      for (const bag of untouched.byKey.values()) {
        // Not bagItems: an array per key, every RUN.
        if (bag instanceof Set) {
          for (const item of bag) if (text.includes(item.key)) hit.push(item);
        } else if (text.includes(bag.key)) hit.push(bag);
      }
    } else {
      const empty = untouched.byKey.get('');
      if (empty) hit.push(...bagItems(empty));
      const lengths = [...untouched.lengths.keys()].filter((n) => n > 0);
      for (let i = 0; i < text.length; i++) {
        if (!untouched.firsts.has(text[i]!)) continue;
        for (const length of lengths) {
          const bag = i + length <= text.length ? untouched.byKey.get(text.slice(i, i + length)) : undefined;
          if (bag) hit.push(...bagItems(bag));
        }
      }
    }
    for (const item of hit) this.touch(item);
  }

  private addUntouched(item: T): void {
    const untouched = (this.untouched ??= newUntouched());
    untouched.trie.add(item);
    untouched.byKey.set(item.key, bagWith(untouched.byKey.get(item.key), item));
    count(untouched.lengths, item.key.length, 1);
    count(untouched.firsts, item.key.charAt(0), 1);
    untouched.count++;
  }

  private removeUntouched(item: T): void {
    // Only items addUntouched took come here, so the collections exist.
    const untouched = this.untouched!;
    untouched.trie.delete(item);
    bagRemove(untouched.byKey, item.key, item);
    count(untouched.lengths, item.key.length, -1);
    count(untouched.firsts, item.key.charAt(0), -1);
    untouched.count--;
  }

  private sorted(items: Iterable<T>): T[] {
    const out = [...items];
    if (out.length < 2) return out;
    // Mostly in order already (a scan of an unindexed index meets the items as they were added): a pass to see that
    // costs a lookup per item, a sort two per comparison.
    const order = this.order;
    let last = order.get(out[0]!)!;
    for (let i = 1; i < out.length; i++) {
      const n = order.get(out[i]!)!;
      if (n < last) return out.sort((x, y) => order.get(x)! - order.get(y)!);
      last = n;
    }
    return out;
  }
}

/** Up to this many items an index never builds its secondary indexes (each query tests every item). */
const SMALL = 16;
/** How many times its size a larger index's queries test items one by one before it builds them (see indexed). */
const INDEX_AFTER_SCANS = 8;

interface Indexes<T extends Tracked> {
  readonly byKind: Map<string, Set<T>>;
  readonly byInst: Map<object, Set<T>>;
  readonly trie: PathTrie<T>;
}

function indexAdd<T extends Tracked>(indexes: Indexes<T>, item: T): void {
  addTo(indexes.byKind, item.kind, item);
  addTo(indexes.byInst, item.inst, item);
  indexes.trie.add(item);
}

/** The trie's `covers`: `a`'s segments start `b`'s (`a` is `b`, or a directory above it). */
const trieCovers = (a: string, b: string): boolean => a === b || (b.length > a.length && b.charCodeAt(a.length) === 47 && b.startsWith(a));

/**
 * The trie's startingWith: the key is the directory part of `prefix` (before its last `/`, at `slash`), or starts
 * with `prefix`; everything for a prefix without `/`.
 */
function trieStartsWith(key: string, prefix: string, slash: number): boolean {
  if (slash === -1) return true;
  return key.startsWith(prefix) || (key.length === slash && prefix.startsWith(key));
}

const NO_SLASHES: readonly number[] = [];

/** Whether a small index's query takes `item` (PathIndex.matching): what the trie and the kind index would give. */
function matchesQuery(
  item: Tracked,
  covering: readonly string[] | undefined,
  coveredBy: readonly string[] | undefined,
  startingWith: readonly string[] | undefined,
  slashes: readonly number[],
  kinds: readonly string[] | undefined,
): boolean {
  const key = item.key;
  if (covering !== undefined) for (let i = 0; i < covering.length; i++) if (key === '/' || trieCovers(key, covering[i]!)) return true;
  if (coveredBy !== undefined) {
    for (let i = 0; i < coveredBy.length; i++) if (coveredBy[i] === '/' || trieCovers(coveredBy[i]!, key)) return true;
  }
  if (startingWith !== undefined) for (let i = 0; i < startingWith.length; i++) if (trieStartsWith(key, startingWith[i]!, slashes[i]!)) return true;
  return kinds !== undefined && kinds.includes(item.kind);
}

/** The untouched items of the tracked kinds, indexed for the touch queries. */
interface Untouched<T extends Tracked> {
  readonly trie: PathTrie<T>;
  readonly byKey: Map<string, Bag<T>>;
  /** How many untouched keys have each length, for finding which of them a RUN's text contains. */
  readonly lengths: Map<number, number>;
  /** How many untouched keys start with each character: substrings starting elsewhere need no lookup. */
  readonly firsts: Map<string, number>;
  count: number;
}

const newUntouched = <T extends Tracked>(): Untouched<T> => ({ trie: new PathTrie<T>(), byKey: new Map(), lengths: new Map(), firsts: new Map(), count: 0 });

type Change<T> = { readonly op: 'add' | 'touch'; readonly item: T } | { readonly op: 'delete'; readonly item: T; readonly order: number };

function count<K>(map: Map<K, number>, key: K, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n === 0) map.delete(key);
  else map.set(key, n);
}

function addTo<K, T>(map: Map<K, Set<T>>, key: K, item: T): void {
  const set = map.get(key);
  if (set) set.add(item);
  else map.set(key, new Set<T>().add(item));
}

function removeFrom<K, T>(map: Map<K, Set<T>>, key: K, item: T): void {
  const set = map.get(key);
  if (!set) return;
  set.delete(item);
  if (set.size === 0) map.delete(key);
}

/**
 * The items at one key or trie node: the item itself while there is one (nearly always: a path or package is made
 * once), a Set from the second on. A Set per key and per node was most of what adding an item allocated. Items are
 * plain objects, never Sets; a Set stays a Set when deletes leave it one item, as it did before.
 */
type Bag<T> = T | Set<T>;

function bagWith<T extends object>(bag: Bag<T> | null | undefined, item: T): Bag<T> {
  if (bag === null || bag === undefined || bag === item) return item;
  if (bag instanceof Set) return bag.add(item);
  return new Set([bag, item]);
}

/** The bag without `item`: null when that empties it. */
function bagWithout<T extends object>(bag: Bag<T>, item: T): Bag<T> | null {
  if (!(bag instanceof Set)) return bag === item ? null : bag;
  bag.delete(item);
  return bag.size === 0 ? null : bag;
}

function bagRemove<K, T extends object>(map: Map<K, Bag<T>>, key: K, item: T): void {
  const bag = map.get(key);
  if (bag === undefined) return;
  const rest = bagWithout(bag, item);
  if (rest === null) map.delete(key);
  else if (rest !== bag) map.set(key, rest);
}

const bagItems = <T extends object>(bag: Bag<T>): Iterable<T> => (bag instanceof Set ? bag : [bag]);

function addBag<T extends object>(bag: Bag<T>, out: Set<T>): void {
  if (bag instanceof Set) for (const item of bag) out.add(item);
  else out.add(bag);
}

/** For a glob path, the text every path it matches starts with: what precedes its first `*`, `?` or `[`. */
export const literalPrefix = (glob: string): string => {
  const i = glob.search(/[*?[]/);
  return i === -1 ? glob : glob.slice(0, i);
};

/** For StageInheritance: stages built FROM one stage share its index and roll back what they changed. */
export const indexVersions = <T extends Tracked>(): Versions<PathIndex<T>> => ({
  mark: (index) => index.mark(),
  rollback: (index, to) => index.rollback(to),
  forget: (index) => index.forget(),
});
