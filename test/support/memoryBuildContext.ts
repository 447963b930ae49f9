import type { BuildContext } from '../../src/engine';

/** A BuildContext over in-memory files (path → content, `/`-separated), for tests and executable docs. */
export function memoryBuildContext(files: Readonly<Record<string, string>>, dockerfile?: string): BuildContext {
  const norm = (p: string): string => p.replace(/^\/+|\/+$/g, '').replace(/^\.\//, '');
  const entries = new Map(Object.entries(files).map(([p, c]) => [norm(p), c]));
  const isDir = (p: string): boolean => p === '' || [...entries.keys()].some((k) => k.startsWith(`${p}/`));
  return {
    root: '/context',
    ...(dockerfile ? { dockerfile } : {}),
    list(dir) {
      const d = norm(dir);
      const prefix = d === '' || d === '.' ? '' : `${d}/`;
      const names = new Set<string>();
      for (const k of entries.keys()) if (k.startsWith(prefix)) names.add(k.slice(prefix.length).split('/')[0]!);
      return [...names].sort();
    },
    stat(path) {
      const p = norm(path);
      const content = entries.get(p);
      if (content !== undefined) return { size: Buffer.byteLength(content), isDirectory: false };
      return isDir(p) ? { size: 0, isDirectory: true } : null;
    },
    read(path) {
      return entries.get(norm(path)) ?? null;
    },
  };
}
