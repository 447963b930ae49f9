/**
 * Memoises a computation about one lint's object (an instruction node, a semantic model) on that object itself.
 *
 * Not in a module-level WeakMap: V8's minor GC treats every value of a WeakMap as live for as long as the WeakMap
 * is (only a full GC honours the keys' deaths), and these values lead back to the whole AST and model. With
 * WeakMaps, every lint's AST and model survived each young-generation GC and was promoted: about 3 MB copied per
 * scavenge in the language server, which re-lints on every keystroke. On the object, the memo dies with it.
 */
const SLOT: unique symbol = Symbol('dfopt.memo');

type Owner = object & { [SLOT]?: Map<symbol, unknown> };

/** A key for one kind of memoised computation; `name` only shows in debuggers. */
export const memoKey = (name: string): symbol => Symbol(name);

/**
 * `compute` gets the owner and `arg`, so a hot caller can pass a function defined once instead of a new closure on
 * every call (the memo is usually there already, and the closure was then all the call allocated).
 */
export function memoOn<T, O extends object = object, A = undefined>(owner: O, key: symbol, compute: (owner: O, arg: A) => T, arg?: A): T {
  const o = owner as Owner;
  let memos = o[SLOT];
  if (memos === undefined) {
    memos = new Map();
    // Not enumerable: spreading or serialising a node must not carry its memos along.
    Object.defineProperty(o, SLOT, { value: memos, enumerable: false });
  } else {
    // One lookup where the value is there and defined, as it nearly always is; `has` only to tell a memoised undefined.
    const known = memos.get(key);
    if (known !== undefined || memos.has(key)) return known as T;
  }
  const value = compute(owner, arg as A);
  memos.set(key, value);
  return value;
}
