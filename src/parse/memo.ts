import { exactSize } from './exactSize';

/**
 * Memoises a computation about one lint's object (an instruction node, a semantic model) on that object itself.
 *
 * Not in a module-level WeakMap: V8's minor GC treats every value of a WeakMap as live for as long as the WeakMap
 * is (only a full GC honours the keys' deaths), and these values lead back to the whole AST and model. With
 * WeakMaps, every lint's AST and model survived each young-generation GC and was promoted: about 3 MB copied per
 * scavenge in the language server, which re-lints on every keystroke. On the object, the memo dies with it.
 */

/**
 * The slot an instruction node declares in its object literal (`[MEMO]: undefined`), so that every node has it from
 * birth and one hidden class. A symbol key: JSON.stringify, Object.keys and for…in skip it, so serialising a node
 * does not carry its memos along (nor walk into them: they lead back to the AST).
 */
export const MEMO: unique symbol = Symbol('dfopt.memo');

/** What the slot holds: the owner first (see memoOn), then one value per memo key. */
export type Memos = unknown[];

/**
 * The slot for memos that outlive one lint: on the parse of an instruction that parseDockerfile reuses for the same
 * text at the same place in later versions of a document (see its `setInstructionReuse`), and that every node made
 * from it points to. Only for what follows from the node's own text and position, never from the rest of the file or
 * a lint's context (a stage's SHELL, the config): see memoShared.
 */
export const SHARED: unique symbol = Symbol('dfopt.shared');

/** What SHARED points to: the parse the node was made from, with the memos kept on it. */
export interface SharedMemos {
  memos: Memos | undefined;
  /** The node's fields shared memos may read, to tell a node made from this parse from a copy with other fields. */
  readonly keyword: unknown;
  readonly flags: unknown;
  readonly argsText: unknown;
  readonly heredocs: unknown;
  readonly execForm: unknown;
  readonly range: unknown;
}

/** An object with the slot; only parseDockerfile's instruction nodes are made so. */
export interface Memoised {
  [MEMO]?: Memos | undefined;
  readonly [SHARED]?: SharedMemos | undefined;
}

/** A key for one kind of memoised computation: an index into the owner's memos. `name` is for readers only. */
export type MemoKey = number & { readonly memoKey: true };

let keys = 1;
export const memoKey = (name: string): MemoKey => {
  void name;
  return keys++ as MemoKey;
};

/** A memoised value; an array at its exact size (see exactSize): lists are most of what memos keep. */
const kept = <T>(value: T): T => (Array.isArray(value) ? (exactSize(value) as T) : value);

/**
 * `compute` gets the owner and `arg`, so a hot caller can pass a function defined once instead of a new closure on
 * every call (the memo is usually there already, and the closure was then all the call allocated).
 *
 * Was a Map per owner under a symbol added with Object.defineProperty: the lookup (a megamorphic load, since arrays
 * and commands were owners too, then a Map.get) was the top self-time function in the fuzz's many-RUN giants. Now an
 * array index on a slot of one hidden class. A computed `undefined` is not remembered (none of the memos is one).
 */
export function memoOn<T, O extends Memoised, A = undefined>(owner: O, key: MemoKey, compute: (owner: O, arg: A) => T, arg?: A): T {
  let memos = owner[MEMO];
  // memos[0] is the owner: a node copied with its slot (`{ ...node }`) starts afresh instead of sharing the memos.
  if (memos === undefined || memos[0] !== owner) {
    memos = new Array<unknown>(keys);
    memos[0] = owner;
    owner[MEMO] = memos;
  } else {
    const known = memos[key];
    if (known !== undefined) return known as T;
  }
  const value = kept(compute(owner, arg as A));
  memos[key] = value;
  return value;
}

/**
 * memoOn for computations that read only the node's keyword and arguments (keyword, flags, words, argsText, heredocs,
 * execForm): kept on the parse the node was made from, so that the language server's next lint, which gets a new node
 * for an unchanged instruction, finds them done. `compute` must not read anything else (the index, the trigger, other
 * instructions, a lint's state), and what it returns is shared by those lints: never to be written to.
 */
export function memoShared<T, O extends Memoised & Omit<SharedMemos, 'memos'>>(owner: O, key: MemoKey, compute: (owner: O) => T): T {
  const shared = owner[SHARED];
  // A node made by hand, or copied from a parsed one with other fields: its memos are its own. Not `words`: they follow
  // from argsText, and reading them would make a parse's words, which most RUNs never need (see parseDockerfile).
  if (
    shared === undefined ||
    shared.argsText !== owner.argsText ||
    shared.flags !== owner.flags ||
    shared.heredocs !== owner.heredocs ||
    shared.execForm !== owner.execForm ||
    shared.keyword !== owner.keyword
  ) {
    return memoOn(owner, key, compute);
  }
  let memos = shared.memos;
  if (memos === undefined) {
    memos = new Array<unknown>(keys);
    shared.memos = memos;
  } else {
    const known = memos[key];
    if (known !== undefined) return known as T;
  }
  const value = kept(compute(owner));
  memos[key] = value;
  return value;
}

/**
 * memoShared for computations that also read the document's text inside the node's own range (its lines, as
 * continuation-line scans do) and the escape character: a reused parse is one of the same text at the same place
 * (offset, line and column) with the same escape character, so that text is the same too. `arg` as memoOn's; it must
 * not carry anything else into the result.
 */
export function memoSharedInRange<T, O extends Memoised & Omit<SharedMemos, 'memos'>, A>(owner: O, key: MemoKey, compute: (owner: O, arg: A) => T, arg: A): T {
  const shared = owner[SHARED];
  // A node made by hand, or copied from a parsed one with another range or arguments: its memos are its own.
  if (shared === undefined || shared.range !== owner.range || shared.argsText !== owner.argsText || shared.heredocs !== owner.heredocs) {
    return memoOn(owner, key, compute, arg);
  }
  let memos = shared.memos;
  if (memos === undefined) {
    memos = new Array<unknown>(keys);
    shared.memos = memos;
  } else {
    const known = memos[key];
    if (known !== undefined) return known as T;
  }
  const value = kept(compute(owner, arg));
  memos[key] = value;
  return value;
}

const SLOT: unique symbol = Symbol('dfopt.memoOnObject');

/**
 * A key for memoOnObject: a key space of its own, so that an object's memos (a command's, a word list's: three of
 * them per shell command) are an array of the ten or so such keys, not of every memoKey (224 bytes each, and a
 * lint keeps them all until it ends).
 */
export type ObjectMemoKey = number & { readonly objectMemoKey: true };

let objectKeys = 0;
export const objectMemoKey = (name: string): ObjectMemoKey => {
  void name;
  return objectKeys++ as ObjectMemoKey;
};

type Owner = object & { [SLOT]?: Memos };

/**
 * memoOn for an object without the slot (a word list, a command, a semantic model): the memos are added to it as a
 * non-enumerable property on first use.
 */
export function memoOnObject<T, O extends object, A = undefined>(owner: O, key: ObjectMemoKey, compute: (owner: O, arg: A) => T, arg?: A): T {
  const o = owner as Owner;
  let memos = o[SLOT];
  if (memos === undefined) {
    memos = new Array<unknown>(objectKeys);
    // Not enumerable: spreading or serialising the object must not carry its memos along.
    Object.defineProperty(o, SLOT, { value: memos, enumerable: false });
  } else {
    const known = memos[key];
    if (known !== undefined) return known as T;
  }
  const value = kept(compute(owner, arg as A));
  memos[key] = value;
  return value;
}
