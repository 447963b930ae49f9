import { defineRule, type RelatedRange } from '../../src/engine';
import { type BuildState, finalImageStages, type Stage } from '../../src/model';
import { formatBytes } from '../../src/sizes';
import { type InstructionNode, memoOnObject, objectMemoKey } from '../../src/parse';
import type { Range } from '../../src/parse/source';
import { basename, effectiveArgv, isPosixShell, type LocatedCommand, runCommands, shellGlob, type ShellScript, type ShellWord, type SimpleCommand } from '../../src/shell';
import { canonicalPath, covers, deletedOperands, isPlainAbsolute, plainRelative } from '../../src/shell/packageManagers';
import {
  ARCHIVE,
  copyOperands,
  expandPath,
  freshDir,
  isUrl,
  looksLikeFile,
  madeByWords,
  type MadeByWord,
  pathMatcher,
  type PathMatcher,
  SYSTEM_DIRS,
  urlFileName,
} from '../remove-in-same-layer';
import { indexVersions, literalPrefix, PathIndex } from '../pathIndex';
import { StageInheritance } from '../stageInheritance';
import { moveDelete } from '../removeInSameLayerFix';
import { instructionsBetween } from '../runSeparators';
import { contextPath, contextSizer, smallCopies } from './estimates';
import { isOctalMode, isSymbolicMode, type Modification, modification } from './modifyCommands';
import { type CopyFold, foldIntoCopies } from './modifyInLaterLayerFix';

/**
 * Something an earlier instruction put into the image whose bytes a later change would store again. `file` is one
 * file at `key`; `maybe` a COPY source that is a file or a directory (no extension, no build context to ask);
 * `glob` the files a COPY of a source glob put into a directory (`key` is that glob); `content` a directory tree.
 * Empty directories and empty files (`mkdir`, `WORKDIR`, `touch`) are not tracked: changing them copies nothing.
 */
interface Made {
  readonly kind: 'file' | 'maybe' | 'glob' | 'content';
  /** Canonical path (a glob for `glob`). */
  readonly key: string;
  readonly inst: InstructionNode;
  /** `COPY`, `ADD` or `RUN`. */
  readonly by: string;
  /** Where the bytes came from in the build context (relative), when they did: for the size in the message. */
  readonly source: string | null;
  /** Heredoc bodies: their size. */
  readonly bytes: number | null;
  /** Set when a later instruction may have written inside this directory, so inside-changes cannot be tied to it. */
  touched: boolean;
}

interface Match {
  readonly made: Made;
  /** The changed path: the creation itself, or a path inside it. */
  readonly path: string;
  readonly inside: boolean;
}

/** A change's finding, held until the RUN's last command tells whether the COPY fix applies. */
interface RunFinding {
  readonly range: Range;
  readonly message: string;
  readonly related: RelatedRange;
  readonly viaRun: (() => ReturnType<typeof moveDelete>) | null;
  readonly bytes: number | null;
  /** Made by COPY or ADD (then only folding into it can fix the finding). */
  readonly copied: boolean;
}

/** One RUN as modify-in-later-layer walks its commands. */
class RunScan {
  /** What this RUN made so far; it joins `alive` at the end. Made at the first creation (most RUNs make nothing). */
  mine: PathIndex<Made> = NOTHING_MADE;
  /** Per COPY/ADD, what the RUN's chmod/chown commands set; null once one of them cannot be folded. */
  folds: Map<InstructionNode, CopyFold> | null = new Map();
  readonly covered = new Map<InstructionNode, Set<Made>>();
  readonly findings: RunFinding[] = [];
  /** The working directory so far (null once not known). */
  cwd: string | null;

  constructor(
    readonly run: InstructionNode,
    readonly state: BuildState,
    /** The stage ships: findings are reported. */
    readonly report: boolean,
    readonly home: string | null,
    workdir: string | null,
  ) {
    this.cwd = workdir;
  }
}

/** Commands that add users or groups: a `--chown` by name moved before them would not resolve. */
const USER_ADMIN = /\b(useradd|adduser|groupadd|addgroup|usermod|groupmod)\b/;

