import { closeSync, type Dirent, existsSync, lstatSync, openSync, readdirSync, readFileSync, readSync, type Stats, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { BuildContext } from '../engine';

type Stat = { readonly size: number; readonly isDirectory: boolean };

/**
 * How much of one context a run lists. Rules bound their own walks far below this; it caps what all of them
 * together, over every Dockerfile, can make dfopt read from a huge or slow (network) file system.
 */
export interface ContextLimits {
  readonly maxEntries: number;
  readonly maxMs: number;
  /** Hears, once per context, that a bound was hit. */
  readonly onLimit: (message: string) => void;
}

/** Resolved context paths a snapshot remembers before it starts over (see DirectorySnapshot.inside). */
const PATHS_KEPT = 1024;

/**
 * Whether a name missing from a directory's listing is missing from the directory: not where the file system may
 * match names regardless of case (macOS, Windows), where a listing of `Dockerfile` answers a stat of `dockerfile`.
 */
const EXACT_NAMES = process.platform === 'linux';

/** Reads in one directory after which it is listed, so that the rest are answered without the file system. */
const LIST_AFTER_READS = 16;

/**
 * The most of one context file (a .dockerignore, a package.json) a rule reads: as much as a Dockerfile may hold. Such
 * files are small; read whole, a 700 MB one (a stray dump named package.json) cost 4 s and 1.1 GB of memory.
 */
const MAX_CONTEXT_FILE_BYTES = 1024 * 1024;

const DEFAULT_LIMITS: ContextLimits = { maxEntries: 1_000_000, maxMs: 5_000, onLimit: () => undefined };

/**
 * One directory tree as read during one run: each directory listed once, each path stat'ed and each file read at
 * most once, however many Dockerfiles and rules ask. A run is short, so the tree is taken as unchanging meanwhile.
 */
class DirectorySnapshot {
  private readonly lists = new Map<string, readonly string[]>();
  /** Directories listed in full (not cut short by the limits, readable): what they lack is not there. */
  private readonly complete = new Set<string>();
  private readonly stats = new Map<string, Stat | null>();
  private readonly reads = new Map<string, string | null>();
  private readonly paths = new Map<string, string | null>();
  private readonly memos = new Map<string, unknown>();
  /** Reads so far in each directory not listed in full (see countRead). */
  private readonly readsIn = new Map<string, number>();
  private listed = 0;
  private listingMs = 0;
  private limitHit = false;

  constructor(
    private readonly root: string,
    private readonly limits: ContextLimits,
  ) {}

  /**
   * Forgets what was read, after dfopt wrote into the tree (a fix's .dockerignore): the next Dockerfile of the run
   * then reads what is there now, not the text the write replaced. The limits still count what was listed.
   */
  reset(): void {
    for (const cache of [this.lists, this.stats, this.reads, this.memos, this.readsIn]) cache.clear();
    this.complete.clear();
  }

  list(full: string): readonly string[] {
    let names = this.lists.get(full);
    if (names === undefined) {
      let entries: Dirent[] = [];
      // Past the bound the rest of the tree reads as empty: checks see less, and the user is told once.
      const { maxEntries, maxMs, onLimit } = this.limits;
      if (this.listed < maxEntries && this.listingMs < maxMs) {
        // process.hrtime, not perf_hooks: importing node:perf_hooks cost every start-up ~0.6 ms and a scavenge's worth of allocation.
        const start = process.hrtime.bigint();
        try {
          entries = readdirSync(full, { withFileTypes: true });
          this.complete.add(full);
        } catch {
          entries = [];
        }
        this.listed += entries.length;
        this.listingMs += Number(process.hrtime.bigint() - start) / 1e6;
      } else if (!this.limitHit) {
        this.limitHit = true;
        const why = this.listed >= maxEntries ? `has more than ${maxEntries.toLocaleString('en')} entries` : `took over ${maxMs / 1000} s to list`;
        onLimit(`build context ${this.root} ${why}; checks that read it (.dockerignore, missing-dockerignore) saw only part of it`);
      }
      // Byte order, not locale order: the same walk on every machine.
      names = entries.map((e) => e.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      // The listing already says what each entry is: a walk that only asks "is it a directory?" costs no stat.
      // Symbolic links are left to stat(), which follows them.
      for (const entry of entries) {
        if (entry.isSymbolicLink()) continue;
        const path = join(full, entry.name);
        if (!this.stats.has(path)) this.stats.set(path, this.lazyStat(path, entry.isDirectory()));
      }
      this.lists.set(full, names);
    }
    return names;
  }

  memo<T>(key: string, compute: () => T): T {
    if (!this.memos.has(key)) this.memos.set(key, compute());
    return this.memos.get(key) as T;
  }

  /** A context path resolved against the root (null outside it), remembered: resolving costs more than the lookup. */
  inside(path: string, resolveIt: () => string | null): string | null {
    // Most paths are one Dockerfile's (`<Dockerfile>.dockerignore`, its COPY sources), asked again only while it is
    // linted: past PATHS_KEPT they are forgotten, so a run over a tree does not keep every file's (the corpus's 3,254
    // Dockerfiles in one directory left 14,000 entries, 2.1 MB).
    if (this.paths.size >= PATHS_KEPT) this.paths.clear();
    return remembered(this.paths, path, resolveIt);
  }

  stat(full: string): Stat | null {
    return remembered(this.stats, full, () => {
      // Most paths stat'ed are COPY sources that are not there (a tree of Dockerfiles without their contexts): a
      // failed statSync throws, an error object and its stack each time.
      if (this.knownMissing(full)) return null;
      const s = statSync(full);
      return { size: s.size, isDirectory: s.isDirectory() };
    });
  }

  read(full: string): string | null {
    return remembered(this.reads, full, () => {
      // Most reads are of files that are not there (`<Dockerfile>.dockerignore`, once per Dockerfile), and a failed
      // readFileSync throws: an error object and its stack each time, 3.7 % of linting the corpus. A directory already
      // listed in full answers that without asking the file system; elsewhere existsSync, which never throws, asks
      // first (the first Node error of a run also compiles Node's error helpers: ~0.4 ms of a one-file lint).
      const dir = dirname(full);
      if (!this.complete.has(dir)) this.countRead(dir);
      const names = this.complete.has(dir) ? this.lists.get(dir) : undefined;
      if (names ? !sortedIncludes(names, basename(full)) : !existsSync(full)) return null;
      // A named pipe or a device (a .dockerignore linked to /dev/zero) is no file the context offers: read, it could
      // block or never end.
      const stat = statSync(full);
      if (!stat.isFile()) return null;
      if (stat.size <= MAX_CONTEXT_FILE_BYTES) return readFileSync(full, 'utf8');
      this.limits.onLimit(`${full} is over 1 MiB; checks that read it (.dockerignore, manifests) saw only its first 1 MiB`);
      return readHead(full, MAX_CONTEXT_FILE_BYTES);
    });
  }

  /**
   * Whether a listing says `full` is not there: the nearest directory above it that was listed in full lacks the
   * next name on the way down. Only where names compare exactly (see EXACT_NAMES); a listing is taken as the tree.
   */
  private knownMissing(full: string): boolean {
    if (!EXACT_NAMES) return false;
    let child = full;
    for (let dir = dirname(child); dir !== child; child = dir, dir = dirname(dir)) {
      if (this.complete.has(dir)) return !sortedIncludes(this.lists.get(dir)!, basename(child));
    }
    return false;
  }

  /**
   * Counts the reads in a directory not yet listed; at the LIST_AFTER_READS-th it is listed (while the limits allow),
   * and the reads after that are answered from the listing. A run over many Dockerfiles in one directory asks there
   * for each one's `<Dockerfile>.dockerignore`, nearly always missing: one existsSync each (~1 % of linting the
   * corpus's 3,254 files) where one listing answers them all.
   */
  private countRead(dir: string): void {
    const n = (this.readsIn.get(dir) ?? 0) + 1;
    this.readsIn.set(dir, n);
    if (n === LIST_AFTER_READS && EXACT_NAMES && this.listed < this.limits.maxEntries && this.listingMs < this.limits.maxMs) this.list(dir);
  }

  /** Size is stat'ed only when someone asks for it. */
  private lazyStat(full: string, isDirectory: boolean): Stat {
    return new ListedStat(full, isDirectory);
  }
}

/**
 * Why a fix must not write the file at `full` (a Dockerfile, a context file), which it read as `before` (null: found
 * no file there), or null. A fix rewrites a file whole (its text plus the lines it appends), so only when the bytes on disk are that
 * text: not when the file is over the read limit (a .dockerignore cut to its first 1 MiB), not UTF-8 (its other bytes
 * would come back as U+FFFD), or changed since it was read. A file it creates must still be missing: a symbolic link
 * to nothing, a directory or a file made since then is not replaced. A file that is gone is left to the write. One
 * that already holds `after`, what the fix would write, is no change to lose.
 */
export function rewriteProblem(full: string, before: string | null, after?: string): string | null {
  if (before === null) {
    let entry: Stats;
    try {
      entry = lstatSync(full);
    } catch {
      return null;
    }
    if (entry.isSymbolicLink()) return 'is a symbolic link to a missing file';
    return entry.isDirectory() ? 'is a directory' : 'was created while dfopt ran';
  }
  let bytes: Buffer;
  try {
    if (statSync(full).size > MAX_CONTEXT_FILE_BYTES) return 'is over 1 MiB, and dfopt read only its first 1 MiB';
    bytes = readFileSync(full);
  } catch {
    return null;
  }
  // `after`: the same file fixed under another name earlier in the run.
  if (bytes.equals(Buffer.from(before, 'utf8')) || (after !== undefined && bytes.equals(Buffer.from(after, 'utf8')))) return null;
  return Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes) ? 'changed since dfopt read it' : 'is not UTF-8 text, and rewriting it would change its other bytes';
}

/** The first `bytes` of a file, to the end of its last whole line there (a cut pattern or line would be wrong). */
function readHead(full: string, bytes: number): string {
  const buffer = Buffer.alloc(bytes);
  const fd = openSync(full, 'r');
  try {
    const text = buffer.toString('utf8', 0, readSync(fd, buffer, 0, bytes, 0));
    return text.slice(0, text.lastIndexOf('\n') + 1);
  } finally {
    closeSync(fd);
  }
}

/**
 * What a directory listing says of an entry, its size stat'ed when first asked. A class, not an object with a getter:
 * every entry of every listed directory has one for the run (3,254 in the corpus's directory), and a getter is a
 * closure and its context per object.
 */
class ListedStat implements Stat {
  private known: number | undefined = undefined;

  constructor(
    private readonly full: string,
    readonly isDirectory: boolean,
  ) {}

  get size(): number {
    if (this.known === undefined) {
      try {
        this.known = statSync(this.full).size;
      } catch {
        this.known = 0;
      }
    }
    return this.known;
  }
}

/**
 * Build contexts for one CLI run, sharing what was read per context directory: a hundred Dockerfiles in one
 * directory (or a pre-commit run over a repository whose Dockerfiles all use its root) walk it once, not once each.
 */
export class BuildContextCache {
  private readonly snapshots = new Map<string, DirectorySnapshot>();

  private readonly limits: ContextLimits;

  constructor(limits: Partial<ContextLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
  }

  /** A read-only BuildContext over `root`; see directoryBuildContext. */
  get(root: string, dockerfile?: string): BuildContext {
    const base = resolve(root);
    let snapshot = this.snapshots.get(base);
    if (!snapshot) {
      snapshot = new DirectorySnapshot(base, this.limits);
      this.snapshots.set(base, snapshot);
    }
    return contextOver(base, snapshot, dockerfile);
  }
}

/**
 * A read-only BuildContext over a directory: paths are relative to `root` (`/`-separated; a leading `/` means the
 * root too), and nothing outside the root can be reached. Missing or unreadable entries read as null/empty.
 * `dockerfile`, when inside the root, lets rules find `<Dockerfile>.dockerignore` next to it. Several Dockerfiles
 * in one run should share a BuildContextCache instead.
 */
export function directoryBuildContext(root: string, dockerfile?: string): BuildContext {
  return new BuildContextCache().get(root, dockerfile);
}

/** Paths are `/`-separated here (not Windows, where `\\` and drive letters are paths' business too). */
const PLAIN_SEPARATORS = sep === '/';

/** What resolve() would change in a relative path: `.` and `..` segments, empty segments, a trailing `/`. */
const NOT_PLAIN = /(^|\/)\.\.?(\/|$)|\/\/|\/$/;

/** The snapshot each context made here reads through, for contextWritten. */
const snapshots = new WeakMap<BuildContext, DirectorySnapshot>();

/**
 * Tells the run that dfopt wrote a file into `context` (a fix's .dockerignore): every context over the same directory
 * reads afresh from then on. Without it the next Dockerfile fixed there was linted against the old .dockerignore and
 * its fix appended the same lines again, or rewrote the file from the old text.
 */
export function contextWritten(context: BuildContext): void {
  snapshots.get(context)?.reset();
}

function contextOver(base: string, snapshot: DirectorySnapshot, dockerfile: string | undefined): BuildContext {
  const dockerfileRel = dockerfile === undefined ? undefined : relative(base, resolve(dockerfile));
  const inContext = dockerfileRel !== undefined && !dockerfileRel.startsWith('..') && !isAbsolute(dockerfileRel);
  const inside = (path: string): string | null => snapshot.inside(path, () => {
    const stripped = path.replace(/^[/\\]+/, '');
    // A plain relative path (most are: `<Dockerfile>.dockerignore`, COPY sources) resolves to itself under the
    // root: no resolve() and relative(), which normalise the whole path three times (~1 % of linting the corpus).
    const simple = PLAIN_SEPARATORS && !NOT_PLAIN.test(stripped);
    const full = simple ? (stripped === '' ? base : base === '/' ? `/${stripped}` : `${base}/${stripped}`) : resolve(base, stripped);
    const rel = simple ? stripped : relative(base, full);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)) ? full : null;
  });
  const context: BuildContext = {
    root: base,
    ...(inContext ? { dockerfile: dockerfileRel.split(sep).join('/') } : {}),
    list(dir) {
      const full = inside(dir);
      return full ? snapshot.list(full) : [];
    },
    stat(path) {
      const full = inside(path);
      return full ? snapshot.stat(full) : null;
    },
    read(path) {
      const full = inside(path);
      return full ? snapshot.read(full) : null;
    },
    memo: (key, compute) => snapshot.memo(key, compute),
  };
  snapshots.set(context, snapshot);
  return context;
}

/** Whether `names`, sorted by code unit (as list() sorts them), holds `name`. */
function sortedIncludes(names: readonly string[], name: string): boolean {
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (names[mid]! < name) lo = mid + 1;
    else hi = mid;
  }
  return names[lo] === name;
}

/**
 * The value `map` holds for `key`, computed once: a failure (a missing or unreadable entry) is remembered as null,
 * so one run never asks the file system the same question twice.
 */
function remembered<V>(map: Map<string, V | null>, key: string, compute: () => V | null): V | null {
  let value = map.get(key);
  if (value === undefined) {
    try {
      value = compute();
    } catch {
      value = null;
    }
    map.set(key, value);
  }
  return value;
}
