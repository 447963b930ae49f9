/**
 * The array at its exact size, for a list a lint keeps (a parse tree's, a memo's). An array built by `push` from empty
 * has room for 17 elements (152 bytes) however few it holds, and most such lists hold one to four (a command's words,
 * a RUN's scripts, a tool's operands): a lint keeps them until it ends, and each young-generation collection in
 * between copies them whole. On the fuzz giant of 4,383 one-line RUNs they were 12 MB of the 58 MB a lint holds at
 * its end. The copy keeps the elements kind (slice does); the pushed array dies young.
 */
export function exactSize<T>(list: T[]): T[];
export function exactSize<T>(list: readonly T[]): readonly T[];
export function exactSize<T>(list: readonly T[]): readonly T[] {
  return list.length > 0 && list.length < 17 ? list.slice() : list;
}