const GLOB = /[*?[]/;
/** The kinds whose `touched` flag matters; PathIndex keeps the untouched ones apart. */
const CONTENT_OR_MAYBE: ReadonlySet<string> = new Set(['content', 'maybe']);
const NONE: ReadonlySet<string> = new Set();
/** A RUN's creations until it has some: shared, and never added to (create makes the RUN's own first). */
const NOTHING_MADE = new PathIndex<Made>(NONE);
/** A shell glob does not match names that start with a dot unless it says so. */
const hidesDotNames = (glob: string, key: string): boolean => {
  const g = glob.split('/');
  const k = key.split('/');
  return g.some((part, i) => /^[*?[]/.test(part) && (k[i] ?? '').startsWith('.'));
};
/** chmod modes that only make sense for a file (`+x`, `u+x`): a directory would want `X` or a recursive change. */
const FILE_MODE = /^[ugoa]*\+[rwst]*x/;
/** Matches the path itself (a glob: what it names), not what lies below it. */
const exactMatcher = (path: string): PathMatcher => {
  if (!GLOB.test(path)) return new SamePath(path);
  const hit = exactMemo.get(path);
  if (hit) return hit;
  if (exactMemo.size >= EXACT_MEMO_LIMIT) exactMemo.clear();
  const matcher = shellGlob(path);
  exactMemo.set(path, matcher);
  return matcher;
};
class SamePath implements PathMatcher {
  constructor(private readonly path: string) {}

  test(key: string): boolean {
    return key === this.path;
  }
}
/** Compiled once per path, as globMatcher's are: matchesOf compiles one per path made so far, for every chmod or chown. */
const EXACT_MEMO_LIMIT = 1024;
const exactMemo = new Map<string, PathMatcher>();
/** The directory part of a path before its first glob. */
const literalDir = (path: string): string => {
  const parts = path.split('/');
  const k = parts.findIndex((p) => GLOB.test(p));
  return k === -1 ? path : parts.slice(0, k).join('/') || '/';
};

/**
 * `path` made absolute against `cwd`, with `.`/`..` resolved and `~`/`$HOME` replaced by the home directory; null
 * when that is not known. (Not packageManagers' canonicalPath, which folds every home directory into `~`: two users'
 * files are different files here.)
 */
function absolutePath(path: string, cwd: string, home: string | null): string | null {
  // The usual cases, `/app/x` and `x` under `/app`, without the split and join (every operand of every RUN comes here).
  if (isPlainAbsolute(path)) return path;
  if (plainRelative(path) && isPlainAbsolute(cwd)) return cwd === '/' ? `/${path}` : `${cwd}/${path}`;
  let p = path;
  const tilde = /^(~|\$HOME|\$\{HOME\})(?=\/|$)/;
  if (tilde.test(p)) {
    if (home === null) return null;
    p = p.replace(tilde, home);
  }
  if (!p.startsWith('/')) p = `${cwd.replace(/(?<!\/)\/+$/, '')}/${p}`;
  const parts: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** The home directory of the user a RUN runs as: $HOME when set, /root for root, else unknown. */
function homeOf(state: BuildState): string | null {
  const home = state.env.get('HOME');
  if (home) return home.includes('$') ? null : home;
  const user = state.user;
  return user === null || user === '' || user === 'root' || user === '0' || /^(root|0):/.test(user) ? '/root' : null;
}

/** Why a change to a file a RUN made is not moved into that RUN. */
const MOVE_DECLINED =
  'the change cannot move into the RUN that made the file: it was made in another stage or by several RUNs, later instructions may have written there, or its path holds a variable';

/**
 * What scanCommand reads of a command that follows from its words alone, worked out once per command: commands come
 * from script trees shared by text (runScript's memo), so the language server, which lints every version of a
 * document, meets the same commands at every keystroke.
 */
interface CommandPlan {
  readonly argv: readonly ShellWord[];
  readonly exe: string;
  readonly change: Modification | null;
  readonly deleted: ShellWord[] | null;
  readonly made: readonly MadeByWord[];
}

const COMMAND_PLAN = objectMemoKey('modifyInLaterLayer.plan');

const planOf = (command: SimpleCommand): CommandPlan => memoOnObject(command, COMMAND_PLAN, makePlan);

function makePlan(command: SimpleCommand): CommandPlan {
  const argv = effectiveArgv(command);
  const exe = argv.length > 0 ? basename(argv[0]!.value) : '';
  return { argv, exe, change: modification(argv), deleted: deletedOperands(argv), made: madeByWords(exe, argv) };
}

export default defineRule({
  meta: {
    id: 'modify-in-later-layer',
    aliases: [],
    category: 'size',
    severity: 'warning',
    fix: 'unsafe',
    docs: {
      summary: 'Flags a RUN that changes files an earlier instruction of the stage created (chmod, chown, sed -i, mv, …).',
      rationale:
        'Layers are stacked copy-on-write: a RUN that changes a file from an earlier layer, even only its mode or ' +
        'owner, stores the whole file again in its own layer, and the earlier copy stays. Measured in the lab ' +
        '(buildah): `COPY blob /blob` of a 20 MB file then `RUN chmod 600 /blob` gives a 44.1 MB image; ' +
        '`COPY --chmod=600 blob /blob` gives 23.1 MB with the same `ls -l`. Set mode and owner while copying ' +
        '(`COPY --chmod=… --chown=…`), and change files a RUN created in that same RUN.',
      bad:
        'FROM debian:12-slim\n' +
        'COPY app.tar.gz /opt/app.tar.gz\n' +
        'RUN chmod 600 /opt/app.tar.gz\n' +
        'RUN curl -fsSLo /usr/local/bin/tool https://example.com/tool\n' +
        'RUN chmod 755 /usr/local/bin/tool\n',
      good:
        '# syntax=docker/dockerfile:1\n' +
        'FROM debian:12-slim\n' +
        'COPY --chmod=600 app.tar.gz /opt/app.tar.gz\n' +
        'RUN curl -fsSLo /usr/local/bin/tool https://example.com/tool && chmod 755 /usr/local/bin/tool\n',
      notes:
        'Changes: `chmod`, `chown`, `chgrp`, `touch`, `sed -i`, `mv`, `setfacl` (with `-R`, a change of a directory ' +
        'covers what was copied or unpacked into it). Tracked creations: COPY/ADD destinations (files, source globs, ' +
        'directory trees copied into directories the base image does not fill), downloads (`curl -o`, `wget`), ' +
        '`dd of=`, `git clone`, `tar -x -C`, `unzip -d`, `tar -c`. Silent for paths from the base image, for empty ' +
        'directories and files (`mkdir`, `WORKDIR`, `touch`: changing them copies nothing worth a finding), for files ' +
        'the same RUN created first, ' +
        'for non-recursive changes of a directory (only the directory entry is copied), in stages whose layers ' +
        'do not reach the final image, and for changes of COPY\'d files that weigh little: under 100 kB together by the ' +
        'build context, or, when the context is not at hand, COPY/ADD sources that are all scripts, manifests, keys or ' +
        'config files by name (`*.sh`, `*.txt`, `*.yml`, `*.conf`, …; a file inside a copied tree by its own name), as ' +
        'remove-in-same-layer decides (an entrypoint script stored twice costs a few kB). A change inside a copied directory that a later instruction may have written ' +
        'to is still reported (the file is in an earlier layer either way), without a fix and with a note that a later ' +
        'instruction may have made it. When the build context is known (the Dockerfile\'s directory, or ' +
        '`--context`), the message gives the bytes stored twice, summed from the context files the COPY takes ' +
        '(.dockerignore applied). No hadolint equivalent.',
      fixSafety:
        'Two fixes. (1) For files from COPY/ADD — safe with octal modes, unsafe with symbolic ones: when the RUN does nothing but `chmod`/`chown`/' +
        '`chgrp` with a literal mode and owner on exactly the files one or more COPY/ADD of the stage created (all ' +
        'of them, so no other copied file changes), the mode and owner become `--chmod`/`--chown` flags of those ' +
        'instructions and the RUN goes; `# syntax=docker/dockerfile:1` is added on the first line when a mode is ' +
        'folded and there is no syntax directive. With an octal mode and numeric or existing owners, the image\'s ' +
        'files are the same (`chown app` keeps the copied group, so it becomes `--chown=app:0`), so this variant is ' +
        'safe by DESIGN.md\'s definition when the file already has a syntax directive; when the fix must add the syntax line ' +
        'it is unsafe, because BuildKit then fetches the docker/dockerfile:1 frontend image from a registry. A `--chown` ' +
        'by name must resolve when the COPY runs (no fix when a RUN in between adds users or groups). A symbolic ' +
        'mode (`+x`, `u+x`) is folded as written: COPY takes it only from dockerfile frontend 1.14 on (not from ' +
        'older frontends, the legacy builder or buildah), and `+x` follows the umask in chmod but not in COPY. ' +
        '(2) For files a RUN created: the command moves to the end of that RUN, with the conditions of ' +
        'remove-in-same-layer\'s fix (only RUNs in between, none naming the path, `&&` chaining, no `$`). It is ' +
        'unsafe because the change now happens before the RUNs in between ran.',
    },
  },
  create(context) {
    const shipped = new Set<Stage>(finalImageStages(context.model));
    const stages = new StageInheritance(context.model, () => new PathIndex<Made>(CONTENT_OR_MAYBE), (index) => index.clone(), indexVersions());
    let alive = new PathIndex<Made>(CONTENT_OR_MAYBE);
    const source = context.ast.source;
    const build = context.buildContext;
    const sizeOf = contextSizer(build);
    const lineOf = (inst: InstructionNode): number => inst.range.start.line + 1;

    const expand = (text: string, state: BuildState): string | null => expandPath(text, state, context.ast.escapeChar);

    const replace = (made: Made): void => alive.replace(made);
    /** Content at, above or below `dir` may now hold files of others. */
    const markTouched = (dir: string): void => alive.touchAround(dir);

    /** Tracks what a COPY/ADD creates; false when some of it is not tracked (then no flag may be folded into it). */
    const addCopy = (inst: InstructionNode, state: BuildState): boolean => {
      const operands = copyOperands(inst, (word) => expand(word, state));
      if (!operands) return false;
      const { destRaw, sources } = operands;
      let complete = true;
      const dest = absolutePath(destRaw, absolutePath(state.workdir, '/', null) ?? '/', null);
      if (dest === null) return false;
      markTouched(dest);
      const intoDir = destRaw.endsWith('/') || sources.length + inst.heredocs.length > 1;
      const fromStage = inst.flag('from') !== undefined;
      const by = inst.keyword;
      const made = (kind: Made['kind'], key: string, src: string | null, bytes: number | null = null): void =>
        replace({ kind, key, inst, by, source: src, bytes, touched: false });
      for (const h of inst.heredocs) made('file', intoDir ? `${dest}/${h.name}` : dest, null, Buffer.byteLength(h.content));
      for (const raw of sources) {
        if (inst.keyword === 'ADD' && isUrl(raw)) {
          const name = urlFileName(raw);
          if (!intoDir) made('file', dest, null);
          else if (name) made('file', `${dest}/${name}`, null);
          else complete = false;
          continue;
        }
        const src = expand(raw, state);
        if (src === null) {
          complete = false;
          continue;
        }
        const ctxPath = fromStage ? null : contextPath(src);
        const stat = ctxPath !== null && build ? build.stat(ctxPath) : null;
        const extracted = inst.keyword === 'ADD' && ARCHIVE.test(src);
        const name = basename(src.replace(/(?<!\/)\/+$/, ''));
        if (GLOB.test(name) && !GLOB.test(src.slice(0, -name.length))) {
          made('glob', `${dest}/${name}`, null);
        } else if (!extracted && (stat ? !stat.isDirectory : looksLikeFile(src))) {
          made('file', intoDir ? `${dest}/${name}` : dest, ctxPath);
        } else if (!extracted && !stat && !src.endsWith('/') && name !== '.' && name !== '..' && !GLOB.test(src)) {
          made('maybe', intoDir ? `${dest}/${name}` : dest, ctxPath);
        } else if (freshDir(dest)) {
          made('content', dest, extracted ? null : ctxPath);
        } else complete = false;
      }
      return complete;
    };

    /** What the change of `path` (canonical) touches among the creations alive. */
    const matchesOf = (path: string, change: Modification): Match[] => {
      const recursive = change.recursive;
      const exact = exactMatcher(path);
      const below = pathMatcher(path);
      const dir = literalDir(path);
      const found: Match[] = [];
      const written: Match[] = [];
      // A source without extension may be a directory: a non-recursive change of a directory copies only its entry.
      const fileOnly = change.verb === 'sed' || (change.verb === 'chmod' && FILE_MODE.test(change.mode ?? ''));
      // Everything the tests below can hold for: what `exact` and `below` can match, what covers `dir`, and globs.
      for (const c of alive.candidates({ startingWith: [literalPrefix(path)], covering: [dir], kinds: ['glob'] })) {
        if (GLOB.test(path) && hidesDotNames(path, c.key)) continue;
        if (c.kind === 'glob') {
          // Only the same glob, or a plain path it matches.
          if (c.key === path || (!GLOB.test(path) && exactMatcher(c.key).test(path))) found.push({ made: c, path, inside: false });
        } else if (exact.test(c.key)) {
          if (recursive || c.kind === 'file' || (c.kind === 'maybe' && fileOnly)) found.push({ made: c, path: c.key, inside: false });
        } else if (recursive && below.test(c.key)) found.push({ made: c, path: c.key, inside: false });
        else if (c.kind === 'content' && covers(c.key, dir) && path !== c.key) (c.touched ? written : found).push({ made: c, path, inside: true });
      }
      // A directory a later instruction may have written into still holds the file in an earlier layer, whichever of
      // them wrote it, so the change stores it twice all the same; it is named only when nothing more precise is known
      // (a later COPY of that very file). Staying silent there made a fix that takes the instruction in between away
      // (chain-run merging it, cache-order moving the COPY after it) look as if it created the finding (issue 19).
      return found.length > 0 ? found : written;
    };

    /** Bytes the change stores again, from the build context; null when any part of it is unknown. */
    const bytesOf = (matches: readonly Match[]): number | null => {
      let sum = 0;
      const seen = new Set<Made>();
      for (const { made, path, inside } of matches) {
        if (!inside && seen.has(made)) continue;
        seen.add(made);
        if (made.bytes !== null && !inside) {
          sum += made.bytes;
          continue;
        }
        if (!sizeOf || made.source === null || GLOB.test(path)) return null;
        const rel = inside ? path.slice(made.key.length).replace(/^\/+/, '') : '';
        const ctx = rel ? (made.source === '.' ? rel : `${made.source}/${rel}`) : made.source;
        const n = sizeOf(ctx);
        if (n === null) return null;
        sum += n;
      }
      return sum;
    };

    const resolve = (scan: RunScan, word: string): string | null => {
      const expanded = expand(word, scan.state);
      if (expanded === null || scan.cwd === null) return null;
      return absolutePath(expanded, scan.cwd, scan.home);
    };

    const foldable = (scan: RunScan, command: SimpleCommand, change: Modification, matches: readonly Match[], paths: readonly string[]): boolean => {
      const { run, folds, covered } = scan;
      if (change.verb !== 'chmod' && change.verb !== 'chown' && change.verb !== 'chgrp') return false;
      if (change.otherOptions || command.assignments.length > 0 || command.redirects.length > 0 || command.enclosing.length > 0) return false;
      if (matches.length === 0 || matches.length !== paths.length) return false;
      const stage = context.model.stageOf(run);
      for (const m of matches) {
        const copy = m.made.inst;
        if (m.inside || m.made.by === 'RUN' || context.model.stageOf(copy) !== stage) return false;
        // The RUN must name exactly what the COPY created: a glob or a directory above it may change more.
        if (!paths.includes(m.made.key) || (GLOB.test(m.made.key) !== (m.made.kind === 'glob'))) return false;
        if (m.made.kind === 'content' && !change.recursive) return false;
        // Something written inside since would get the new mode or owner from the RUN but not from the COPY.
        if (change.recursive && m.made.touched) return false;
        if (m.made.kind === 'glob' && m.path !== m.made.key) return false;
      }
      const setting = change.verb === 'chmod' ? change.mode : change.owner;
      if (setting === null) return false;
      let user: string | null = null;
      let group: string | null = null;
      if (change.verb === 'chmod') {
        if (!isOctalMode(setting) && !isSymbolicMode(setting)) return false;
      } else {
        const name = '[A-Za-z0-9_][A-Za-z0-9_-]*';
        if (change.verb === 'chgrp') {
          if (!new RegExp(`^${name}$`).test(setting)) return false;
          group = setting;
        } else {
          const m = new RegExp(`^(${name})?(?::(${name}))?$`).exec(setting);
          if (!m || (m[1] === undefined && m[2] === undefined) || setting.endsWith(':')) return false;
          user = m[1] ?? null;
          group = m[2] ?? null;
        }
        const named = [user, group].some((v) => v !== null && !/^\d+$/.test(v));
        if (named) {
          for (const m of matches) {
            const between = instructionsBetween(stage!, m.made.inst, run);
            if (between.some((i) => i.keyword === 'RUN' && USER_ADMIN.test(i.argsText.text + i.heredocs.map((h) => h.content).join('\n')))) return false;
          }
        }
      }
      for (const m of matches) {
        const copy = m.made.inst;
        let fold = folds?.get(copy);
        if (!fold) {
          fold = { copy, mode: null, user: null, group: null };
          folds?.set(copy, fold);
        }
        if (change.verb === 'chmod') {
          if (fold.mode !== null && fold.mode !== setting && !isOctalMode(setting)) return false;
          fold.mode = setting;
        } else {
          if (user !== null) fold.user = user;
          if (group !== null) fold.group = group;
        }
        const set = covered.get(copy) ?? new Set<Made>();
        set.add(m.made);
        covered.set(copy, set);
      }
      return true;
    };

    /** A command that changes files (chmod, chown, sed -i, mv, …): what it changes of what earlier instructions made. */
    const changeStep = (scan: RunScan, command: SimpleCommand, script: ShellScript, exe: string, change: Modification): void => {
      const matches: Match[] = [];
      const paths: string[] = [];
      let known = true;
      for (const w of change.targets) {
        const path = resolve(scan, w.value);
        if (path === null || path === '/' || path === '~') {
          known = false;
          continue;
        }
        // The same RUN made it first: changing it there is exactly right.
        const exact = exactMatcher(path);
        const dir = literalDir(path);
        const mineHit = scan.mine.candidates({ startingWith: [literalPrefix(path)], covering: [dir], coveredBy: change.recursive ? [dir] : [] });
        if (mineHit.some((c) => exact.test(c.key) || covers(c.key, dir) || (change.recursive && covers(dir, c.key)))) {
          known = false;
          continue;
        }
        const found = matchesOf(path, change);
        if (found.length === 0) known = false;
        paths.push(path);
        matches.push(...found);
        if (change.verb === 'mv') for (const f of found) if (!f.inside) alive.delete(f.made);
      }
      if (!(known && scan.folds !== null && foldable(scan, command, change, matches, paths))) scan.folds = null;
      const bytes = bytesOf(matches);
      // A few kB of COPY'd scripts or config stored twice are not worth a size finding (issue 19 pattern 3): by
      // the build context's sizes, else by name; what changes inside a copied tree is judged by its own name.
      const small =
        matches.every((m) => m.made.by !== 'RUN') &&
        smallCopies(bytes, matches.map((m) => (m.inside && !change.recursive ? m.path : m.made.inst)));
      if (scan.report && matches.length > 0 && !small) changeFinding(scan, command, script, exe, change, matches, paths, known, bytes);
    };

    /** The finding for a change (`matches` not empty), kept in the RUN's scan until its fix is known. */
    const changeFinding = (
      scan: RunScan,
      command: SimpleCommand,
      script: ShellScript,
      exe: string,
      change: Modification,
      matches: readonly Match[],
      paths: readonly string[],
      known: boolean,
      bytes: number | null,
    ): void => {
      const { run, state } = scan;
      const first = matches[0]!;
      const made = first.made;
      const range = source.range(script.toSource(command.start), script.toSource(command.end - 1) + 1);
      const count = new Set(matches.map((m) => m.path)).size;
      const more = count > 1 ? ` (and ${count - 1} more)` : '';
      const shown = first.path;
      const what = first.inside ? `, inside ${made.key}, which` : ', which';
      const verb = first.inside || made.kind === 'content' || made.kind === 'glob' ? 'filled' : 'created';
      const size = bytes === null ? '' : ` (${formatBytes(bytes)} more)`;
      const line = lineOf(made.inst);
      const kw = made.by;
      const name = change.verb === 'sed' ? 'sed -i' : exe;
      let advice: string;
      if (made.by === 'RUN') advice = `run ${name} in the RUN at line ${line} that creates it`;
      else if (change.verb === 'chmod') {
        const mode = change.mode !== null && (isOctalMode(change.mode) || isSymbolicMode(change.mode)) ? `=${change.mode}` : '';
        advice = `set the mode with ${kw} --chmod${mode} at line ${line}`;
      } else if (change.verb === 'chown' || change.verb === 'chgrp') {
        // chown keeps what it does not name: the COPY's owner (root unless --chown says otherwise).
        const [user = '0', group = user] = (made.inst.flag('chown')?.value ?? '0:0').split(':');
        const [newUser, newGroup] = (change.owner ?? '').split(':');
        const owner = change.owner === null || (change.owner.includes('.') && !change.owner.includes(':')) ? '' : change.verb === 'chgrp' ? `=${user}:${change.owner}` : `=${newUser || user}:${newGroup || group}`;
        advice = `set the owner with ${kw} --chown${/[$`]/.test(owner) ? '' : owner} at line ${line}`;
      } else if (change.verb === 'mv') advice = `${kw} it to its final path at line ${line}`;
      else advice = `change it before the ${kw} at line ${line} (in the build context, or in a build stage whose result you copy)`;
      // In a directory written to since, the file may be a later instruction's: the advice names both places, and
      // no fix moves the change (it would not follow the file).
      const written = first.inside && made.touched;
      if (written) advice = `make the change where the file is written (${made.by === 'RUN' ? `in the RUN at line ${line}` : advice}, or in the later RUN that creates it)`;
      const runCreators = new Set(matches.map((m) => m.made.inst));
      const viaRun =
        made.by === 'RUN' && !written && runCreators.size === 1 && known && paths.length > 0 && change.targets.every((w) => !/[$`]/.test(w.raw))
          ? (): ReturnType<typeof moveDelete> => {
              const named = change.verb === 'chown' || change.verb === 'chgrp';
              const stage = context.model.stageOf(run);
              const between = stage ? instructionsBetween(stage, made.inst, run) : [];
              if (named && between.some((i) => USER_ADMIN.test(i.argsText.text))) return null;
              return moveDelete({
                context,
                run,
                state,
                command,
                script,
                creator: made.inst,
                // remove-in-same-layer's fix reads paths in its own form, home directories as `~`.
                paths: change.targets.map((w) => ({ path: canonicalPath(resolve(scan, w.value)!, '/'), raw: w.value })),
                cache: false,
                systemDirs: SYSTEM_DIRS,
              });
            }
          : null;
      scan.findings.push({
        range,
        message:
          `${name} at line ${range.start.line + 1} changes ${shown}${more}${what} ${kw} at line ${line} ${verb}` +
          `${written ? ' and later instructions may have written to; the file is' : ''} in an earlier layer${written ? ' either way' : ''}, so the image stores ${count > 1 || made.kind !== 'file' || first.inside ? 'those bytes' : 'it'} twice${size}; ${advice}.`,
        related: { range: made.inst.range, message: `the ${kw} that ${verb} ${shown}` },
        viaRun,
        bytes,
        copied: made.by !== 'RUN',
      });
    };

    /** One command of a RUN: what it changes, deletes and creates. */
    const scanCommand = (scan: RunScan, command: SimpleCommand, script: ShellScript): void => {
      const { argv, exe, change, deleted, made } = planOf(command);
      if (!change) {
        if (argv.length > 0) scan.folds = null;
      } else changeStep(scan, command, script, exe, change);

      // --- deletes and creations of this command ---
      if (deleted !== null) deletes(scan, deleted);
      if (exe === 'cd') changeDir(scan, argv);
      else {
        // What it downloads or unpacks (madeByWords), resolved against this RUN's state.
        for (let i = 0; i < made.length; i++) {
          const { kind, word, fresh } = made[i]!;
          if (kind === 'file') {
            create(scan, 'file', resolve(scan, word));
            continue;
          }
          const path = resolve(scan, word);
          if (path && (fresh ? freshDir(path) : !SYSTEM_DIRS.has(path))) create(scan, 'content', path);
        }
      }
    };

    const deletes = (scan: RunScan, words: readonly ShellWord[]): void => {
      for (const w of words) {
        const path = resolve(scan, w.value);
        if (path === null) continue;
        const gone = pathMatcher(path);
        for (const c of alive.candidates({ startingWith: [literalPrefix(path)] })) if (gone.test(c.key)) alive.delete(c);
      }
    };

    /** `cd [dir]`: the RUN's working directory from here on (null when not known). */
    const changeDir = (scan: RunScan, argv: readonly ShellWord[]): void => {
      const target = argv.length > 1 ? argv[1]!.value : undefined;
      const expanded = target === undefined ? '~' : expand(target, scan.state);
      scan.cwd = expanded === null || scan.cwd === null || expanded === '-' ? null : absolutePath(expanded, scan.cwd, scan.home);
    };

    const create = (scan: RunScan, kind: Made['kind'], key: string | null): void => {
      if (key === null || GLOB.test(key) || key.startsWith('/dev/') || key.startsWith('/proc/') || key === '/') return;
      const made: Made = { kind, key, inst: scan.run, by: 'RUN', source: null, bytes: null, touched: false };
      if (scan.mine === NOTHING_MADE) scan.mine = new PathIndex<Made>(NONE);
      scan.mine.add(made);
    };

    /** The findings of a RUN, with the COPY fix when every command is a chmod/chown of COPY'd files. */
    const reportRun = (scan: RunScan, commands: readonly LocatedCommand[]): void => {
      const { run, folds, covered } = scan;
      // The COPY fix: every command a chmod/chown of COPY'd files, each COPY's files all covered.
      let copyFix: (() => ReturnType<typeof foldIntoCopies>) | null = null;
      let copyDeclined =
        folds === null || folds.size === 0
          ? 'the RUN does more than chmod/chown the COPY\'d files, so the change cannot move into the COPY'
          : 'the RUN is exec form, a heredoc or has flags of its own';
      if (folds !== null && folds.size > 0 && !run.execForm && run.heredocs.length === 0 && run.flags.length === 0) {
        const plan = [...folds.values()];
        const complete = plan.every((f) => {
          const all = alive.madeBy(f.copy);
          return all.length > 0 && all.length === createdBy.get(f.copy) && all.every((a) => covered.get(f.copy)?.has(a));
        });
        const [script] = commands.map((c) => c.script);
        const item = script?.ast?.items.length === 1 ? script.ast.items[0]! : undefined;
        const chained =
          item !== undefined && item.terminator !== '&' && item.operators.every((op) => op === '&&') &&
          item.pipelines.every((p) => p.commands.length === 1 && !p.negated) && !/[$`]/.test(run.argsText.text);
        if (complete && chained) copyFix = () => foldIntoCopies(context, run, plan);
        else if (!complete) copyDeclined = 'it changes only some of the files the COPY brings, and COPY --chmod/--chown would change them all';
        else copyDeclined = 'its commands are not joined by `&&` alone, or use variables';
      }
      // Octal modes and literal owners folded into the COPY leave every file exactly as the RUN left it: safe.
      // A folded mode needs `# syntax=docker/dockerfile:1` when the file has none, and adding it makes the build pull a
      // frontend image from a registry: that changes the build, so such a fix is unsafe (issue 19).
      const hasSyntax = context.ast.directives.some((d) => d.name === 'syntax');
      const foldIsSafe =
        copyFix !== null && folds !== null &&
        [...folds.values()].every((f) => f.mode === null || (isOctalMode(f.mode) && hasSyntax));
      for (const f of scan.findings) {
        const fix = copyFix ?? f.viaRun;
        context.report({
          range: f.range,
          message: f.message,
          related: [f.related],
          ...(fix ? { fix: () => fix() } : { fixDeclined: f.copied ? copyDeclined : MOVE_DECLINED }),
          ...(copyFix && foldIsSafe ? { fixSafety: 'safe' as const } : {}),
          ...(f.bytes !== null ? { estimate: { bytes: f.bytes, basis: 'sizes of the copied files in the build context' } } : {}),
        });
      }
    };

    // In steps, each its own function (as src/fix/mergeRuns.ts): TurboFan compiles a function whole, and checkRun with
    // its per-command callback was among a fuzz giant's costliest compiles. Apart, a step is compiled when it is hot;
    // the change and report steps rarely are.
    const checkRun = (run: InstructionNode, state: BuildState, report: boolean): void => {
      if (!isPosixShell(state.shell)) {
        markTouched(state.workdir);
        return;
      }
      const home = homeOf(state);
      const workdir = absolutePath(state.workdir, '/', home);
      const scan = new RunScan(run, state, report, home, workdir);
      const commands = runCommands(run);
      for (const { command, script } of commands) scanCommand(scan, command, script);
      if (scan.findings.length > 0) reportRun(scan, commands);

      // Anything this RUN may have written inside an older directory means inside-changes there are no longer ours to tie.
      if (scan.cwd === null || workdir === null) alive.touchAll();
      else {
        alive.touchCovering(workdir);
        alive.touchContainedIn(run.argsText.text);
      }
      if (scan.mine !== NOTHING_MADE) for (const c of scan.mine) replace(c);
    };

    /** How many things each COPY/ADD created, when all of them are tracked: a fold needs every one still there. */
    const createdBy = new Map<InstructionNode, number>();
    const countCopy = (inst: InstructionNode, state: BuildState): void => {
      const complete = addCopy(inst, state);
      if (complete) createdBy.set(inst, alive.countOf(inst));
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
        if (stage) checkRun(run, context.stateBefore(run), shipped.has(stage));
      },
      COPY(copy) {
        if (context.model.stageOf(copy)) countCopy(copy, context.stateBefore(copy));
      },
      ADD(add) {
        if (context.model.stageOf(add)) countCopy(add, context.stateBefore(add));
      },
    };
  },
});
