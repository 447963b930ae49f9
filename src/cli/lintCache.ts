import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type * as Crypto from 'node:crypto';
import type { DfoptConfig } from '../config';
import { type BuildContext, type Finding, type RuleRegistry, SEVERITIES } from '../engine';
import { describeFileError, errorCode } from './readDockerfile';

/**
 * `dfopt lint --cache`: the findings of each file from an earlier run, reused while nothing they depend on changed.
 *
 * A file's findings depend on its text, its resolved config, the rules (dfopt's version and build, the registry) and —
 * through rules such as missing-dockerignore, copy-ignored-file, cache-order — on the build context. The context is
 * not fingerprinted as a whole (that would mean walking it): every question a rule asked of it while linting the file
 * (list this directory, stat or read this path, and what came back) is recorded with the entry, and the entry is
 * reused only if the same questions get the same answers now. Those answers come from the run's shared
 * BuildContextCache, so checking them costs one listing or stat per distinct path per run, however many files ask.
 *
 * The file is JSON written whole (temp file + rename); a missing, damaged, foreign or hostile one is ignored: the run
 * lints everything and replaces it.
 */

/** Bumped when the file's layout changes: an older layout is discarded, never misread. */
const FORMAT = 'dfopt-lint-cache/1';
/** Beyond this the file is not one dfopt wrote for a tree of Dockerfiles; reading it would only cost memory. */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;
export const DEFAULT_CACHE_FILE = '.dfoptcache';

/** One question asked of a build context, and its answer: [kind, context-relative path, answer]. */
type Observation = readonly [kind: 'list' | 'stat' | 'size' | 'read', path: string, answer: string | number | null];

interface Entry {
  /** sha256 of the text, of the resolved config. */
  readonly content: string;
  readonly config: string;
  /** The context's root and the Dockerfile's path in it, as the rules saw them; null without a context. */
  readonly root: string | null;
  readonly dockerfile: string | null;
  readonly observations: readonly Observation[];
  /** Ids of the groups of questions memoised computations asked (shared by every file that used them). */
  readonly groups: readonly string[];
  readonly findings: readonly Finding[];
}

/** What one memoised computation (missing-dockerignore's walk of a context) asked: stored once, however many files used it. */
type Groups = Map<string, readonly Observation[]>;

/** The questions the lint of one file asked: its own, and the groups of the memos it used. */
interface Asked {
  readonly own: Map<string, Observation>;
  readonly groups: Set<string>;
}

export interface CacheKeyParts {
  readonly version: string;
  readonly registry: RuleRegistry;
}

// Loaded only with --cache: a plain `dfopt lint` start-up pays nothing for the hash functions.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sha256 = (): Crypto.Hash => (require('node:crypto') as typeof Crypto).createHash('sha256');
const hashOf = (text: string): string => sha256().update(text).digest('base64');

/** JSON with object keys sorted, so equal configs hash alike whatever order their keys were written in. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * What every entry of a cache file shares: the file format, dfopt's version, the build of the running code (a rebuilt
 * dfopt of the same version may lint differently) and the rules registered. Any difference discards every entry.
 */
function headerOf({ version, registry }: CacheKeyParts): string {
  let build = '';
  try {
    const s = statSync(__filename);
    build = `${s.size}:${s.mtimeMs}`;
  } catch {
    // No file to stat (an unusual loader): the version and the rules still key the cache.
  }
  const rules = registry.rules.map((r) => [r.meta.id, r.meta.severity, r.meta.fix, r.meta.aliases, r.meta.category]);
  return hashOf(stableJson({ format: FORMAT, version, build, rules }));
}

/**
 * The answer to "list this directory" as recorded: a hash of the names, leaving out the cache file itself. It often
 * lies in the build context (the default is the current directory, often the context root), and rewriting it must
 * not make every `COPY . .` Dockerfile look changed.
 */
function listingAnswer(names: readonly string[], root: string, dir: string, cacheFile: string): string {
  const shown = dirname(cacheFile) === resolve(root, dir.replace(/^[/\\]+/, '')) ? names.filter((n) => n !== basename(cacheFile)) : names;
  return hashOf(shown.join('\0'));
}

/** Records what lints ask of build contexts, for the entry of the file being linted (`current`). */
class ContextRecorder {
  current: Asked | null = null;
  /** The group each memoised computation made, per context and key: every later file that uses the memo depends on it too. */
  private readonly memos = new Map<string, string>();

