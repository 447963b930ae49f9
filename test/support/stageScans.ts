/** Array methods that scan a list, as the scaling tests count them. */
type ScanName = 'filter' | 'find' | 'findIndex' | 'findLast' | 'findLastIndex' | 'some' | 'every' | 'indexOf' | 'lastIndexOf' | 'includes' | 'map' | 'forEach' | 'reduce';

/**
 * For scaling tests (counts, not times): how many elements Array methods that scan visit while `run` runs, the whole
 * list counted per call, for lists of 1,000 or more that `counted` accepts. Work done once per item over such a list
 * shows as N² elements.
 */
export function arrayScans(run: () => void, names: readonly ScanName[], counted: (list: readonly unknown[]) => boolean = () => true): number {
  const prototype = Array.prototype as unknown as Record<string, unknown>;
  const originals = names.map((name) => prototype[name]);
  let visited = 0;
  names.forEach((name, k) => {
    const original = originals[k] as (...args: unknown[]) => unknown;
    prototype[name] = function (this: unknown[], ...args: unknown[]) {
      if (this.length >= 1000 && counted(this)) visited += this.length;
      return original.apply(this, args);
    };
  });
  try {
    run();
  } finally {
    names.forEach((name, k) => (prototype[name] = originals[k]));
  }
  return visited;
}

/**
 * How many elements of a stage's instruction list (a list of nodes with a keyword) filter, indexOf, findIndex, find,
 * some and every visit while `run` runs. A rule that looks for an instruction by scanning the stage once per finding
 * visits N² elements on a stage of N instructions with N findings.
 */
export const stageScans = (run: () => void): number =>
  arrayScans(run, ['filter', 'indexOf', 'findIndex', 'find', 'some', 'every'], (list) => (list[0] as { keyword?: unknown } | undefined)?.keyword !== undefined);
