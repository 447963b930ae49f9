/**
 * For scaling tests (counts, not times): how many elements of a stage's instruction list Array methods that scan
 * visit while `run` runs. A rule that looks for an instruction by scanning the stage once per finding visits N²
 * elements on a stage of N instructions with N findings. Counted: lists of 1,000 or more instructions, through
 * filter, indexOf, findIndex, find, some and every.
 */
export function stageScans(run: () => void): number {
  const names = ['filter', 'indexOf', 'findIndex', 'find', 'some', 'every'] as const;
  const originals = names.map((name) => Array.prototype[name]);
  let visited = 0;
  names.forEach((name, k) => {
    const original = originals[k] as (...args: unknown[]) => unknown;
    (Array.prototype as unknown as Record<string, unknown>)[name] = function (this: unknown[], ...args: unknown[]) {
      if (this.length >= 1000 && (this[0] as { keyword?: unknown } | undefined)?.keyword !== undefined) visited += this.length;
      return original.apply(this, args);
    };
  });
  try {
    run();
  } finally {
    names.forEach((name, k) => ((Array.prototype as unknown as Record<string, unknown>)[name] = originals[k]));
  }
  return visited;
}
