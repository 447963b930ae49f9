import { compilePathPattern, type PathPattern } from './pathPattern';

/**
 * `.dockerignore` with Docker's semantics (moby/patternmatcher and its ignorefile reader): one pattern a line,
 * `#` comments, `!` exceptions, paths cleaned and made relative to the context root, `*` and `?` within one path
 * component, `**` across components, and the last matching pattern wins. A pattern that matches a directory also
 * excludes everything below it.
 */
export interface IgnorePattern {
  /** Cleaned pattern, without the `!`. */
  readonly pattern: string;
  readonly exclusion: boolean;
  /** Number of path components, for matching parent directories. */
  readonly depth: number;
  readonly matcher: PathPattern;
}

export class DockerIgnore {
  readonly patterns: readonly IgnorePattern[];

  constructor(text: string) {
    this.patterns = parsePatterns(text);
  }

  /** Whether any pattern is an exception (`!pattern`). */
  get hasExclusions(): boolean {
    return this.patterns.some((p) => p.exclusion);
  }

  /**
   * patternmatcher's MatchesOrParentMatches: whether `path` (relative to the context root, `/`-separated) is ignored,
   * because it or one of its parent directories matches, after every pattern has been applied in order.
   */
  isIgnored(path: string): boolean {
    const file = cleanPath(path).replace(/^\/+/, '');
    const parts = file.split('/');
    const parents = parts.slice(0, -1);
    let matched = false;
    for (const pattern of this.patterns) {
      if (pattern.exclusion !== matched) continue;
      let match = pattern.matcher.test(file);
      for (let i = 0; !match && i < parents.length; i++) match = pattern.matcher.test(parents.slice(0, i + 1).join('/'));
      if (match) matched = !pattern.exclusion;
    }
    return matched;
  }
}

function parsePatterns(text: string): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const line of lines) {
    if (line.startsWith('#')) continue;
    let pattern = line.trim();
    if (pattern === '') continue;
    const exclusion = pattern.startsWith('!');
    if (exclusion) pattern = pattern.slice(1).trim();
    if (pattern === '') continue;
    pattern = cleanPath(pattern);
    if (pattern.length > 1 && pattern.startsWith('/')) pattern = pattern.slice(1);
    patterns.push({ pattern, exclusion, depth: pattern.split('/').length, matcher: compilePathPattern(pattern) });
  }
  return patterns;
}

/** Go's path.Clean: collapse `//`, drop `.`, resolve `..`; `''` becomes `.`. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const joined = out.join('/');
  return rooted ? `/${joined}` : joined || '.';
}

/** The ignore file Docker uses: `<Dockerfile>.dockerignore` next to the Dockerfile wins over the root `.dockerignore`. */
export function loadIgnore(context: { readonly dockerfile?: string; read(path: string): string | null }): { file: string; ignore: DockerIgnore } | null {
  const candidates = [...(context.dockerfile ? [`${context.dockerfile}.dockerignore`] : []), '.dockerignore'];
  for (const file of candidates) {
    const text = context.read(file);
    if (text !== null) return { file, ignore: new DockerIgnore(text) };
  }
  return null;
}
