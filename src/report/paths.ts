import { isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The path CI systems resolve against the repository root: relative to `cwd`, `/`-separated. Paths that are not files
 * (`<stdin>`) and every path when no `cwd` is given stay as they are, but with `/` separators.
 */
export function repoRelativePath(file: string, cwd: string | undefined): string {
  const path = cwd && !file.startsWith('<') ? relative(cwd, isAbsolute(file) ? file : resolve(cwd, file)) : file;
  return sep === '\\' ? path.split(sep).join('/') : path;
}

/** A relative URI reference for a `/`-separated path: each segment percent-encoded (spaces, `#`, `%`, `?`). */
export const relativeUri = (path: string): string => path.split('/').map(encodeURIComponent).join('/');
