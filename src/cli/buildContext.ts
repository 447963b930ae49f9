import { readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { BuildContext } from '../engine';

/**
 * A read-only BuildContext over a directory: paths are relative to `root` (`/`-separated; a leading `/` means the
 * root too), and nothing outside the root can be reached. Missing or unreadable entries read as null/empty.
 * `dockerfile`, when inside the root, lets rules find `<Dockerfile>.dockerignore` next to it.
 */
export function directoryBuildContext(root: string, dockerfile?: string): BuildContext {
  const base = resolve(root);
  const dockerfileRel = dockerfile === undefined ? undefined : relative(base, resolve(dockerfile));
  const inContext = dockerfileRel !== undefined && !dockerfileRel.startsWith('..') && !isAbsolute(dockerfileRel);
  const inside = (path: string): string | null => {
    const full = resolve(base, path.replace(/^[/\\]+/, ''));
    const rel = relative(base, full);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)) ? full : null;
  };
  return {
    root: base,
    ...(inContext ? { dockerfile: dockerfileRel.split(sep).join('/') } : {}),
    list(dir) {
      const full = inside(dir);
      if (!full) return [];
      try {
        return readdirSync(full).sort();
      } catch {
        return [];
      }
    },
    stat(path) {
      const full = inside(path);
      if (!full) return null;
      try {
        const s = statSync(full);
        return { size: s.size, isDirectory: s.isDirectory() };
      } catch {
        return null;
      }
    },
    read(path) {
      const full = inside(path);
      if (!full) return null;
      try {
        return readFileSync(full, 'utf8');
      } catch {
        return null;
      }
    },
  };
}
