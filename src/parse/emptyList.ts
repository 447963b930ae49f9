/**
 * A new empty array with the elements kind V8 gives arrays of objects (PACKED_ELEMENTS), for a shared "none" value
 * of a list of objects (no heredocs, no continuation lines). A `[]` literal is PACKED_SMI_ELEMENTS, another hidden
 * class than the non-empty lists it stands in for: code reading such a list would see two maps and, optimised on
 * one, deoptimise ('wrong map') on the other. Pushing an object and popping it leaves the kind as it is.
 */
export function emptyObjectList<T extends object>(): readonly T[] {
  const list: Array<T | null> = [null];
  list.pop();
  return list as T[];
}
