import { defineRule, type TextEdit } from '../../src/engine';
import { type BuildState, finalImageStages, type Stage } from '../../src/model';
import { type InstructionNode, memoOnObject, objectMemoKey } from '../../src/parse';
import { basename, effectiveArgv, isPosixShell, parseOptions, runCommands, type ShellScript, type ShellWord, type SimpleCommand } from '../../src/shell';
import { canonicalPath, covers, deletedOperands } from '../../src/shell/packageManagers';
import { StageInheritance } from '../stageInheritance';
import type { SizeEstimate } from '../../src/sizes';
import { appendDelete, bindMountInstead } from './archiveLeftInLayerFix';
import { contextEstimate, contextPath, contextSizer, sizeSuffix } from './estimates';
import { copyOperands, curlOutputs, expandPath, globMatcher, isUrl, pathMatcher, tarEffects, urlFileName, wgetOutputs } from '../remove-in-same-layer';

type ArchiveKind = 'tar' | 'zip' | 'deb' | 'rpm' | 'whl' | 'jar';

const KINDS: ReadonlyArray<readonly [RegExp, ArchiveKind]> = [
  [/\.(tar|tgz|taz|tbz|tbz2|tb2|txz|tzst|tar\.(gz|bz2|xz|zst|lz|lzma|Z))$/i, 'tar'],
  [/\.zip$/i, 'zip'],
  [/\.deb$/i, 'deb'],
  [/\.rpm$/i, 'rpm'],
  [/\.whl$/i, 'whl'],
  [/\.jar$/i, 'jar'],
];

// Every pattern ends in a `.` and an extension: a name without a dot (a package name, most operands) needs none of them.
const kindOf = (name: string): ArchiveKind | null => (name.includes('.') ? (KINDS.find(([re]) => re.test(name))?.[1] ?? null) : null);

/** An archive some instruction put into a layer. */
interface Archive {
  /** Canonical path in the image. */
  readonly path: string;
  readonly kind: ArchiveKind;
  readonly inst: InstructionNode;
  readonly line: number;
  /** How it came: `COPY`, `ADD`, `curl`, `wget`, `tar` (created by `tar -c`). */
  readonly by: string;
  /** `COPY --from` stage, when it came from another stage. */
  readonly from: string | null;
  /** A local tar archive COPYed in (add-extracts-archives' case when extracted in the same stage). */
  readonly localTar: boolean;
  readonly stage: Stage;
  /** How the Dockerfile names it: the word of the creating RUN, or the COPY/ADD destination as written. */
  readonly shown: string;
  /** The word for the fix's `rm -f`, when it names the same file at the end of the creating RUN. */
  readonly written: string | null;
  /** The build-context path a plain COPY took it from, whose size is what the layer keeps for nothing. */
  readonly source?: string | null;
}

/** A command that unpacks or installs archives, and the operands naming them. */
interface Consumer {
  readonly verb: 'unpacked' | 'installed';
  readonly operands: readonly ShellWord[];
}

const UNZIP_VALUE = 'dxP';

const INSTALLERS: ReadonlySet<string> = new Set(['apt-get', 'apt', 'yum', 'dnf', 'microdnf', 'zypper']);

/** The commands consumedBy knows besides python and pip (the tar, unzip, jar, dpkg and rpm families, the installers). */
const CONSUMERS: ReadonlySet<string> = new Set(['tar', 'bsdtar', 'gtar', 'unzip', 'jar', 'dpkg', 'rpm', ...INSTALLERS]);

