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

/** An object with the slot; only parseDockerfile's instruction nodes are made so. */
export interface Memoised {
  [MEMO]?: Memos | undefined;
}

/** A key for one kind of memoised computation: an index into the owner's memos. `name` is for readers only. */
export type MemoKey = number & { readonly memoKey: true };

let keys = 1;
export const memoKey = (name: string): MemoKey => {
  void name;
  return keys++ as MemoKey;
};

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
  const value = compute(owner, arg as A);
  memos[key] = value;
  return value;
}

const SLOT: unique symbol = Symbol('dfopt.memoOnObject');

type Owner = object & { [SLOT]?: Memos };

/**
 * memoOn for an object without the slot (a word list, a command, a semantic model): the memos are added to it as a
 * non-enumerable property on first use.
 */
export function memoOnObject<T, O extends object, A = undefined>(owner: O, key: MemoKey, compute: (owner: O, arg: A) => T, arg?: A): T {
  const o = owner as Owner;
  let memos = o[SLOT];
  if (memos === undefined) {
    memos = new Array<unknown>(keys);
    // Not enumerable: spreading or serialising the object must not carry its memos along.
    Object.defineProperty(o, SLOT, { value: memos, enumerable: false });
  } else {
    const known = memos[key];
    if (known !== undefined) return known as T;
  }
  const value = compute(owner, arg as A);
  memos[key] = value;
  return value;
}
