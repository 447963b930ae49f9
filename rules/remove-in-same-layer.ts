import { defineRule } from '../src/engine';
import { type BuildState, type SemanticModel, type Stage, substitute } from '../src/model';
import { type InstructionNode, memoOnObject, objectMemoKey } from '../src/parse';
import { basename, effectiveArgv, isPosixShell, type LocatedCommand, type PathPattern, runCommands, shellGlob, type ShellWord } from '../src/shell';
import { aptListsEstimate, debianRemovalEstimate, type SizeEstimate } from '../src/sizes';
import { indexVersions, literalPrefix, PathIndex } from './pathIndex';
import { StageInheritance } from './stageInheritance';
import { contextPath, contextSizer, debianDataApplies, sizeSuffix, smallCopies } from './size/estimates';
import { type DeletedPath, mergeIntoCreator, moveDelete } from './removeInSameLayerFix';
import {
  canonicalPath,
  cleanedDirs,
  covers,
  deletedOperands,
  displayPath,
  downloadsPackages,
  explicitCacheDir,
  hasOption,
  managerCommand,
  type ManagerCommand,
  packageFamily,
  packageNames,
  scratchMountTargets,
  cacheDirs,
} from '../src/shell/packageManagers';

/**
 * Something an instruction put into its layer. `file`/`dir` entries are matched when the delete names them or a
 * directory above them; `content` (a directory filled by git clone, tar -C, COPY of a directory) and `cache` entries
 * also match deletes of paths inside them.
 */
interface Creation {
  readonly kind: 'file' | 'dir' | 'content' | 'cache' | 'package';
  /** Canonical path, or `pkg:<family>:<name>` for packages. */
  readonly key: string;
  /** Line (1-based) of the instruction that created it, and how to name it: `RUN`, `COPY`, `apt-get install`. */
  readonly line: number;
  readonly by: string;
  /** The instruction that created it (the fix moves the delete there when it is a RUN of the same stage). */
  readonly inst: InstructionNode;
  /** Set when a later instruction may have written inside this directory, so inside-deletes cannot be tied to it. */
  touched: boolean;
  /** The build-context path a COPY/ADD took it from (its size is what deleting it later fails to save). */
  readonly source?: string | null;
  /** Known size (a heredoc's text). */
  readonly bytes?: number;
}

/** Something a delete takes away: `path` is the package, the path itself, or (`inside`) the path inside it deleted. */
type Found = { creation: Creation; path: string; inside: boolean };

/** What a command that deletes nothing takes (found is empty, so nothing reads or adds to either list). */
const NO_DELETES: { found: Found[]; movable: DeletedPath[] | null } = { found: [], movable: [] };

/** Directories that already hold the base image's files, so content copied into them is not all ours. */
export const SYSTEM_DIRS = new Set([
  '/', '/bin', '/boot', '/dev', '/etc', '/home', '/lib', '/lib64', '/media', '/mnt', '/opt', '/proc', '/root', '/run',
  '/sbin', '/srv', '/sys', '/tmp', '/usr', '/var', '/usr/bin', '/usr/lib', '/usr/local', '/usr/local/bin',
  '/usr/local/lib', '/usr/local/share', '/usr/share', '/usr/src', '/var/lib', '/var/cache', '/var/tmp', '/var/www', '~',
]);

/** Top-level directories a base image may already have files in; content added inside them is not all ours. */
const BASE_IMAGE_TOP = new Set(['bin', 'boot', 'dev', 'etc', 'lib', 'lib32', 'lib64', 'libx32', 'media', 'mnt', 'opt', 'proc', 'run', 'sbin', 'srv', 'sys', 'usr', 'var']);

/** A directory filled by COPY/tar/unzip whose earlier contents can only have come from us. */
export const freshDir = (dir: string): boolean => !SYSTEM_DIRS.has(dir) && !BASE_IMAGE_TOP.has(secondSegment(dir));

/** `dir.split('/')[1] ?? ''` without the array (asked for every COPY source and unpacked directory). */
function secondSegment(dir: string): string {
  const first = dir.indexOf('/');
  if (first === -1) return '';
  const second = dir.indexOf('/', first + 1);
  return second === -1 ? dir.slice(first + 1) : dir.slice(first + 1, second);
}

/** Commands that cannot create files, so a delete after them in the same RUN still refers to older content. */
const HARMLESS = new Set(['rm', 'cd', 'echo', 'printf', 'true', ':', 'set', 'ls', 'export', 'unlink', 'rmdir', 'test', '[']);

/** The kinds whose `touched` flag matters; PathIndex keeps the untouched ones apart. */
const CONTENT: ReadonlySet<string> = new Set(['content']);
const NONE: ReadonlySet<string> = new Set();

/** A RUN's creations and removed packages until it has some: shared, and never added to (checkRun makes its own first). */
const NO_CREATIONS = new PathIndex<Creation>(NONE);
const NO_PACKAGES = new Set<string>();

export const ARCHIVE = /\.(tar|tgz|tbz2?|txz|tar\.(gz|bz2|xz|zst|lz|lzma|Z))$/i;

function stagesInFinalImage(model: SemanticModel): Set<Stage> {
  const shipped = new Set<Stage>();
  for (let stage = model.finalStage; stage && !shipped.has(stage); stage = stage.base.stage) shipped.add(stage);
  return shipped;
}