/** The archives a command unpacks or installs, or null when it does neither. */
function consumedBy(argv: readonly ShellWord[]): Consumer | null {
  const exe = argv.length > 0 ? basename(argv[0]!.value) : '';
  // Asked about every command of every RUN on every lint: most are none of these, and leave without a copy of argv.
  if (!CONSUMERS.has(exe) && !exe.startsWith('python') && !exe.startsWith('pip')) return null;
  const args = argv.slice(1);
  if (exe === 'tar' || exe === 'bsdtar' || exe === 'gtar') {
    const { extracted } = tarEffects(args);
    return extracted ? { verb: 'unpacked', operands: args.filter((w) => w.value === extracted || w.value.endsWith(extracted)).slice(0, 1) } : null;
  }
  if (exe === 'unzip') {
    const first = parseOptions(args, { shortWithValue: UNZIP_VALUE }).operands[0];
    return first ? { verb: 'unpacked', operands: [first] } : null;
  }
  if (exe === 'jar') {
    const mode = args[0]?.value.replace(/^-/, '') ?? '';
    if (!mode.includes('x') || !mode.includes('f')) return null;
    return args[1] ? { verb: 'unpacked', operands: [args[1]] } : null;
  }
  if (exe === 'dpkg' || exe === 'rpm') {
    const parsed = parseOptions(args, { longWithValue: ['root', 'admindir', 'instdir', 'force', 'prefix', 'relocate', 'define', 'dbpath'] });
    const installs = parsed.options.some((o) =>
      exe === 'dpkg' ? o.name === 'i' || o.name === 'install' : ['i', 'U', 'F', 'install', 'upgrade', 'freshen', 'reinstall'].includes(o.name));
    return installs ? { verb: 'installed', operands: parsed.operands } : null;
  }
  const python = /^python[0-9.]*$/.test(exe) && argv[1]?.value === '-m' && /^pip[0-9.]*$/.test(argv[2]?.value ?? '');
  const tool = python ? basename(argv[2]!.value) : exe;
  const rest = python ? argv.slice(3) : args;
  if (
    (INSTALLERS.has(tool) || /^pip[0-9.]*$/.test(tool)) &&
    ['install', 'localinstall', 'reinstall', 'in'].includes(rest.find((w) => !w.value.startsWith('-'))?.value ?? '')
  ) {
    return { verb: 'installed', operands: rest.filter((w) => !w.value.startsWith('-') && kindOf(w.value) !== null && w.value.includes('.')) };
  }
  return null;
}

const DIR_CHANGERS: ReadonlySet<string> = new Set(['cd', 'pushd', 'popd']);

/** The commands scanCommand may take an archive's creation from. */
const ARCHIVE_WRITERS: ReadonlySet<string> = new Set(['curl', 'wget', 'tar']);

const writesArchive = ({ command }: { command: SimpleCommand }): boolean => planOf(command).writesArchive;

/**
 * What scanCommand reads of a command that follows from its words alone, worked out once per command: commands come
 * from script trees shared by text (runScript's memo), so the language server, which lints every version of a
 * document, meets the same commands at every keystroke.
 */
interface CommandPlan {
  readonly argv: readonly ShellWord[];
  readonly exe: string;
  /** `rm`/`unlink` operands, or null. */
  readonly deleted: ShellWord[] | null;
  readonly consumer: Consumer | null;
  /** The archives it writes (curl, wget, tar -c), in order. */
  readonly writes: readonly ArchiveWrite[];
  readonly writesArchive: boolean;
  readonly changesDir: boolean;
}

/** An archive a command writes: the word naming it, what writes it, and what follows from the word alone. */
interface ArchiveWrite {
  readonly word: string;
  readonly by: string;
  /** kindOf(word): null when the word names no archive. */
  readonly kind: ArchiveKind | null;
  /** Whether `rm -f word` appended to the RUN may name the same file, as far as the word alone says (see rmWord). */
  readonly plainForRm: boolean;
  /** The variables the word names. */
  readonly names: readonly string[];
}