  constructor(
    private readonly groups: Groups,
    private readonly cacheFile: string,
  ) {}

  record(observation: Observation): void {
    this.current?.own.set(`${observation[0]}\0${observation[1]}`, observation);
  }

  /** A BuildContext answering as `inner` does, recording each question into the current file's entry. */
  wrap(inner: BuildContext): BuildContext {
    const record = this.record.bind(this);
    const cacheFile = this.cacheFile;
    const wrapped: BuildContext = {
      root: inner.root,
      ...(inner.dockerfile === undefined ? {} : { dockerfile: inner.dockerfile }),
      list(dir) {
        const names = inner.list(dir);
        record(['list', dir, listingAnswer(names, inner.root, dir, cacheFile)]);
        return names;
      },
      stat(path) {
        const s = inner.stat(path);
        record(['stat', path, statAnswer(s)]);
        if (s === null) return null;
        // The size is a separate question: asking it costs a stat that a walk asking only "is it a directory?" skips.
        return {
          isDirectory: s.isDirectory,
          get size() {
            record(['size', path, s.size]);
            return s.size;
          },
        };
      },
      read(path) {
        const text = inner.read(path);
        record(['read', path, text === null ? null : hashOf(text)]);
        return text;
      },
    };
    const innerMemo = inner.memo?.bind(inner);
    if (!innerMemo) return wrapped;
    return {
      ...wrapped,
      memo: <T>(key: string, compute: () => T): T => {
        const memoKey = `${inner.root}\0${key}`;
        const known = this.memos.get(memoKey);
        if (known !== undefined) {
          this.current?.groups.add(known);
          return innerMemo(key, compute);
        }
        const outer = this.current;
        const asked: Asked = { own: new Map(), groups: new Set() };
        this.current = asked;
        try {
          return innerMemo(key, compute);
        } finally {
          this.current = outer;
          // Keyed by the context and what was asked: a group holds for one context root only.
          const observations = [...asked.own.values(), ...[...asked.groups].flatMap((g) => this.groups.get(g) ?? [])];
          const id = hashOf(stableJson([inner.root, observations]));
          this.groups.set(id, observations);
          this.memos.set(memoKey, id);
          this.current?.groups.add(id);
        }
      },
    };
  }
}

const statAnswer = (s: { readonly isDirectory: boolean } | null): string | null => (s === null ? null : s.isDirectory ? 'dir' : 'file');

/** Whether `context` answers every recorded question as it did then. */
function sameAnswers(observations: readonly Observation[], context: BuildContext, cacheFile: string): boolean {
  for (const [kind, path, answer] of observations) {
    let now: string | number | null;
    if (kind === 'list') now = listingAnswer(context.list(path), context.root, path, cacheFile);
    else if (kind === 'stat') now = statAnswer(context.stat(path));
    else if (kind === 'size') now = context.stat(path)?.size ?? null;
    else now = ((text) => (text === null ? null : hashOf(text)))(context.read(path));
    if (now !== answer) return false;
  }
  return true;
}

export class LintCache {
  private readonly header: string;
  private readonly entries: Map<string, Entry>;
  private readonly groups: Groups;
  /** Whether each group's answers still hold, checked once per run. */
  private readonly groupHolds = new Map<string, boolean>();
  private readonly recorder: ContextRecorder;
  private readonly configHashes = new WeakMap<DfoptConfig, string>();
  private changed = false;
  /** The file at the cache's path is something else (`--cache-location Dockerfile`): it is never replaced. */
  private readonly foreign: boolean;
  /** Files answered from the cache and files linted, this run. */
  hits = 0;
  misses = 0;

  private constructor(
    readonly file: string,
    parts: CacheKeyParts,
  ) {
    this.header = headerOf(parts);
    ({ entries: this.entries, groups: this.groups, foreign: this.foreign } = readCacheFile(file, this.header));
    this.recorder = new ContextRecorder(this.groups, file);
  }

  /**
   * The cache at `location` (a file, or a directory to hold `.dfoptcache`; default `.dfoptcache` in the current
   * directory). Reading never fails: what cannot be used is ignored.
   */
  static open(location: string | undefined, parts: CacheKeyParts): LintCache {
    let file = resolve(location ?? DEFAULT_CACHE_FILE);
    if (location !== undefined && (/[\\/]$/.test(location) || isDirectory(file))) file = join(file, DEFAULT_CACHE_FILE);
    return new LintCache(file, parts);
  }