export const looksLikeFile = (source: string): boolean => {
  const name = basename(source.replace(/(?<!\/)\/+$/, ''));
  return !source.endsWith('/') && name !== '.' && name !== '..' && /\.[A-Za-z0-9]+$/.test(name) && !/[*?[]/.test(name);
};

export const isUrl = (s: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(s);

/** File name a download of `url` is saved under (`curl -O`, `wget` without -O). */
export const urlFileName = (url: string): string | null => {
  const path = url.replace(/[?#].*$/, '').replace(/^[a-z]+:\/\/[^/]*/i, '');
  const name = basename(path);
  return name && !name.includes('$') ? name : null;
};

/**
 * What downloading and unpacking commands put in the layer: `curl -o`/`-O`, `wget`, `dd of=` files, and the trees
 * `git clone`, `tar -x -C` and `unzip -d` fill (a tar archive `tar -c` writes too), in the order they are made. Shared
 * by the rules that track what an earlier layer made (this one, modify-in-later-layer), which resolve each word
 * against the RUN's state: a file at each `file` word, and a tree at each `content` word that resolves to a directory
 * that is fresh (`fresh`: see freshDir) or, for git clone, not a system directory. Follows from the words alone, so
 * the rules keep it per command.
 */
export function madeByWords(exe: string, argv: readonly ShellWord[]): readonly MadeByWord[] {
  const made: MadeByWord[] = [];
  if (exe === 'curl') {
    for (const out of curlOutputs(argv)) made.push({ kind: 'file', word: out, fresh: false });
  } else if (exe === 'wget') {
    for (const out of wgetOutputs(argv)) made.push({ kind: 'file', word: out, fresh: false });
  } else if (exe === 'dd') {
    const of = argv.find((w) => w.value.startsWith('of='));
    if (of) made.push({ kind: 'file', word: of.value.slice(3), fresh: false });
  } else if (exe === 'git' && argv[1]?.value === 'clone') {
    const target = gitCloneTarget(argv.slice(2));
    if (target !== null) made.push({ kind: 'content', word: target, fresh: false });
  } else if (exe === 'tar') {
    const { extractDir, archive } = tarEffects(argv.slice(1));
    if (archive) made.push({ kind: 'file', word: archive, fresh: false });
    if (extractDir !== null) made.push({ kind: 'content', word: extractDir, fresh: true });
  } else if (exe === 'unzip') {
    const d = argv.findIndex((w) => w.value === '-d');
    if (d !== -1) made.push({ kind: 'content', word: argv[d + 1]?.value ?? '', fresh: true });
  }
  return made.length === 0 ? NOTHING_MADE_BY_WORDS : made;
}

export interface MadeByWord {
  readonly kind: 'file' | 'content';
  readonly word: string;
  readonly fresh: boolean;
}

const NOTHING_MADE_BY_WORDS: readonly MadeByWord[] = [];

/**
 * A COPY/ADD's destination with its variables expanded (null when one stays unknown) and its sources as written,
 * heredoc markers left out: what the rules tracking an earlier layer's files start from.
 */
export function copyOperands(inst: InstructionNode, expand: (word: string) => string | null): { destRaw: string; sources: string[] } | null {
  const parts = inst.execForm ?? inst.words.map((w) => w.value);
  if (parts.length < 2) return null;
  const destRaw = expand(parts[parts.length - 1]!);
  if (destRaw === null) return null;
  return { destRaw, sources: parts.slice(0, -1).filter((s) => !s.startsWith('<<')) };
}

/** A path word with $VAR from the ENV/ARG in effect expanded (`$HOME` is kept for canonicalPath); null when something stays unknown. */
export function expandPath(text: string, state: BuildState, escapeChar: string): string | null {
  if (!text.includes('$') || /^(\$HOME|\$\{HOME\})(\/|$)/.test(text)) return text;
  const lookup = (name: string): string | null | undefined =>
    state.env.has(name) ? state.env.get(name) : state.args.has(name) ? state.args.get(name) : undefined;
  const sub = substitute(text, lookup, escapeChar);
  return sub.unresolved.length > 0 || sub.value.includes('$') || sub.value.includes('`') ? null : sub.value;
}

/**
 * What checkRun reads of a command that follows from its words alone, worked out once per command: commands come
 * from script trees shared by text (runScript's memo), so the language server, which lints every version of a
 * document, meets the same commands at every keystroke.
 */
interface CommandPlan {
  readonly argv: readonly ShellWord[];
  readonly exe: string;
  readonly manager: ManagerCommand | null;
  readonly operands: ShellWord[] | null;
  /** It deletes something (rm, unlink, a package manager's clean or remove): takeDeleted has work to do. */
  readonly deletes: boolean;
  /** `apt-get autoremove` / `apt autoremove`. */
  readonly autoRemove: boolean;
  /** The targets of its writing redirects (`>`, `>>`, `>|`), as written. */
  readonly written: readonly string[];
  /** The package keys (`pkg:<family>:<name>`) it installs, and those it removes (null when none). */
  readonly installed: readonly string[];
  readonly removed: readonly string[] | null;
  /** How creations of a package manager are named (`apt-get install`). */
  readonly by: string;
  readonly downloadsPackages: boolean;
  /** It cannot create files (see HARMLESS), or runs nothing. */
  readonly harmless: boolean;
  /** What it downloads or unpacks (madeByWords). */
  readonly made: readonly MadeByWord[];
}

const COMMAND_PLAN = objectMemoKey('removeInSameLayer.plan');
const NO_STRINGS: readonly string[] = [];

const planOf = (command: LocatedCommand['command']): CommandPlan => memoOnObject(command, COMMAND_PLAN, makePlan);

function makePlan(command: LocatedCommand['command']): CommandPlan {
  const argv = effectiveArgv(command);
  const exe = basename(argv[0]?.value ?? '');
  const manager = managerCommand(argv);
  const operands = deletedOperands(argv);
  let written: string[] | null = null;
  for (const redirect of command.redirects) {
    if (/^\d*(>|>>|>\|)$/.test(redirect.op) && redirect.target) (written ??= []).push(redirect.target.value);
  }
  let installed: readonly string[] = NO_STRINGS;
  let removed: readonly string[] | null = null;
  let by = '';
  let downloads = false;
  if (manager) {
    const family = packageFamily(manager.manager);
    const installsPackages = manager.manager === 'apt' ? ['install', 'reinstall'].includes(manager.subcommand) : manager.action === 'install';
    by = `${manager.tool} ${manager.subcommand}`.trim();
    if (family && installsPackages) installed = packageNames(manager).map((name) => `pkg:${family}:${name}`);
    if (manager.action === 'remove' && family) removed = packageNames(manager).map((name) => `pkg:${family}:${name}`);
    downloads = downloadsPackages(manager);
  }
  return {
    argv,
    exe,
    manager,
    operands,
    deletes: operands !== null || manager?.action === 'clean' || manager?.action === 'remove',
    autoRemove: manager?.manager === 'apt' && /^auto-?remove$/.test(manager.subcommand),
    written: written ?? NO_STRINGS,
    installed,
    removed,
    by,
    downloadsPackages: downloads,
    harmless: HARMLESS.has(exe) || argv.length === 0,
    made: madeByWords(exe, argv),
  };
}

export default defineRule({
  meta: {
    id: 'remove-in-same-layer',
    aliases: [],
    category: 'size',
    severity: 'warning',
    fix: 'unsafe',
    docs: {
      summary: 'Flags a RUN that deletes files, caches or packages created by an earlier instruction of the stage.',
      rationale:
        'Each instruction is a layer, and layers are stacked copy-on-write: deleting a file in a later RUN only hides it, ' +
        'while the earlier layer still carries every byte of it. The image gets no smaller (it grows by the whiteout). ' +
        'Delete temporary files, download archives, build directories, package caches and build-only packages in the ' +
        'same RUN that creates them, or build them in another stage and copy only the result.',
      bad:
        'FROM debian:12\n' +
        'RUN curl -fsSL -o /tmp/tool.tgz https://example.com/tool.tgz && tar -xzf /tmp/tool.tgz -C /opt\n' +
        'RUN rm /tmp/tool.tgz\n' +
        'COPY assets.tar /tmp/\n' +
        'RUN tar -xf /tmp/assets.tar -C /srv && rm /tmp/assets.tar\n',
      good:
        'FROM debian:12\n' +
        'RUN curl -fsSL -o /tmp/tool.tgz https://example.com/tool.tgz \\\n' +
        '    && tar -xzf /tmp/tool.tgz -C /opt \\\n' +
        '    && rm /tmp/tool.tgz\n' +
        'RUN --mount=type=bind,source=assets.tar,target=/tmp/assets.tar tar -xf /tmp/assets.tar -C /srv\n',
      notes:
        'Tracked per stage (including stages inherited through `FROM <stage>`): redirect targets, `curl -o/-O`, ' +
        '`wget [-O]`, `dd of=`, `mkdir`, `touch`, `git clone`, `tar -x -C`, `tar -cf`, `unzip -d`, COPY/ADD ' +
        'destinations (resolved against WORKDIR and `cd`), package-manager caches left by an install, and packages ' +
        'installed by apt/apk/yum/dnf/zypper. Deletes: `rm`, `unlink`, `apt-get clean`, `yum|dnf clean`, `zypper clean`, ' +
        '`pip cache purge`, `npm cache clean`, `yarn cache clean`, and package removal (`apt-get purge`, `apk del`, ' +
        '`yum remove`, …). It stays silent when it cannot tie the delete to an earlier instruction: paths from the base ' +
        'image, paths with unknown variables, deletes of something the same RUN created first, and deletes inside a ' +
        'directory that a later instruction may have written to, and deletes of COPY\'d files that the build context shows ' +
        'are together under 100 kB (install scripts, requirements lists: their bytes do not matter), or, when the build ' +
        'context is not at hand, whose COPY or ADD sources are all such text files by name (`*.sh`, `*.txt`, `*.yml`, ' +
        '`*.json`, `*.gpg`, `*.list`, `*.conf`, lock files, `Gemfile`, …; not directories, archives or URLs). The message gives ' +
        'the size the delete fails to save when it is known: COPY\'d files from the build context, `dd bs= count=` output, apt lists and apt ' +
        'packages (with what `--auto-remove`, or an `apt-get autoremove` later in the same RUN, takes along) from the Debian 12 data. Stages whose layers do not reach the final image are ' +
        'not reported: there a delete is harmless, and it does matter when the stage is copied from as a whole. ' +
        'No hadolint equivalent (DL3009 and friends only look at one RUN).',
      fixSafety:
        'The fix moves the delete into the RUN that created what it deletes: ` && rm /tmp/foo/bar` goes after the last ' +
        'command of that RUN (on a new continuation line in the file\'s style when the RUN spans several lines), and ' +
        'the delete leaves its own RUN with its `&&`, or the whole RUN goes when the delete was all it ran. It is ' +
        'unsafe because the file is gone earlier than before: anything that read it in between would now fail or ' +
        'change. It is only offered when that is unlikely: everything deleted was created by one RUN of the same ' +
        'stage (not by COPY/ADD, not a package, not inherited from another stage); only RUNs stand between the two, ' +
        'apart from comments and instructions that change nothing the commands see (LABEL, EXPOSE, CMD, ENTRYPOINT, ' +
        'HEALTHCHECK, STOPSIGNAL, ONBUILD, a WORKDIR that leaves the working directory as it was, and for `rm` an ENV ' +
        'or ARG that leaves PATH alone), ' +
        'and neither they nor the commands before the delete in its RUN name the path or a directory above it, nor ' +
        'run in a working directory holding it; globs and package caches move only from the very next RUN, where ' +
        'the delete is its first command; the delete is joined only by `&&` (not `;`, `||`, `|`, a subshell, an if ' +
        'or a loop) and holds no `$` or backquote; a relative path moves only when no `cd` precedes it in either ' +
        'RUN; neither RUN is exec form or heredoc, runs a non-POSIX SHELL, or mounts over the path; and the ' +
        'creating RUN has no background job, trailing `;` or comment, and nothing that would stop or change an ' +
        'appended command (`exit`, `exec`, `eval`, functions, `set -f`). ' +
        'A removed package cannot move up (RUNs between may run it), nor can a delete that the fix above declines (the file is read ' +
        'between its creation and the delete, as in `RUN wget x.tgz` then `RUN tar -xzf x.tgz && rm x.tgz`); instead the fix merges the removing RUN into the RUN ' +
        'before it, as chain-run does, and the next pass of the fixer merges again until the removal shares the installing ' +
        'RUN\'s layer: the commands run as before, in the same order, only in one layer. Offered when the installing RUN ' +
        'and the removing one are at most five RUNs apart (counting both), every pair of them could merge (shell form, same ' +
        'flags, no heredoc, background job or service start) and only comments and the instructions chain-run merges across ' +
        'stand between them (they move above the merged RUN).',
    },
  },
  create(context) {
    const shipped = stagesInFinalImage(context.model);
    /** Creations alive at the end of each stage, for `FROM <stage>`. */
    const stages = new StageInheritance(context.model, () => new PathIndex<Creation>(CONTENT), (index) => index.clone(), indexVersions());
    let alive = new PathIndex<Creation>(CONTENT);
    const source = context.ast.source;

    const lineOf = (inst: InstructionNode): number => inst.range.start.line + 1;

    const expand = (text: string, state: BuildState): string | null => expandPath(text, state, context.ast.escapeChar);

    /** Content at, above or below `dir` may now hold files of others. */
    const markTouched = (dir: string): void => alive.touchAround(dir);

    const addCopy = (inst: InstructionNode, state: BuildState): void => {
      const operands = copyOperands(inst, (word) => expand(word, state));
      if (!operands) return;
      const { destRaw, sources } = operands;
      const dest = canonicalPath(destRaw, state.workdir);
      const heredocNames = inst.heredocs.map((h) => h.name);
      const intoDir = destRaw.endsWith('/') || sources.length + heredocNames.length > 1;
      const by = inst.keyword;
      const fromStage = inst.flag('from') !== undefined;
      /** The context path a source names, for its size; null from another stage or with an unknown variable. */
      const sourceOf = (src: string): string | null => {
        const expanded = fromStage ? null : expand(src, state);
        return expanded === null ? null : contextPath(expanded);
      };
      markTouched(dest);
      for (const h of inst.heredocs) {
        const bytes = Buffer.byteLength(h.content);
        alive.add({ kind: 'file', key: intoDir ? `${dest}/${h.name}` : dest, line: lineOf(inst), by, inst, touched: false, bytes });
      }
      for (const src of sources) {
        if (inst.keyword === 'ADD' && isUrl(src)) {
          const name = urlFileName(src);
          if (intoDir && name) alive.add({ kind: 'file', key: `${dest}/${name}`, line: lineOf(inst), by, inst, touched: false });
          else if (!intoDir) alive.add({ kind: 'file', key: dest, line: lineOf(inst), by, inst, touched: false });
          continue;
        }
        const extracted = inst.keyword === 'ADD' && ARCHIVE.test(src);
        if (looksLikeFile(src) && !extracted) {
          alive.add({ kind: 'file', key: intoDir ? `${dest}/${basename(src)}` : dest, line: lineOf(inst), by, inst, touched: false, source: sourceOf(src) });
        } else if (freshDir(dest)) {
          alive.add({ kind: 'content', key: dest, line: lineOf(inst), by, inst, touched: false, source: extracted ? null : sourceOf(src) });
        }
      }
    };

    const sizeOf = contextSizer(context.buildContext);

    /**
     * What the delete would have saved in the layer that made the things: COPY'd files by their size in the build
     * context, apt lists and packages from the Debian data; null when any part of it is unknown (a download's size).
     */
    const estimateOf = (
      found: ReadonlyArray<{ creation: Creation; path: string; inside: boolean }>,
      manager: ManagerCommand | null,
      argv: readonly ShellWord[],
      run: InstructionNode,
      autoRemoveAfter: boolean,
    ): SizeEstimate | null => {
      let bytes = 0;
      const bases = new Set<string>();
      const seen = new Set<Creation>();
      const removed: string[] = [];
      /** Set when the estimate is an update's apt lists and nothing else: clean-package-cache may count the same bytes. */
      let lists: SizeEstimate | null = null;
      let parts = 0;
      for (const { creation: c, path, inside } of found) {
        if (!inside && seen.has(c)) continue;
        seen.add(c);
        parts++;
        if (c.kind === 'package') {
          removed.push(path);
          continue;
        }
        if (c.kind === 'cache' && c.key === '/var/lib/apt/lists' && !inside && debianDataApplies(context.model.stageOf(run))) {
          lists = aptListsEstimate(lineOf(c.inst));
          bytes += lists.bytes;
          bases.add(lists.basis);
          continue;
        }
        if (c.bytes !== undefined && !inside) {
          bytes += c.bytes;
          bases.add(c.by === 'RUN' ? 'bs × count of the dd that wrote it' : 'length of the heredoc');
          continue;
        }
        const src = c.source;
        if (!src || !sizeOf) return null;
        const rel = inside ? path.slice(c.key.length).replace(/^\/+/, '') : '';
        const n = sizeOf(rel ? (src === '.' ? rel : `${src}/${rel}`) : src);
        if (n === null) return null;
        bytes += n;
        bases.add('sizes of the copied files in the build context');
      }
      if (removed.length > 0) {
        if (manager?.manager !== 'apt' || !debianDataApplies(context.model.stageOf(run))) return null;
        const autoRemove = autoRemoveAfter || hasOption(argv, '--auto-remove', '--autoremove');
        // What stays installed matters only to an autoremove, and is the packages alone: listing every path the
        // stage made, sorted, for each removal made N installs and N purges cost N² (issue 18).
        const kept = autoRemove ? alive.ofKind('package').filter((c) => c.key.startsWith('pkg:deb:')).map((c) => c.key.slice('pkg:deb:'.length)) : [];
        const freed = debianRemovalEstimate(removed, autoRemove, kept);
        if (!freed) return null;
        bytes += freed.bytes;
        bases.add(freed.basis);
      }
      if (lists && parts === 1) return lists;
      return { bytes, basis: [...bases].join('; ') };
    };

    /**
     * What a command deletes of what earlier instructions made (taken out of `alive`, and out of `mine` where this RUN
     * made it first), and every path it deletes for the fix (null when one is not known). Its own function, as is
     * reportDelete: checkRun's per-command callback held all three and was the rules' largest TurboFan compile.
     */
    const takeDeleted = (
      operands: readonly ShellWord[] | null,
      manager: ManagerCommand | null,
      state: BuildState,
      cwd: string | null,
      mine: PathIndex<Creation>,
      removedPackages: ReadonlySet<string>,
      harmlessSoFar: boolean,
    ): { found: Found[]; movable: DeletedPath[] | null } => {
      /** `prefix`: what every path `pattern` matches starts with, to look them up. */
      const deleted: Array<{ pattern: PathMatcher; literal: string; exact: boolean; prefix: string }> = [];
      /** Every path the command deletes, for the fix; null when one of them is not known. */
      let movable: DeletedPath[] | null = [];
      for (const w of operands ?? []) {
        const expanded = expand(w.value, state);
        if (expanded === null || cwd === null) {
          movable = null;
          continue;
        }
        const path = canonicalPath(expanded, cwd);
        if (path === '/' || path === '~') {
          movable = null;
          continue;
        }
        movable?.push({ path, raw: w.value });
        const glob = GLOB_CHAR.test(path);
        const literal = glob ? path.split('/').filter((p) => !/[*?[]/.test(p)).join('/') : path;
        deleted.push({ pattern: glob ? globMatcher(path) : new LiteralPath(path), literal, exact: !glob, prefix: glob ? literalPrefix(path) : path });
      }
      if (manager?.action === 'clean') {
        for (const dir of cleanedDirs(manager)) {
          deleted.push({ pattern: pathMatcher(dir), literal: dir, exact: true, prefix: literalPrefix(dir) });
          movable?.push({ path: dir, raw: '' });
        }
      }
      const found: Found[] = [];
      for (const d of deleted) {
        const gone = (c: Creation): boolean => d.pattern.test(c.key) || (c.kind === 'cache' && covers(c.key, d.literal));
        // Everything `gone` or the tests below can hold for: what the pattern can match, what covers the literal path.
        const query = { startingWith: [d.prefix], covering: [d.literal] };
        const mineHit = mine.candidates(query);
        // The same RUN made it first: this delete is for that, which is exactly right.
        if (mineHit.some((c) => gone(c) || (c.kind !== 'file' && covers(c.key, d.literal)))) {
          for (const c of mineHit) if (gone(c)) mine.delete(c);
          // Moving the delete would take it away from what this RUN creates first.
          movable = null;
          continue;
        }
        const candidates = alive.candidates(query);
        for (const c of candidates) {
          if (c.kind === 'package') continue;
          if (d.pattern.test(c.key)) found.push({ creation: c, path: c.key, inside: false });
          else if (
            (d.exact || c.kind === 'cache') && covers(c.key, d.literal) &&
            (c.kind === 'cache' || (c.kind === 'content' && !c.touched && harmlessSoFar))
          ) {
            found.push({ creation: c, path: d.literal, inside: c.kind !== 'cache' });
          }
        }
        for (const c of candidates) if (gone(c)) alive.delete(c);
      }
      if (manager?.action === 'remove' && packageFamily(manager.manager)) {
        for (const name of packageNames(manager)) {
          const key = `pkg:${packageFamily(manager.manager)}:${name}`;
          if (removedPackages.has(key) || mine.has(key)) continue;
          const c = alive.withKey(key)[0];
          if (c) {
            found.push({ creation: c, path: name, inside: false });
            alive.delete(c);
          }
        }
      }
      return { found, movable };
    };

    /** Reports what one command deletes (`found`, not empty) of what earlier instructions made. */
    const reportDelete = (
      run: InstructionNode,
      state: BuildState,
      command: LocatedCommand['command'],
      script: LocatedCommand['script'],
      argv: readonly ShellWord[],
      exe: string,
      manager: ManagerCommand | null,
      found: readonly Found[],
      movable: DeletedPath[] | null,
      autoRemoveAfter: boolean,
    ): void => {
      const estimate = estimateOf(found, manager, [...command.assignments, ...argv], run, autoRemoveAfter);
      // Deleting a few COPY'd scripts or lists later costs only their bytes: not worth a finding (issue 19).
      const copied = found.every((f) => f.creation.by === 'COPY' || f.creation.by === 'ADD');
      // Without the build context the size is unknown; a COPY of nothing but scripts, manifests, keys and config
      // files still weighs a few kB (issue 19 pattern 3: devcontainer library-scripts, environment.yml, requirements.txt).
      const small = copied && smallCopies(estimate?.bytes ?? null, found.map((f) => f.creation.inst));
      if (!small) {
        const { creation, path, inside } = found[0]!;
        const isPackage = creation.kind === 'package';
        const shown = isPackage ? path : displayPath(path, state.user);
        const more = found.length > 1 ? ` (and ${found.length - 1} more)` : '';
        const verb = isPackage ? 'installed' : creation.kind === 'cache' ? 'filled' : inside ? 'filled' : 'created';
        const what = inside ? `, inside ${displayPath(creation.key, state.user)}, which` : ', which';
        const r = source.range(script.toSource(command.start), script.toSource(command.end - 1) + 1);
        const byRun = creation.by !== 'COPY' && creation.by !== 'ADD';
        const advice = isPackage
          ? `remove it in the RUN at line ${creation.line} that installs it (or use a multi-stage build)`
          : byRun
            ? `delete it in the RUN at line ${creation.line} that creates it (or use a multi-stage build)`
            : `keep it out of the ${creation.by} (e.g. with .dockerignore), or use a multi-stage build`;
        const creator = creation.inst;
        const paths = movable;
        const oneCreator = creator.keyword === 'RUN' && found.every((f) => f.creation.inst === creator);
        const packages = found.every((f) => f.creation.kind === 'package');
        const movableTo = oneCreator && paths !== null && paths.length > 0 && found.every((f) => f.creation.kind !== 'package');
        // A removed package cannot move up (RUNs between may run it), nor can a delete whose file is read after it
        // was created (`RUN wget x.tgz` then `RUN tar -xf x.tgz && rm x.tgz`): the RUNs merge instead, keeping their order.
        const fix = movableTo
          ? () =>
              moveDelete({
                context,
                run,
                state,
                command,
                script,
                creator,
                paths,
                cache: found.some((f) => f.creation.kind === 'cache'),
                systemDirs: SYSTEM_DIRS,
              }) ?? mergeIntoCreator(context, creator, run)
          : oneCreator && packages
            ? () => mergeIntoCreator(context, creator, run)
            : undefined;
        const edits = fix?.() ?? null;
        const declined = edits ? undefined : declineReason(context.model, run, found, creator, oneCreator);
        context.report({
          range: r,
          message:
            `${commandName(manager, exe)} at line ${r.start.line + 1} ${isPackage ? 'removes' : 'deletes'} ${shown}${more}${sizeSuffix(estimate)}${what} ` +
            `${creation.by} at line ${creation.line} ${verb} in an earlier layer, so the image does not shrink; ${advice}.`,
          related: [{ range: creation.inst.range, message: `the ${creation.by} that ${verb} ${shown}` }],
          ...(estimate ? { estimate } : {}),
          ...(edits ? { fix: () => edits } : { fixDeclined: declined }),
        });
      }
    };

    const checkRun = (run: InstructionNode, state: BuildState, report: boolean): void => {
      if (!isPosixShell(state.shell)) {
        markTouched(state.workdir);
        return;
      }
      let cwd: string | null = canonicalPath(state.workdir, '/');
      /** What this RUN made so far; it joins `alive` at the end. Made at the first creation (many RUNs make nothing). */
      let mine = NO_CREATIONS;
      let removedPackages = NO_PACKAGES;
      let harmlessSoFar = true;
      const line = lineOf(run);
      const mounts = scratchMountTargets(run, state.workdir);
      const commands = runCommands(run);
      // `apt-get remove x && apt-get autoremove`: the autoremove frees x's dependencies as `--auto-remove` would.
      let lastAutoRemove = -1;
      for (let i = 0; i < commands.length; i++) if (planOf(commands[i]!.command).autoRemove) lastAutoRemove = i;

      const resolve = (word: string): string | null => {
        const expanded = expand(word, state);
        if (expanded === null || cwd === null) return null;
        if (/[*?[]/.test(expanded)) return null;
        return canonicalPath(expanded, cwd);
      };
      const create = (kind: Creation['kind'], key: string | null, by = 'RUN', bytes?: number): void => {
        if (key === null || key.startsWith('/dev/') || key.startsWith('/proc/') || key === '/') return;
        if (kind === 'cache' && mounts.some((t) => covers(t, key))) return;
        if (mine.has(key)) return;
        if (mine === NO_CREATIONS) mine = new PathIndex<Creation>(NONE);
        // Two literals, not a spread of `{ bytes }` or `{}`: a package install creates dozens of these per RUN per lint.
        mine.add(bytes !== undefined ? { kind, key, line, by, inst: run, touched: false, bytes } : { kind, key, line, by, inst: run, touched: false });
      };

      commands.forEach(({ command, script }, index) => {
        const plan = planOf(command);
        const { argv, exe, manager, operands } = plan;

        // --- deletes ---
        // Most commands delete nothing: takeDeleted is then not called, and compiled only where deletes are hot.
        const { found, movable } = plan.deletes ? takeDeleted(operands, manager, state, cwd, mine, removedPackages, harmlessSoFar) : NO_DELETES;
        if (report && found.length > 0) reportDelete(run, state, command, script, argv, exe, manager, found, movable, lastAutoRemove > index);

        // --- creations ---
        if (cwd !== null) for (const target of plan.written) create('file', resolve(target));
        if (exe === 'cd') {
          const target = argv[1]?.value;
          const expanded = target === undefined ? '~' : expand(target, state);
          cwd = expanded === null || cwd === null || expanded === '-' ? null : canonicalPath(expanded, cwd);
        } else if (exe === 'mkdir' || exe === 'touch') {
          const valued = exe === 'mkdir' ? ['-m', '--mode'] : ['-d', '-t', '-r', '--date', '--reference'];
          for (let i = 1; i < argv.length; i++) {
            const v = argv[i]!.value;
            if (v.startsWith('-')) {
              if (valued.includes(v)) i++;
              continue;
            }
            create(exe === 'mkdir' ? 'dir' : 'file', resolve(v));
          }
        } else if (exe === 'dd' && ddBytes(argv) !== null) {
          const of = argv.find((w) => w.value.startsWith('of='));
          if (of) create('file', resolve(of.value.slice(3)), 'RUN', ddBytes(argv)!);
        } else {
          // What it downloads or unpacks (madeByWords), resolved against this RUN's state.
          const { made } = plan;
          for (let i = 0; i < made.length; i++) {
            const { kind, word, fresh } = made[i]!;
            if (kind === 'file') {
              create('file', resolve(word));
              continue;
            }
            const path = resolve(word);
            if (path && (fresh ? freshDir(path) : !SYSTEM_DIRS.has(path))) create('content', path);
          }
        }
        if (manager) {
          const { by } = plan;
          for (const key of plan.installed) create('package', key, by);
          if (plan.removed !== null) {
            if (removedPackages === NO_PACKAGES) removedPackages = new Set();
            for (const key of plan.removed) removedPackages.add(key);
          }
          if (plan.downloadsPackages) for (const dir of leftCaches(manager, command.assignments, argv, state)) create('cache', dir, by);
        }
        if (!plan.harmless) harmlessSoFar = false;
      });

      // Anything this RUN may have written inside an older directory means inside-deletes there are no longer ours to tie.
      if (cwd === null) alive.touchAll();
      else {
        alive.touchCovering(canonicalPath(state.workdir, '/'));
        alive.touchContainedIn(run.argsText.text);
      }
      if (mine !== NO_CREATIONS) for (const c of mine) alive.replace(c);
    };

    return {
      'stage:enter'(stage) {
        alive = stages.enter(stage);
      },
      'stage:exit'(stage) {
        stages.exit(stage, alive);
      },
      RUN(run) {
        const stage = context.model.stageOf(run);
        if (!stage) return;
        checkRun(run, context.stateBefore(run), shipped.has(stage));
      },
      COPY(copy) {
        if (context.model.stageOf(copy)) addCopy(copy, context.stateBefore(copy));
      },
      ADD(add) {
        if (context.model.stageOf(add)) addCopy(add, context.stateBefore(add));
      },
    };
  },
});

function commandName(manager: ManagerCommand | null, exe: string): string {
  if (!manager || manager.action === 'other' || manager.action === 'install') return exe;
  const sub = manager.subcommand === 'cache' ? `cache ${manager.args[0]?.value ?? ''}` : manager.subcommand;
  return `${manager.tool} ${sub}`.trim();
}

/**
 * Cache directories an install command writes, unless it is told not to keep a cache. The command's assignments and
 * argv count as one list (`PIP_NO_CACHE_DIR=1 pip install`), taken apart so that no list joining them is made.
 */
function leftCaches(manager: ManagerCommand, assignments: readonly ShellWord[], argv: readonly ShellWord[], state: BuildState): readonly string[] {
  switch (manager.manager) {
    case 'apt':
      return manager.subcommand === 'update' ? ['/var/lib/apt/lists'] : ['/var/cache/apt'];
    case 'apk':
      return hasOption(assignments, '--no-cache') || hasOption(argv, '--no-cache') ? [] : cacheDirs('apk');
    case 'pip': {
      if (hasOption(assignments, '--no-cache-dir') || hasOption(argv, '--no-cache-dir') || state.env.has('PIP_NO_CACHE_DIR') || state.args.has('PIP_NO_CACHE_DIR')) return [];
      const noCache = (w: ShellWord): boolean => w.value.startsWith('PIP_NO_CACHE_DIR=');
      if (assignments.some(noCache) || argv.some(noCache)) return [];
      break;
    }
    default:
      break;
  }
  const explicit = explicitCacheDir(manager, state.workdir);
  return explicit ? [explicit] : cacheDirs(manager.manager);
}

/** Compiled matchers by operand. Three rules ask for the same operands on every lint (and an editor lints on every keystroke). */
const GLOB_MEMO_LIMIT = 1024;
const globMemo = new Map<string, PathMatcher>();

/** What globMatcher answers: whether a path is the operand's or below it. */
export type PathMatcher = PathPattern;

/**
 * globMatcher's test for an operand without `*`, `?` or `[` (most of them), without compiling it: the path itself,
 * or a path below it whose rest holds no line break (`(/.*)?$`: `.` stops at one). Compiling was 2 % of the corpus
 * lint: the memo holds 1,024 operands and the corpus has more, so it kept being emptied.
 */
class LiteralPath implements PathMatcher {
  constructor(private readonly path: string) {}

  test(key: string): boolean {
    const path = this.path;
    const n = path.length;
    if (key.length <= n) return key === path;
    if (key.charCodeAt(n) !== 47 || !key.startsWith(path)) return false;
    for (let i = n + 1; i < key.length; i++) {
      const c = key.charCodeAt(i);
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return false;
    }
    return true;
  }
}

const GLOB_CHAR = /[*?[]/;

/** globMatcher(path), or its equivalent without compiling when the path holds no glob. */
export const pathMatcher = (path: string): PathMatcher => (GLOB_CHAR.test(path) ? globMatcher(path) : new LiteralPath(path));

/** `rm` operand (canonical, may hold globs) → matcher for the paths it removes: itself and everything below. */
export function globMatcher(path: string): PathMatcher {
  const hit = globMemo.get(path);
  if (hit) return hit;
  if (globMemo.size >= GLOB_MEMO_LIMIT) globMemo.clear();
  const matcher = shellGlob(path, true);
  globMemo.set(path, matcher);
  return matcher;
}

/** Why neither moving the delete up nor merging the RUNs is offered, as one clause. */
function declineReason(
  model: SemanticModel,
  run: InstructionNode,
  found: ReadonlyArray<{ creation: { inst: InstructionNode; by: string; line: number } }>,
  creator: InstructionNode,
  oneCreator: boolean,
): string {
  const first = found[0]!.creation;
  if (first.by === 'COPY' || first.by === 'ADD') return `the files come from the ${first.by} at line ${first.line}, which no later RUN can undo`;
  if (!oneCreator) return 'what it deletes comes from more than one instruction';
  if (model.stageOf(creator) !== model.stageOf(run)) return `the RUN at line ${first.line} that created it is in another stage`;
  return (
    `neither moving the delete into the RUN at line ${first.line} nor merging the RUNs up to it is provably safe ` +
    '(an instruction between may use the files, a RUN is exec form or a heredoc, more than five RUNs apart, or the delete is not a plain command)'
  );
}

/** dd's size suffixes (coreutils and busybox agree on these). */
const DD_UNITS: Readonly<Record<string, number>> = {
  '': 1, c: 1, w: 2, b: 512, k: 1024, K: 1024, kB: 1000, KB: 1000, KiB: 1024, M: 1024 ** 2, MB: 1e6, MiB: 1024 ** 2, G: 1024 ** 3, GB: 1e9, GiB: 1024 ** 3,
};

/** Bytes `dd bs=N count=M of=FILE` writes, when both are literal and nothing else changes the amount; else null. */
export function ddBytes(argv: readonly ShellWord[]): number | null {
  const operand = (name: string): string | undefined => argv.find((w) => w.value.startsWith(`${name}=`))?.value.slice(name.length + 1);
  const size = (text: string | undefined): number | null => {
    const m = text === undefined ? null : /^(\d+)([A-Za-z]*)$/.exec(text);
    const unit = m && Object.hasOwn(DD_UNITS, m[2]!) ? DD_UNITS[m[2]!] : undefined;
    return m && unit !== undefined ? Number(m[1]) * unit : null;
  };
  if (['ibs', 'obs', 'iflag', 'oflag', 'seek', 'skip', 'conv'].some((o) => operand(o) !== undefined)) return null;
  const bs = size(operand('bs'));
  const count = size(operand('count'));
  return bs === null || count === null ? null : bs * count;
}

const CURL_VALUE = new Set([
  '-H', '--header', '-d', '--data', '--data-raw', '--data-binary', '-u', '--user', '-X', '--request', '-A', '--user-agent',
  '-e', '--referer', '-F', '--form', '-T', '--upload-file', '-w', '--write-out', '-x', '--proxy', '-m', '--max-time',
  '-r', '--range', '-b', '--cookie', '-c', '--cookie-jar', '-K', '--config', '-E', '--cert', '--cacert', '--retry',
  '--retry-delay', '--retry-max-time', '--connect-timeout', '-C', '--continue-at', '--resolve', '-y', '-Y', '--tlsv',
]);

/** Files curl writes: `-o FILE`, `--output FILE`, `-O` (name from the URL), `--output-dir DIR`. */
export function curlOutputs(argv: readonly ShellWord[]): string[] {
  const outputs: string[] = [];
  let remoteName = false;
  let dir: string | null = null;
  const urls: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const v = argv[i]!.value;
    if (v === '-o' || v === '--output') {
      const out = argv[++i]?.value;
      if (out && out !== '-') outputs.push(out);
    } else if (v.startsWith('--output=')) outputs.push(v.slice(9));
    else if (v === '--output-dir') dir = argv[++i]?.value ?? null;
    else if (v === '-O' || v === '--remote-name' || v === '--remote-name-all') remoteName = true;
    else if (/^-[A-Za-z]+$/.test(v)) {
      const o = v.indexOf('o');
      if (v.includes('O')) remoteName = true;
      if (o !== -1) {
        const out = o === v.length - 1 ? argv[++i]?.value : v.slice(o + 1);
        if (out && out !== '-') outputs.push(out);
      } else if (CURL_VALUE.has(`-${v[v.length - 1]}`)) i++;
    } else if (CURL_VALUE.has(v)) i++;
    else if (!v.startsWith('-')) urls.push(v);
  }
  if (remoteName) for (const url of urls) {
    const name = urlFileName(url);
    if (name) outputs.push(name);
  }
  return dir === null ? outputs : outputs.map((o) => (o.startsWith('/') ? o : `${dir}/${o}`));
}

/** Files wget writes: `-O FILE`, else the URL's file name under `-P DIR`. */
export function wgetOutputs(argv: readonly ShellWord[]): string[] {
  let output: string | null | undefined;
  let prefix = '';
  const urls: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const v = argv[i]!.value;
    if (v === '-O' || v === '--output-document') output = argv[++i]?.value ?? null;
    else if (v.startsWith('--output-document=')) output = v.slice(18);
    else if (v === '-P' || v === '--directory-prefix') prefix = argv[++i]?.value ?? '';
    else if (v.startsWith('--directory-prefix=')) prefix = v.slice(19);
    else if (/^-[A-Za-z]+$/.test(v) && v.includes('O')) {
      const o = v.indexOf('O');
      output = o === v.length - 1 ? (argv[++i]?.value ?? null) : v.slice(o + 1);
    } else if (/^-[A-Za-z]*[PtTwUeao]$/.test(v) && !v.startsWith('--')) i++;
    else if (!v.startsWith('-')) urls.push(v);
  }
  if (output === '-' || output === null) return [];
  if (output !== undefined) return [output];
  return urls.map(urlFileName).filter((n): n is string => n !== null).map((n) => (prefix ? `${prefix}/${n}` : n));
}

const GIT_CLONE_VALUE = new Set(['-b', '--branch', '--depth', '-o', '--origin', '-c', '--config', '--reference', '-j', '--jobs', '-u', '--upload-pack', '--template', '--separate-git-dir', '--shallow-since', '--shallow-exclude']);

export function gitCloneTarget(args: readonly ShellWord[]): string | null {
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v.startsWith('-')) {
      if (GIT_CLONE_VALUE.has(v)) i++;
      continue;
    }
    positional.push(v);
  }
  if (positional.length >= 2) return positional[1]!;
  const repo = positional[0];
  if (!repo) return null;
  const name = basename(repo.replace(/(?<!\/)\/+$/, '').replace(/:([^/]*)$/, '/$1')).replace(/\.git$/, '');
  return name && !name.includes('$') ? name : null;
}

/**
 * What a tar command does with files: the directory it extracts into (-C), the archive it creates (-c … -f FILE) and
 * the archive it extracts (-x … -f FILE).
 */
export function tarEffects(args: readonly ShellWord[]): { extractDir: string | null; archive: string | null; extracted: string | null } {
  let extract = false;
  let create = false;
  let file: string | null = null;
  let dir: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    if (v === '-C' || v === '--directory') dir = args[++i]?.value ?? null;
    else if (v.startsWith('--directory=')) dir = v.slice(12);
    else if (v === '--extract' || v === '--get') extract = true;
    else if (v === '--create') create = true;
    else if (v === '-f' || v === '--file') file = args[++i]?.value ?? null;
    else if (v.startsWith('--file=')) file = v.slice(7);
    else if ((i === 0 && /^[A-Za-z]+$/.test(v)) || /^-[A-Za-z]+$/.test(v)) {
      const letters = v.replace(/^-/, '');
      if (letters.includes('x')) extract = true;
      if (letters.includes('c')) create = true;
      if (letters.includes('f')) {
        const f = letters.indexOf('f');
        file = f === letters.length - 1 ? (args[++i]?.value ?? null) : letters.slice(f + 1);
      }
    }
  }
  return {
    extractDir: extract ? (dir ?? null) : null,
    archive: create && file && file !== '-' ? file : null,
    extracted: extract && file && file !== '-' ? file : null,
  };
}