const archiveWrite = (word: string, by: string): ArchiveWrite => ({
  word,
  by,
  kind: kindOf(word),
  plainForRm:
    /^[A-Za-z0-9_./+${}-]+$/.test(word) && !(/\$(?!\{?[A-Za-z_])/.test(word) || word.includes('${') !== /\$\{[A-Za-z_]\w*\}/.test(word)),
  names: [...word.matchAll(/\$\{?([A-Za-z_]\w*)\}?/g)].map((m) => m[1]!),
});

const COMMAND_PLAN = objectMemoKey('archiveLeftInLayer.plan');
const NO_WRITES: CommandPlan['writes'] = [];

const planOf = (command: SimpleCommand): CommandPlan => memoOnObject(command, COMMAND_PLAN, makePlan);

function makePlan(command: SimpleCommand): CommandPlan {
  const argv = effectiveArgv(command);
  const exe = argv.length > 0 ? basename(argv[0]!.value) : '';
  let writes: ArchiveWrite[] | null = null;
  if (exe === 'curl') {
    for (const out of curlOutputs(argv)) (writes ??= []).push(archiveWrite(out, 'curl'));
  } else if (exe === 'wget') {
    for (const out of wgetOutputs(argv)) (writes ??= []).push(archiveWrite(out, 'wget'));
  } else if (exe === 'tar') {
    const { archive } = tarEffects(argv.slice(1));
    if (archive) writes = [archiveWrite(archive, 'tar')];
  }
  return {
    argv,
    exe,
    deleted: deletedOperands(argv),
    consumer: consumedBy(argv),
    writes: writes ?? NO_WRITES,
    writesArchive: argv.length > 0 && ARCHIVE_WRITERS.has(exe),
    changesDir: argv.length > 0 && DIR_CHANGERS.has(exe),
  };
}

const commandName = (argv: readonly ShellWord[]): string => {
  const exe = basename(argv[0]?.value ?? '');
  if (/^python[0-9.]*$/.test(exe) && argv[1]?.value === '-m') return `${argv[2]?.value ?? 'pip'} install`;
  if (['apt-get', 'apt', 'yum', 'dnf', 'microdnf', 'zypper'].includes(exe) || /^pip[0-9.]*$/.test(exe)) return `${exe} install`;
  if (exe === 'dpkg' || exe === 'rpm') return `${exe} ${argv.find((w) => w.value.startsWith('-'))?.value ?? ''}`.trim();
  return exe;
};

/** Variables a RUN assigns (`X=`, `for X in`) anywhere in its text and heredocs. */
function assignedNames(run: InstructionNode): ReadonlySet<string> {
  const text = [run.argsText.text, ...run.heredocs.map((h) => h.content)].join('\n');
  return new Set([...text.matchAll(/(?:^|[\s;&|(])(?:for\s+)?([A-Za-z_]\w*)(?:=|\s+in\b)/g)].map((m) => m[1]!));
}

/** An archive a command of a RUN unpacks or installs. */
interface Consumed {
  readonly archive: Archive;
  readonly command: SimpleCommand;
  readonly script: ShellScript;
  readonly name: string;
  readonly verb: string;
}

/** One RUN as archive-left-in-layer walks its commands: its working directory, what it made, deleted and unpacked so far. */
class RunScan {
  /** Archives this RUN made; they join the stage's archives at its end. */
  readonly mine: Archive[] = [];
  readonly consumedHere: Consumed[] = [];
  readonly goneHere = new Set<Archive>();
  /**
   * Archives of this RUN that a later download to the same path replaced: the path still holds an archive, so an `rm`
   * of it after the replacement deletes what the earlier one left too (the fix's appended `rm -f` must count for it).
   */
  readonly replaced: Archive[] = [];
  private assignedMemo: ReadonlySet<string> | null = null;

  constructor(
    readonly run: InstructionNode,
    readonly state: BuildState,
    readonly stage: Stage,
    /** The RUN runs `cd`, `pushd` or `popd`. */
    readonly changesDir: boolean,
    public cwd: string | null,
  ) {}

  /** Variables the RUN assigns: only a finding's fix asks (rmWord), so the scan of the whole RUN waits for that. */
  assigned(): ReadonlySet<string> {
    return (this.assignedMemo ??= assignedNames(this.run));
  }
}

export default defineRule({
  meta: {
    id: 'archive-left-in-layer',
    aliases: [],
    category: 'size',
    severity: 'warning',
    fix: 'unsafe',
    docs: {
      summary:
        'Flags an archive (tar, zip, deb, rpm, whl, jar) that is unpacked or installed but stays in a layer of the final image.',
      rationale:
        'An archive that is unpacked is needed only while it is unpacked, yet when it reaches the image in one layer ' +
        '(COPY, ADD of a URL, `curl -o`, `wget`) and is unpacked in a later one, or is downloaded and unpacked in one ' +
        'RUN that never deletes it, the image carries the archive and its contents. Measured in the lab: ' +
        '`COPY app.tar.gz /tmp/` then `RUN tar xzf /tmp/app.tar.gz -C /app` (10 MB payload) gives a 23.1 MB image, ' +
        '`ADD app.tar.gz /app/` 12.6 MB with the same contents. Download, unpack and delete in one RUN, bind-mount a ' +
        'local archive for the RUN that unpacks it (`RUN --mount=type=bind,source=…`), or copy the unpacked tree from ' +
        'a builder stage instead of a tarball.',
      bad:
        'FROM debian:12\n' +
        'RUN curl -fsSL -o /tmp/tool.tgz https://example.com/tool.tgz && tar -xzf /tmp/tool.tgz -C /opt\n' +
        'COPY bundle.zip /tmp/\n' +
        'RUN unzip /tmp/bundle.zip -d /srv\n',
      good:
        'FROM debian:12\n' +
        'RUN curl -fsSL -o /tmp/tool.tgz https://example.com/tool.tgz && tar -xzf /tmp/tool.tgz -C /opt && rm -f /tmp/tool.tgz\n' +
        'RUN --mount=type=bind,source=bundle.zip,target=/tmp/bundle.zip unzip /tmp/bundle.zip -d /srv\n',
      fixSafety:
        'Two fixes, both unsafe because the archive is no longer in the image afterwards: anything that later reads it ' +
        '(a checksum listing, a second unpack) would fail. (1) For an archive downloaded (`curl -o/-O`, `wget`) and ' +
        'unpacked or installed in the same RUN, ` && rm -f <archive>` is appended to that RUN (on a new continuation ' +
        'line in the file\'s style when the RUN spans several lines), naming the archive as the download wrote it. It ' +
        'is not offered when the name is relative and the RUN changes directory, holds a variable the RUN assigns, or ' +
        'when the RUN is exec form or a heredoc, runs a non-POSIX SHELL, joins its commands with anything but `&&`, ' +
        'ends in a background job, `;` or a comment, or runs something that would stop or change an appended command ' +
        '(`exit`, `exec`, `eval`, functions, `set -f`). (2) For an archive that `COPY [--from=<stage>]` brings in ' +
        'only for the RUN right after it, the COPY goes and that RUN gets ' +
        '`--mount=type=bind,[from=<stage>,]source=<src>,target=<where COPY put it>`, which makes the file readable ' +
        'during that RUN only (this needs BuildKit or buildah; the mount is read-only, and an older BuildKit may leave ' +
        'an empty file at the target). It is offered only when the COPY has one source without globs, variables or ' +
        'quotes and no flag but `--from`, the target is absolute (or relative to an absolute literal WORKDIR), the RUN ' +
        'names the archive exactly once (so it does not also delete or rewrite it) and has no mount there, and no ' +
        'later instruction, nor a `COPY --from` of another stage, names the archive.',
      notes:
        'Archives are recognised by name (`.tar`, `.tar.gz`/`.tgz` and the other tar compressions, `.zip`, `.deb`, ' +
        '`.rpm`, `.whl`, `.jar`) when COPY/ADD put them in the image (ADD of a local tar is unpacked by ADD itself and ' +
        'does not count), when `curl -o/-O/--output` or `wget [-O|-P]` downloads them, or when `tar -c` creates them; ' +
        'they count as used when `tar -x`, `unzip`, `jar x`, `dpkg -i`, `rpm -i/-U`, `apt-get|apt|yum|dnf|zypper ' +
        'install <file>` or `pip install <file>` names them by path (globs included), later in the same stage or in a ' +
        'stage built FROM it. Only stages whose layers reach the final image are checked: an archive left in a builder ' +
        'stage never ships. Division of labour with neighbouring rules, so that one problem gives one finding: an ' +
        'archive that a later RUN deletes (`rm`) is left to remove-in-same-layer, which reports that delete (and moves ' +
        'it into the RUN that downloaded the archive when it can); a local tar archive that COPY brings in and a later ' +
        'RUN of the same stage extracts is left to add-extracts-archives (DL3010), which tells to `ADD` it and offers ' +
        'the fixes for it (`ADD <archive> <dir>/` when the next RUN only extracts it, the bind mount below otherwise); ' +
        'the two rules share their fix code (rules/archiveLeftInLayerFix.ts). ' +
        'Fixes not offered (yet), with the reason: the download and the unpacking in adjacent RUNs are not merged ' +
        '(merging RUNs is chain-run\'s fix; after it this rule\'s `rm -f` fix applies), nor rewritten to ' +
        '`curl … | tar -x`, which hides a failed download unless the shell has `pipefail`; an archive downloaded by ' +
        '`ADD <url>` is left as it is (the rewrite needs curl or wget in the image); and `COPY --from=<stage> /x.tar` ' +
        'followed by `tar -x` is bind-mounted rather than rewritten into a `COPY --from` of the unpacked tree, since ' +
        'what the builder packed (and with which owners and modes) is not known from the Dockerfile alone.',
    },
  },
  create(context) {
    const shipped = new Set(finalImageStages(context.model));
    const source = context.ast.source;
    /** Archives present at the end of each stage, for `FROM <stage>`. */
    const stages = new StageInheritance<Archive[]>(context.model, () => [], (archives) => [...archives]);
    let alive: Archive[] = [];
    /** Archives already reported (once each). */
    const reported = new Set<Archive>();
    /** Findings held back until the end: a later delete hands the archive to remove-in-same-layer. */
    const pending: Array<{ archive: Archive; emit: () => void }> = [];
    const deletedLater = new Set<Archive>();

    const lineOf = (inst: InstructionNode): number => inst.range.start.line + 1;
    const sizeOf = contextSizer(context.buildContext);
    /** The archive's bytes, known only for one COPY'd from the build context (a download's size is not known here). */
    const archiveEstimate = (archive: Archive): SizeEstimate | null => contextEstimate(sizeOf, archive.source);

    const expand = (text: string, state: BuildState): string | null => expandPath(text, state, context.ast.escapeChar);

    const addCopy = (inst: InstructionNode, state: BuildState): void => {
      const operands = copyOperands(inst, (word) => expand(word, state));
      if (!operands) return;
      const { destRaw, sources } = operands;
      const dest = canonicalPath(destRaw, state.workdir);
      const intoDir = destRaw.endsWith('/') || sources.length > 1;
      const from = inst.flag('from')?.value ?? null;
      const stage = context.model.stageOf(inst)!;
      // Whatever was at the destination is replaced or joined: an archive there is no longer the one we knew.
      if (alive.length > 0) alive = alive.filter((a) => !covers(dest, a.path));
      for (const src of sources) {
        const url = isUrl(src);
        if (url && inst.keyword !== 'ADD') continue;
        const name = url ? urlFileName(src) : basename(src.replace(/(?<!\/)\/+$/, ''));
        if (!name || /[*?[$]/.test(name)) continue;
        const path = intoDir ? `${dest === '/' ? '' : dest}/${name}` : dest;
        const shown = intoDir ? `${destRaw.replace(/(?<!\/)\/+$/, '')}/${name}` : destRaw;
        const kind = kindOf(basename(path)) ?? (intoDir ? null : kindOf(name));
        if (!kind) continue;
        // ADD unpacks a local tar archive itself.
        if (inst.keyword === 'ADD' && !url && kind === 'tar') continue;
        const localTar = inst.keyword === 'COPY' && from === null && kind === 'tar';
        const ctx = url || from !== null || src.includes('$') ? null : contextPath(src);
        alive.push({ path, kind, inst, line: lineOf(inst), by: inst.keyword, from, localTar, stage, shown, written: null, source: ctx });
      }
    };

    /** A relative path of the RUN resolved against its working directory so far; null when not known. */
    const resolve = (scan: RunScan, word: string): string | null => {
      const expanded = expand(word, scan.state);
      if (expanded === null) return null;
      if (scan.cwd === null) return expanded.startsWith('/') ? canonicalPath(expanded, '/') : null;
      return canonicalPath(expanded, scan.cwd);
    };

    /** The archives a consumer's operand names. */
    const matching = (scan: RunScan, word: ShellWord): Archive[] => {
      const all = [...scan.mine, ...alive].filter((a) => !scan.goneHere.has(a));
      const path = resolve(scan, word.value);
      if (path === null) {
        // Not resolvable (a variable): only a literal file name that is unique among the archives.
        const name = basename(word.value);
        if (/[$`*?[]/.test(name)) return [];
        const named = all.filter((a) => basename(a.path) === name);
        return named.length === 1 ? named : [];
      }
      if (/[*?[]/.test(path)) {
        const re = globMatcher(path);
        return all.filter((a) => re.test(a.path) && a.path.split('/').length === path.split('/').length);
      }
      return all.filter((a) => a.path === path);
    };

    /**
     * The word for an appended `rm -f word`, which names the same file only when the RUN stays in its directory (or
     * the word is absolute) and does not assign the variables in the word; null otherwise.
     */
    const rmWord = (scan: RunScan, write: ArchiveWrite): string | null => {
      // What follows from the word alone is in the command's plan (archiveWrite).
      if (!write.plainForRm) return null;
      const { state } = scan;
      if (write.names.some((n) => scan.assigned().has(n) || (!state.env.has(n) && !state.args.has(n)))) return null;
      return write.word.startsWith('/') || !scan.changesDir ? write.word : null;
    };

    /** What an `rm` (its operands `words`) deletes of the archives so far. */
    const deletes = (scan: RunScan, words: readonly ShellWord[]): void => {
      // No archive to delete (most RUNs): nothing to resolve.
      if (scan.mine.length === 0 && alive.length === 0) return;
      for (const w of words) {
        const path = resolve(scan, w.value);
        const expanded = expand(w.value, scan.state);
        // A relative name on either side depends on a working directory that may not be what we think (a base
        // image's WORKDIR, a `cd` we could not follow): the same file name counts as a delete of the archive.
        const sameName = (a: Archive): boolean =>
          expanded !== null && (!expanded.startsWith('/') || !a.shown.startsWith('/')) &&
          basename(expanded).replace(/[*?[\]]/g, '').length >= 4 && pathMatcher(basename(expanded)).test(basename(a.path));
        const hit = (a: Archive): boolean =>
          path === null
            ? w.value.includes(basename(a.path)) || /\*$/.test(w.value) || sameName(a)
            : (path !== '/' && pathMatcher(path).test(a.path)) || sameName(a);
        for (const a of [...scan.mine, ...alive, ...scan.replaced]) if (hit(a)) scan.goneHere.add(a);
      }
    };

    /** The archives a command unpacks or installs (`consumer`), each taken once per RUN. */
    const consume = (scan: RunScan, consumer: Consumer, argv: readonly ShellWord[], command: SimpleCommand, script: ShellScript): void => {
      for (const w of consumer.operands) {
        for (const a of matching(scan, w)) {
          if (!scan.consumedHere.some((c) => c.archive === a)) scan.consumedHere.push({ archive: a, command, script, name: commandName(argv), verb: consumer.verb });
        }
      }
    };

    /** An archive the RUN writes (`word`, by curl, wget or tar -c) replaces any earlier one at its path. */
    const created = (scan: RunScan, write: ArchiveWrite): void => {
      const { kind, word } = write;
      if (!kind) return;
      const path = resolve(scan, word);
      if (path === null || /[*?[]/.test(path)) return;
      const { mine, run } = scan;
      for (const a of mine) if (a.path === path && !scan.goneHere.has(a)) scan.replaced.push(a);
      mine.splice(0, mine.length, ...mine.filter((a) => a.path !== path));
      mine.push({ path, kind, inst: run, line: lineOf(run), by: write.by, from: null, localTar: false, stage: scan.stage, shown: word, written: rmWord(scan, write) });
    };

    /** `cd [dir]`: the RUN's working directory from here on (null when not known). */
    const changeDir = (scan: RunScan, argv: readonly ShellWord[]): void => {
      const target = argv.length > 1 ? argv[1]!.value : undefined;
      const expanded = target === undefined ? '~' : expand(target, scan.state);
      scan.cwd = expanded === null || scan.cwd === null || expanded === '-' ? null : canonicalPath(expanded, scan.cwd);
    };

    /** One command of a RUN: what it deletes, unpacks or installs, and creates. */
    const scanCommand = (scan: RunScan, command: SimpleCommand, script: ShellScript): void => {
      const { argv, exe, deleted, consumer, writes } = planOf(command);
      if (deleted !== null) deletes(scan, deleted);
      if (consumer !== null) consume(scan, consumer, argv, command, script);
      if (exe === 'cd') changeDir(scan, argv);
      else for (let i = 0; i < writes.length; i++) created(scan, writes[i]!);
    };

    /** The findings for what a RUN unpacked or installed (held in `pending` until the end of the file). */
    const reportConsumed = (scan: RunScan): void => {
      const { run, state, stage } = scan;
      const report = shipped.has(stage);
      for (const { archive, command, script, name, verb } of scan.consumedHere) {
        if (reported.has(archive) || scan.goneHere.has(archive) && archive.inst === run) continue;
        // add-extracts-archives (DL3010) already says to ADD a local tar COPYed and extracted in the same stage.
        if (archive.localTar && archive.stage === stage) continue;
        reported.add(archive);
        if (!report) continue;
        const range = source.range(script.toSource(command.start), script.toSource(command.end - 1) + 1);
        const at = range.start.line + 1;
        const shown = archive.shown;
        const estimate = archiveEstimate(archive);
        // `fix` gives the edits, or null (then `declined` says why), or a reason of its own.
        const emit = (message: string, fix: (() => TextEdit[] | string | null) | undefined, declined: string): void => {
          // The instruction that brought the archive in, when that is another one than this RUN.
          const related = archive.inst === run ? undefined : [{ range: archive.inst.range, message: `the ${archive.by === 'COPY' || archive.by === 'ADD' ? archive.by : 'RUN'} that brings in ${shown}` }];
          pending.push({
            archive,
            emit: () => {
              const edits = fix?.() ?? null;
              const fixOrReason = typeof edits === 'string' ? { fixDeclined: edits } : edits ? { fix: () => edits } : { fixDeclined: declined };
              context.report({ range, message, related, ...fixOrReason, ...(estimate ? { estimate } : {}) });
            },
          });
        };
        if (archive.inst === run) {
          const written = run.heredocs.length === 0 ? archive.written : null;
          emit(
            `${shown} downloaded by ${archive.by} at line ${archive.line} is ${verb} by ${name} at line ${at} but never ` +
              `deleted, so the layer keeps the archive as well as what came out of it; ` +
              (written ? `add \`&& rm -f ${written}\` to the end of this RUN.` : 'delete it in this RUN once it is no longer needed.'),
            written ? () => appendDelete(context, run, state, `rm -f ${written}`) : undefined,
            'where the archive is written is not known (a variable, a heredoc, or a download tool option the rule does not read)',
          );
          continue;
        }
        const how =
          archive.by === 'COPY' || archive.by === 'ADD'
            ? `${archive.by === 'ADD' ? 'downloaded by ADD' : archive.from !== null ? `copied from stage ${archive.from} by COPY` : 'copied by COPY'}`
            : archive.by === 'tar'
              ? 'created by tar'
              : `downloaded by ${archive.by}`;
        const advice =
          archive.by === 'COPY' && archive.from !== null
            ? `copy the unpacked files from stage ${archive.from} instead of the archive, or bind-mount it for this RUN (\`RUN --mount=type=bind,from=${archive.from},source=…\`)`
            : archive.by === 'COPY'
              ? `bind-mount it for this RUN instead (\`RUN --mount=type=bind,source=…,target=${shown}\`)`
              : `get, unpack and delete it in one RUN`;
        emit(
          `${shown} ${how} at line ${archive.line}${sizeSuffix(estimate)} is ${verb} by ${name} at line ${at} in a later layer, so the image ` +
            `keeps the archive as well as what came out of it; ${advice}.`,
          archive.by === 'COPY' ? () => bindMountInstead(context, archive.inst, run) : undefined,
          archive.by === 'COPY'
            ? 'a bind mount replaces the COPY only when the RUN right after it is the one use of the archive and the COPY is one plain source and destination (no variables, globs or other flags)'
            : `an archive ${archive.by === 'ADD' ? 'ADD downloads' : 'an earlier RUN made'} cannot be deleted from its layer; get, unpack and delete it in one RUN by hand`,
        );
      }
    };

    // In steps, each its own function (as src/fix/mergeRuns.ts): TurboFan compiles a function whole, and checkRun in
    // one piece was among a fuzz giant's costliest compiles, deoptimised and compiled again by rare branches (a bare
    // `cd`, an exec-form RUN). Apart, a step is compiled when it is hot, and the report step rarely is.
    const checkRun = (run: InstructionNode, state: BuildState): void => {
      if (!isPosixShell(state.shell) || run.execForm) return;
      const commands = runCommands(run);
      // With no archive alive, only a command that writes one (curl, wget, tar -c) can change anything.
      if (alive.length === 0 && !commands.some(writesArchive)) return;
      // An appended `rm -f word` names the same file only when the RUN stays in its directory (or the word is absolute).
      let changesDir = false;
      for (const { command } of commands) if (planOf(command).changesDir) changesDir = true;
      const scan = new RunScan(run, state, context.model.stageOf(run)!, changesDir, canonicalPath(state.workdir, '/'));
      for (const { command, script } of commands) scanCommand(scan, command, script);

      for (const a of scan.goneHere) if (a.inst !== run) deletedLater.add(a);
      if (scan.consumedHere.length > 0) reportConsumed(scan);

      // A new list only when something is gone: the stage's list is its own (StageInheritance copies it for heirs).
      if (scan.goneHere.size > 0) alive = alive.filter((a) => !scan.goneHere.has(a));
      for (const a of scan.mine) {
        if (scan.goneHere.has(a)) continue;
        alive = alive.filter((b) => b.path !== a.path);
        alive.push(a);
      }
    };

    return {
      'stage:enter'(stage) {
        alive = stages.enter(stage);
      },
      'stage:exit'(stage) {
        stages.exit(stage, alive);
      },
      RUN(run) {
        if (context.model.stageOf(run)) checkRun(run, context.stateBefore(run));
      },
      COPY(copy) {
        if (context.model.stageOf(copy)) addCopy(copy, context.stateBefore(copy));
      },
      ADD(add) {
        if (context.model.stageOf(add)) addCopy(add, context.stateBefore(add));
      },
      'dockerfile:exit'() {
        for (const { archive, emit } of pending) if (!deletedLater.has(archive)) emit();
      },
    };
  },
});