  /**
   * The findings for `file`: from the cache when its text, config and every context answer are unchanged, else from
   * `lint`, which is handed the context to lint with (recording what the rules ask of it) and whose findings are kept.
   */
  findings(
    file: string,
    text: string,
    config: DfoptConfig,
    buildContext: BuildContext | undefined,
    lint: (buildContext: BuildContext | undefined) => readonly Finding[],
  ): readonly Finding[] {
    const key = resolve(file);
    const content = hashOf(text);
    const configHash = this.configHash(config);
    const root = buildContext?.root ?? null;
    const dockerfile = buildContext?.dockerfile ?? null;
    const entry = this.entries.get(key);
    if (
      entry &&
      entry.content === content &&
      entry.config === configHash &&
      entry.root === root &&
      entry.dockerfile === dockerfile &&
      this.contextUnchanged(entry, buildContext) &&
      entry.findings.every((f) => f.range.end.offset <= text.length && f.range.start.offset <= f.range.end.offset)
    ) {
      this.hits++;
      return entry.findings;
    }
    this.misses++;
    const asked: Asked = { own: new Map(), groups: new Set() };
    this.recorder.current = asked;
    let findings: readonly Finding[];
    try {
      findings = lint(buildContext && this.recorder.wrap(buildContext));
    } finally {
      this.recorder.current = null;
    }
    for (const id of asked.groups) this.groupHolds.set(id, true); // asked in this run: true now
    this.entries.set(key, { content, config: configHash, root, dockerfile, observations: [...asked.own.values()], groups: [...asked.groups], findings });
    this.changed = true;
    return findings;
  }

  /** Whether the build context answers every question the entry's lint asked as it did then. */
  private contextUnchanged(entry: Entry, context: BuildContext | undefined): boolean {
    if (entry.observations.length === 0 && entry.groups.length === 0) return true;
    if (context === undefined || !sameAnswers(entry.observations, context, this.file)) return false;
    return entry.groups.every((id) => {
      let holds = this.groupHolds.get(id);
      if (holds === undefined) {
        const group = this.groups.get(id);
        holds = group !== undefined && sameAnswers(group, context, this.file);
        this.groupHolds.set(id, holds);
      }
      return holds;
    });
  }

  /**
   * Writes the cache when this run changed it, whole (temp file + rename: a reader never sees half of one), dropping
   * entries of files that no longer exist. Returns a problem to tell the user, or null; a cache that cannot be written
   * costs the next run time, never correctness.
   */
  save(): string | null {
    if (!this.changed) return null;
    if (this.foreign) return `${this.file}: not replaced by the cache: it is not a dfopt cache file (give --cache-location a file of its own or a directory); every file was linted`;
    const entries = [...this.entries].filter(([file]) => existsSync(file));
    const used = new Set(entries.flatMap(([, entry]) => entry.groups));
    const groups = [...this.groups].filter(([id]) => used.has(id));
    const temp = `${this.file}.${process.pid}.tmp`;
    try {
      writeFileSync(temp, JSON.stringify({ format: FORMAT, header: this.header, groups, entries }));
      renameSync(temp, this.file);
      return null;
    } catch (error) {
      rmSync(temp, { force: true });
      return `${this.file}: cannot write the cache (${describeFileError(error, 'write')}); the next run lints every file again`;
    }
  }

