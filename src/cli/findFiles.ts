import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import type PicomatchModule from 'picomatch';
import { describePathError, errorCode, InputError } from './readDockerfile';

/** Names dfopt lints when it walks a directory: Dockerfile, Containerfile, *.Dockerfile, Dockerfile.*, Dockerfile-*. */
export function isDockerfileName(name: string): boolean {
  return /^(docker|container)file([.-].+)?$/i.test(name) || /[.-]dockerfile$/i.test(name) || /^containerfile\..+$/i.test(name);
}

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'coverage']);
const GLOB_CHARS = /[*?[\]{}!]/;

export interface FoundFiles {
  readonly files: string[];
  /** Paths that named nothing lintable (missing, or a directory/glob with no Dockerfiles). */
  readonly errors: InputError[];
  /** Directories inside the ones named that could not be listed, and why: their Dockerfiles were not found. */
  readonly unsearched: string[];
}

/** Expands CLI paths: files are taken as given, directories are walked, globs are matched. Order is stable. */
export function findFiles(paths: readonly string[]): FoundFiles {
  const files: string[] = [];
  const errors: InputError[] = [];
  const unsearched: string[] = [];
  const seen = new Set<string>();
  const add = (file: string): void => {
    const key = resolve(file);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(file);
    }
  };
  for (const path of paths) {
    if (GLOB_CHARS.test(path) && !exists(path)) {
      const matched = expandGlob(path);
      if (matched.length === 0) errors.push(new InputError(path, 'no files match this pattern'));
      matched.forEach(add);
      continue;
    }
    let stat;
    try {
      stat = statSync(path);
    } catch (error) {
      errors.push(new InputError(path, describePathError(path, error)));
      continue;
    }
    if (stat.isDirectory()) {
      const unlisted: Unlisted[] = [];
      const found = walk(path, unlisted).filter((f) => isDockerfileName(f.slice(f.lastIndexOf(sep) + 1)));
      for (const { dir, why } of unlisted) {
        // The directory named cannot be listed itself: that is the reason, not "no Dockerfiles".
        if (dir === path) errors.push(new InputError(path, why));
        else unsearched.push(`${dir}: ${why}; not searched for Dockerfiles`);
      }
      if (found.length === 0 && unlisted.length === 0) errors.push(new InputError(path, 'no Dockerfiles found in this directory'));
      found.forEach(add);
    } else {
      add(path);
    }
  }
  return { files, errors, unsearched };
}

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/** A directory a walk could not list, and why. */
type Unlisted = { readonly dir: string; readonly why: string };

/**
 * The files under `dir`. A directory that cannot be listed is said in `unlisted`, not passed over in silence: a
 * Dockerfile in it would be missing from the run without a word. One deleted meanwhile is not.
 */
function walk(dir: string, unlisted: Unlisted[]): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (errorCode(error) !== 'ENOENT' || dir.includes('\uFFFD')) unlisted.push({ dir, why: describePathError(dir, error, 'directory') });
    return out;
  }
  // Byte order, not locale order: the same list on every machine.
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) out.push(...walk(full, unlisted));
    } else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Loaded only for globs and ignore patterns: most runs name plain files and pay nothing for it. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loadPicomatch = (): typeof PicomatchModule => require('picomatch') as typeof PicomatchModule;

function expandGlob(pattern: string): string[] {
  const picomatch = loadPicomatch();
  const { base } = picomatch.scan(pattern);
  const root = base || '.';
  const isMatch = picomatch(pattern, { dot: false });
  return walk(root, []).filter((file) => {
    const rel = relative('.', file).split(sep).join('/');
    return isMatch(rel) || isMatch(file.split(sep).join('/'));
  });
}

/** Whether `file` matches any of a config's `ignore` globs (relative to the config's directory). */
export function isIgnored(file: string, ignore: readonly string[] | undefined, baseDir: string | undefined): boolean {
  if (!ignore || ignore.length === 0) return false;
  const rel = relative(baseDir ?? process.cwd(), resolve(file)).split(sep).join('/');
  return loadPicomatch().isMatch(rel, ignore as string[], { dot: true });
}