  private configHash(config: DfoptConfig): string {
    let hash = this.configHashes.get(config);
    if (hash === undefined) {
      hash = hashOf(stableJson(config));
      this.configHashes.set(config, hash);
    }
    return hash;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}


/**
 * The usable entries of a cache file; none when it is missing, unreadable, of another header or not what dfopt writes.
 * `foreign`: a file is there, not named .dfoptcache, that is no dfopt cache file of any version (and not empty), which
 * save must not replace.
 */
function readCacheFile(file: string, header: string): { entries: Map<string, Entry>; groups: Groups; foreign: boolean } {
  const entries = new Map<string, Entry>();
  const groups: Groups = new Map();
  // A file of the default name is the cache's whatever it holds (garbage left by a crash is replaced).
  const unusable = (): { entries: Map<string, Entry>; groups: Groups; foreign: boolean } => ({
    entries,
    groups,
    foreign: basename(file) !== DEFAULT_CACHE_FILE && !writtenByDfopt(file),
  });
  let parsed: unknown;
  try {
    if (statSync(file).size > MAX_CACHE_BYTES) return unusable();
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return unusable();
  }
  if (!isRecord(parsed) || parsed.format !== FORMAT || parsed.header !== header) return unusable();
  if (!Array.isArray(parsed.entries) || !Array.isArray(parsed.groups)) return { entries, groups, foreign: false };
  for (const item of parsed.groups as unknown[]) {
    if (Array.isArray(item) && item.length === 2 && isString(item[0]) && isArrayOf(item[1], isObservation)) groups.set(item[0], item[1]);
  }
  for (const item of parsed.entries as unknown[]) {
    // An entry naming a group the file lacks is dropped (contextUnchanged would refuse it anyway).
    if (Array.isArray(item) && item.length === 2 && isString(item[0]) && isEntry(item[1]) && item[1].groups.every((g) => groups.has(g))) {
      entries.set(item[0], item[1]);
    }
  }
  return { entries, groups, foreign: false };
}

/**
 * Whether `file` is missing, empty or begins as every cache file dfopt writes, of any version: a format change must
 * not leave an old cache unreplaceable, and only its first bytes are read (a cache over MAX_CACHE_BYTES is one too).
 */
function writtenByDfopt(file: string): boolean {
  const start = Buffer.from(`{"format":"${FORMAT.slice(0, FORMAT.indexOf('/') + 1)}`);
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    return errorCode(error) === 'ENOENT';
  }
  try {
    const bytes = Buffer.alloc(start.length);
    const length = readSync(fd, bytes, 0, bytes.length, 0);
    return length === 0 || bytes.equals(start);
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

// Shape checks for what the file holds: a reporter handed a finding of the wrong shape would crash, so an entry
// that does not look exactly like one dfopt wrote is dropped (and its file linted again).

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isArrayOf = <T>(v: unknown, item: (x: unknown) => x is T): v is T[] => Array.isArray(v) && v.every(item);
const isPosition = (v: unknown): boolean => isRecord(v) && isCount(v.line) && isCount(v.column) && isCount(v.offset);
const isRange = (v: unknown): boolean => isRecord(v) && isPosition(v.start) && isPosition(v.end);

function isObservation(v: unknown): v is Observation {
  return (
    Array.isArray(v) &&
    v.length === 3 &&
    ['list', 'stat', 'size', 'read'].includes(v[0] as string) &&
    isString(v[1]) &&
    (v[2] === null || isString(v[2]) || typeof v[2] === 'number')
  );
}

function isFix(v: unknown): boolean {
  if (v === null) return true;
  if (!isRecord(v) || (v.safety !== 'safe' && v.safety !== 'unsafe')) return false;
  if (!isArrayOf(v.edits, (e): e is unknown => isRecord(e) && isCount(e.start) && isCount(e.end) && isString(e.text))) return false;
  if (v.files !== undefined && !isArrayOf(v.files, (f): f is unknown => isRecord(f) && isString(f.path) && isString(f.append))) return false;
  if (v.description !== undefined && !isString(v.description)) return false;
  return v.explanation === undefined || isArrayOf(v.explanation, isString);
}

function isFinding(v: unknown): v is Finding {
  return (
    isRecord(v) &&
    isString(v.ruleId) &&
    isArrayOf(v.aliases, isString) &&
    (v.code === null || isString(v.code)) &&
    isArrayOf(v.codes, isString) &&
    (SEVERITIES as readonly unknown[]).includes(v.severity) &&
    isString(v.message) &&
    isRange(v.range) &&
    isFix(v.fix) &&
    isString(v.docsUrl) &&
    (v.related === undefined || isArrayOf(v.related, (r): r is unknown => isRecord(r) && isRange(r.range) && isString(r.message))) &&
    (v.estimate === undefined || (isRecord(v.estimate) && typeof v.estimate.bytes === 'number' && isString(v.estimate.basis)))
  );
}

function isEntry(v: unknown): v is Entry {
  return (
    isRecord(v) &&
    isString(v.content) &&
    isString(v.config) &&
    (v.root === null || isString(v.root)) &&
    (v.dockerfile === null || isString(v.dockerfile)) &&
    isArrayOf(v.observations, isObservation) &&
    isArrayOf(v.groups, isString) &&
    isArrayOf(v.findings, isFinding)
  );
}
