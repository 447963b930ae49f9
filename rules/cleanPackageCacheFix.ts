/**
 * The fix of clean-package-cache: where the cleanup goes in a RUN, and when a cleanup cannot change what later
 * instructions see. Kept apart from the rule so the rule file stays about detection.
 */
import type { Fixer, RuleContext, TextEdit } from '../src/engine';
import type { BuildState, SemanticModel, Stage } from '../src/model';
import { mountOptions } from '../src/model/semanticModel';
import type { InstructionNode } from '../src/parse';
import { basename, effectiveArgv, endsInBareBackslash, isPosixShell, runCommands, runScripts, type ShellScript, type SimpleCommand } from '../src/shell';
import { canonicalPath, covers, hasOption, type ManagerCommand, managerCommand } from '../src/shell/packageManagers';
import { commandRemoval, withRemoval } from './removeInSameLayerFix';
import { positionAfter } from './runSeparators';

interface Located {
  readonly command: SimpleCommand;
  readonly script: ShellScript;
  readonly argv: ReturnType<typeof effectiveArgv>;
  readonly manager: ManagerCommand | null;
}

/** The commands whose cleanup must come after them, per manager family (a cleanup placed before them is undone). */
const APT_TOOLS = ['apt-get', 'apt', 'aptitude', 'apt-cache', 'add-apt-repository', 'apt-add-repository'];
const RPM_TOOLS = ['yum', 'dnf', 'dnf5', 'dnf-3', 'microdnf'];
const family = (manager: ManagerCommand['manager']): readonly string[] | null => {
  switch (manager) {
    case 'apt':
      return APT_TOOLS;
    case 'yum':
    case 'dnf':
    case 'microdnf':
      return RPM_TOOLS;
    case 'zypper':
      return ['zypper'];
    case 'npm':
      return ['npm'];
    default:
      return null;
  }
};

/** Text after the insertion point that may run one of `tools` (`sh -c "apt-get …"`, `$(apt-cache …)`): then we do not guess. */
const mentions = (text: string, tools: readonly string[]): boolean =>
  new RegExp(`(^|[\\s;&|(\`'"])([\\w./-]*/)?(${tools.map((t) => t.replace(/[.-]/g, '\\$&')).join('|')})(?=[\\s;&|)'"\`]|$)`).test(text);

const ROOT = (user: string | null): boolean => user === null || user === '' || user === 'root' || user === '0' || /^(root|0):/.test(user);

/** Base images whose pip predates `--no-cache-dir` (pip < 6): Ubuntu 12.04/14.04, Debian 7/8, CentOS 5/6. */
const OLD_PIP = /^(library\/)?(ubuntu:(12\.04|14\.04|precise|trusty)|debian:(7|8|wheezy|jessie)([.-]|$)|centos:[56]([.-]|$))/;

export interface CleanupFix {
  readonly context: RuleContext;
  readonly run: InstructionNode;
  /** The instruction holding the RUN (the ONBUILD for a trigger). */
  readonly holder: InstructionNode;
  readonly state: BuildState;
  readonly commands: readonly Located[];
  readonly index: number;
}

/** When no other reason fits: the command's words or its place in the script are not what the fix knows how to edit. */
const UNPLACEABLE = 'the RUN gives no place dfopt can show is safe for the cleanup after its last package command';
/** When the command ends in a backslash that escapes nothing (see endsInBareBackslash). */
const BARE_BACKSLASH = 'the package command ends in a `\\` that is text here (the escape directive names another character), and it would escape the cleanup appended after it';

/** The edit that makes `commands[index]` leave no cache, or why not when we are not sure it changes nothing else (one clause). */
export function cleanupFix(fixer: Fixer, fix: CleanupFix): TextEdit | readonly TextEdit[] | string {
  const { context, commands, index, state } = fix;
  const located = commands[index]!;
  const manager = located.manager!;
  const source = context.ast.source;
  const at = (script: ShellScript, offset: number): number => script.toSource(offset - 1) + 1;
  const subcommandWord = (): ReturnType<typeof effectiveArgv>[number] | undefined =>
    located.argv[located.argv.length - manager.args.length - 1];

  switch (manager.manager) {
    case 'apk': {
      // `--update` writes the index this command's `--no-cache` would no longer keep: later apk commands may read it.
      if (located.argv.some((w) => /^-[a-zA-Z]*U[a-zA-Z]*$|^--update(-cache)?$/.test(w.value)) && laterUse(fix, 'apk')) return 'a later apk command of the stage reads the index this `--update` writes';
      // Without network the cached index is all apk has.
      if (hasOption(located.argv, '--no-network')) return 'without network the cached index is all apk has';
      const word = subcommandWord();
      return word ? fixer.insertAfter(source.range(at(located.script, word.end), at(located.script, word.end)), ' --no-cache') : UNPLACEABLE;
    }
    case 'pip': {
      if (OLD_PIP.test(rootImage(context, fix.holder))) return "the base image's pip may be too old for --no-cache-dir";
      const word = subcommandWord();
      return word ? fixer.insertAfter(source.range(at(located.script, word.end), at(located.script, word.end)), ' --no-cache-dir') : UNPLACEABLE;
    }
    case 'yarn':
      // Yarn 2+ keeps the packages of a Plug'n'Play install in its cache: `yarn cache clean` could break the app.
      return "Yarn 2+ keeps a Plug'n'Play install's packages in its cache, so cleaning it could break the app";
    default:
      break;
  }

  const tools = family(manager.manager)!;
  // The cleanup runs as the install did: not behind sudo/env/xargs, and as root for the system managers.
  if (located.command.argv[0] !== located.argv[0]) return 'the install runs behind sudo, env or xargs, and the cleanup would have to run the same way';
  if (manager.manager !== 'npm' && !ROOT(state.user)) return 'the RUN runs as a USER other than root, who may not be allowed to delete the cache';
  if (manager.manager === 'npm' && hasOption(manager.args, '--cache')) return 'npm is given a cache directory of its own';
  const word = located.argv[0]!;
  if (word.raw !== word.value) return 'the program name is quoted or escaped';
  let cleanup: string;
  let dir: string;
  switch (manager.manager) {
    case 'apt':
      cleanup = 'rm -rf /var/lib/apt/lists/*';
      dir = '/var/lib/apt/lists';
      if (laterUse(fix, 'apt')) return 'a later apt command of the stage installs from these lists; clean up after the last one';
      break;
    case 'zypper':
      cleanup = `${word.raw} clean --all`;
      dir = '/var/cache/zypp';
      // Repositories without autorefresh need `zypper refresh` once their metadata is gone.
      if (laterUse(fix, 'zypper')) return 'a later zypper command of the stage may need the repository metadata';
      break;
    case 'npm':
      cleanup = `${word.raw} cache clean --force`;
      dir = '~/.npm';
      if (laterUse(fix, 'npm')) return 'a later npm command of the stage installs offline from this cache';
      break;
    default:
      cleanup = `${word.raw} clean all`;
      dir = '/var/cache';
      if (laterUse(fix, 'rpm')) return 'a later command of the stage installs from this cache only (-C)';
  }
  if (boundMount(fix.run, state, dir)) return 'the RUN mounts a cache over that directory already';

  // After the last command of the family in the RUN.
  const uses = (l: Located): boolean => tools.includes(basename(l.argv[0]?.value ?? ''));
  let last = index;
  commands.forEach((l, i) => {
    if (i > last && uses(l)) last = i;
  });
  const target = commands[last]!;
  if (target.command.argv[0] !== target.argv[0] && target !== located) return 'the last package command of the RUN runs behind sudo, env or xargs';
  const later = commands.slice(last + 1);
  const scriptsAfter = [...new Set(later.map((l) => l.script))].filter((s) => s !== target.script);
  if (mentions(target.script.text.slice(target.command.end), tools) || scriptsAfter.some((s) => mentions(s.text, tools))) {
    return 'the package manager is named again later in the RUN (in a function, loop or string), so there is no clear place for the cleanup';
  }
  const append = appendAfter(fixer, context, fix.run, target, cleanup);
  if (typeof append === 'string') return append;
  if ( manager.manager !== 'apt' || fix.holder !== fix.run || later.some((l) => refillsLists(l.command))) return append;
  const removal = laterListsDelete(context, fix.run);
  return removal ? withRemoval(append, removal) : append;
}

/** Subcommands of apt that work from dpkg's status and write nothing under /var/lib/apt/lists. */
const APT_LEAVES_LISTS = new Set(['remove', 'purge', 'autoremove', 'autopurge', 'clean', 'autoclean']);
/** Instructions that may write files, or change who or what runs a later RUN. */
const NOT_BETWEEN = new Set(['COPY', 'ADD', 'VOLUME', 'USER', 'SHELL', 'FROM']);
const LISTS_GLOB = '/var/lib/apt/lists/*';

/** `rm -rf /var/lib/apt/lists/*` as the cleanup writes it: plain rm, recursive and forced options only, that one unquoted glob. */
function deletesListsOnly(command: SimpleCommand): boolean {
  const [rm, ...args] = command.argv;
  if (rm?.raw !== 'rm' || command.assignments.length > 0 || command.redirects.length > 0) return false;
  const operands = args.filter((w) => !/^-[rRfv]+$|^--$/.test(w.raw));
  return operands.length > 0 && operands.every((w) => w.raw === LISTS_GLOB);
}

/** A command that may write under /var/lib/apt/lists: an apt tool other than a removal or clean, or one naming /var/lib/apt. */
function refillsLists(command: SimpleCommand): boolean {
  const argv = effectiveArgv(command);
  const words = command.argv.map((w) => w.raw).join(' ');
  if (words.includes('/var/lib/apt')) return true;
  const m = managerCommand(argv);
  if (APT_TOOLS.includes(basename(argv[0]?.value ?? ''))) return !(m?.manager === 'apt' && APT_LEAVES_LISTS.has(m.subcommand));
  return mentions(words, APT_TOOLS);
}

/**
 * The removal of a later `rm -rf /var/lib/apt/lists/*` of the stage (the command, or its RUN when it ran nothing else)
 * that the cleanup turns into a no-op: the cleanup moves to the RUN that filled the lists instead of leaving an empty
 * delete behind. Only when no instruction between may write there again: RUNs whose commands run no apt tool but
 * removals and cleans and name no path under /var/lib/apt, and no COPY, ADD, VOLUME, USER or SHELL. A script that
 * runs `apt-get update` on its own is not seen: the lists it fills would then stay (as any script's files do).
 */
function laterListsDelete(context: RuleContext, run: InstructionNode): TextEdit | null {
  const stage = context.model.stageOf(run);
  if (!stage) return null;
  for (let k = positionAfter(stage, run); k < stage.instructions.length; k++) {
    const inst = stage.instructions[k]!;
    if (NOT_BETWEEN.has(inst.keyword)) return null;
    if (inst.keyword !== 'RUN') continue;
    if (inst.execForm || inst.heredocs.length > 0 || runScripts(inst).some((s) => !s.ast)) return null;
    for (const { command } of runCommands(inst)) {
      if (deletesListsOnly(command)) {
        const state = context.stateBefore(inst);
        return isPosixShell(state.shell) && ROOT(state.user) ? commandRemoval(context, inst, command) : null;
      }
      if (refillsLists(command)) return null;
    }
  }
  return null;
}

/** The image the RUN's stage is built on, following FROM <stage> to the first external image. */
function rootImage(context: RuleContext, holder: InstructionNode): string {
  let stage: Stage | null = context.model.stageOf(holder);
  const seen = new Set<Stage>();
  while (stage?.base.stage && !seen.has(stage)) {
    seen.add(stage);
    stage = stage.base.stage;
  }
  const ref = stage?.base.ref;
  return ref ? `${ref.repository}:${ref.tag ?? 'latest'}` : '';
}

/** A bind (or other) mount on or inside the directory: removing files there would write into the mount. */
function boundMount(run: InstructionNode, state: BuildState, dir: string): boolean {
  if (!dir.startsWith('/')) return false;
  return run.flags.some((flag) => {
    if (flag.name !== 'mount' || !flag.value) return false;
    const options = mountOptions(flag.value);
    const target = options.get('target') ?? options.get('dst') ?? options.get('destination');
    if (!target) return false;
    if (target.includes('$')) return true;
    const t = canonicalPath(target, state.workdir);
    return covers(t, dir) || covers(dir, t);
  });
}

type Family = 'apt' | 'apk' | 'rpm' | 'zypper' | 'npm';
const inFamily = (m: ManagerCommand, f: Family): boolean =>
  f === 'rpm' ? m.manager === 'yum' || m.manager === 'dnf' || m.manager === 'microdnf' : m.manager === f;

/**
 * The RUN's first apt command needs the lists unless it refreshes them (`apt-get update`) or only works on what is
 * installed (dpkg's status, not the lists, tells apt that): `remove`, `purge`, `autoremove`, `clean`, `autoclean`.
 */
const APT_WITHOUT_LISTS = new Set(['update', 'remove', 'purge', 'autoremove', 'autopurge', 'clean', 'autoclean']);
function needsAptLists(m: ManagerCommand): boolean {
  return !APT_WITHOUT_LISTS.has(m.subcommand);
}

/** An apk command that reads the cached index (no `update`, `--no-cache` or `--update`). */
function needsApkIndex(m: ManagerCommand, argv: ReturnType<typeof effectiveArgv>): boolean {
  if (m.subcommand === 'update') return false;
  return !argv.some((w) => /^-[a-zA-Z]*U[a-zA-Z]*$|^--(update(-cache)?|no-cache)$/.test(w.value));
}

/**
 * For each family, whether a command of it relies on what the cleanup removes: apt and apk installs on the lists and
 * index; zypper always (repositories without autorefresh); npm installing offline; yum/dnf with -C.
 */
const NEEDS: Readonly<Record<Family, (m: ManagerCommand, argv: ReturnType<typeof effectiveArgv>) => boolean>> = {
  apt: needsAptLists,
  apk: needsApkIndex,
  zypper: () => true,
  npm: (m) => hasOption(m.args, '--offline', '--prefer-offline'),
  rpm: (m) => hasOption(m.args, '-C', '--cacheonly'),
};

/**
 * Per stage and family: the position of the stage's last instruction (a RUN, or an ONBUILD of one) that relies on
 * the cache, and whether an ONBUILD trigger of the stage or a stage built FROM it does. Worked out once per lint: asking
 * every later RUN for every finding made a stage of N apt-get updates cost N² (3,000 RUNs: 5 s).
 */
interface LaterUses {
  readonly last: number;
  readonly elsewhere: boolean;
}
const laterUses = new WeakMap<SemanticModel, Map<string, LaterUses>>();

/**
 * Whether an instruction after this RUN — later in its stage, in a stage built FROM it, or an ONBUILD trigger —
 * runs a command of the family that relies on what the cleanup removes (see NEEDS). For apt and apk only the first
 * command of each later RUN is asked (a refresh there makes the rest independent of this layer); other tools are
 * asked for every command.
 */
function laterUse(fix: CleanupFix, f: Family): boolean {
  const { context, holder } = fix;
  const model = context.model;
  const stage = model.stageOf(holder);
  if (!stage) return true;
  let byStage = laterUses.get(model);
  if (!byStage) laterUses.set(model, (byStage = new Map()));
  const key = `${f}\0${stage.index}`;
  let uses = byStage.get(key);
  if (!uses) byStage.set(key, (uses = usesOf(model, stage, f)));
  return uses.last > holder.index || uses.elsewhere;
}

function usesOf(model: SemanticModel, stage: Stage, f: Family): LaterUses {
  const trigger = (i: InstructionNode): InstructionNode | null | undefined => (i.keyword === 'ONBUILD' ? i.trigger : i);
  const uses = (i: InstructionNode): boolean => {
    const run = trigger(i);
    return run?.keyword === 'RUN' && runUses(run, f);
  };
  let last = -1;
  for (const i of stage.instructions) if (i.index > last && uses(i)) last = i.index;
  const descendants = model.stages.filter((s) => {
    const seen = new Set<Stage>();
    for (let b = s.base.stage; b && !seen.has(b); b = b.base.stage) {
      if (b === stage) return true;
      seen.add(b);
    }
    return false;
  });
  const elsewhere = stage.instructions.some((i) => i.keyword === 'ONBUILD' && uses(i)) || descendants.some((s) => s.instructions.some(uses));
  return { last, elsewhere };
}

/** Whether a RUN runs a command of the family that relies on the cleaned-up cache (see NEEDS). */
function runUses(run: InstructionNode, f: Family): boolean {
  const needs = NEEDS[f];
  if (run.execForm) {
    const argv = run.execForm.map((value) => ({ raw: value, value, start: 0, end: 0 }));
    const m = managerCommand(argv);
    return !!m && inFamily(m, f) && needs(m, argv);
  }
  const firstOnly = f === 'apt' || f === 'apk';
  for (const { command } of runCommands(run)) {
    const argv = effectiveArgv(command);
    const m = managerCommand(argv);
    const other = f === 'apt' && APT_TOOLS.includes(basename(argv[0]?.value ?? ''));
    if (!(m && inFamily(m, f)) && !other) continue;
    if (!m || needs(m, argv)) return true;
    // A removal reads no lists, but an install after it in the same RUN does; only a refresh ends the question.
    if (firstOnly && !(f === 'apt' && m.subcommand !== 'update')) break;
  }
  return false;
}

/**
 * ` && CLEANUP` right after the command, or, where that would change which failures stop the script, `; CLEANUP`
 * or a new line (heredoc bodies). Else why not (one clause): the command is not a plain command of the script's
 * top-level list, or what follows it leaves no place.
 */
function appendAfter(fixer: Fixer, context: RuleContext, run: InstructionNode, target: Located, cleanup: string): TextEdit | string {
  const { script, command } = target;
  const ast = script.ast;
  if (!ast) return 'dfopt\'s shell parser cannot read the RUN, so where its last package command ends is not known';
  if (command.enclosing.length > 0) return 'the last package command sits inside an `if`, loop, group, subshell or function, which the fix does not reach into';
  if (command.redirects.some((r) => r.op.startsWith('<<') && r.op !== '<<<')) return 'the last package command reads a heredoc, whose body follows it';
  const source = context.ast.source;
  const heredoc = script !== runScripts(run)[0];
  for (const [itemIndex, item] of ast.items.entries()) {
    const k = item.pipelines.findIndex((p) => p.commands.some((c) => c.type === 'simple' && c.start === command.start));
    if (k === -1) continue;
    const pipeline = item.pipelines[k]!;
    if (pipeline.commands.length !== 1) return 'the last package command is part of a pipeline';
    if (pipeline.negated) return 'the last package command is negated with `!`';
    if (item.terminator === '&') return 'the last package command runs in the background (`&`)';
    const end = script.toSource(command.end - 1) + 1;
    if (endsInBareBackslash(script.text.slice(command.start, command.end))) return BARE_BACKSLASH;
    const insert = (offset: number, text: string): TextEdit => fixer.insertAfter(source.range(offset, offset), text);
    const lastInItem = k === item.pipelines.length - 1;
    const lastItem = itemIndex === ast.items.length - 1;
    // Inside an && chain (the command is not its last part): the command's failure already stops nothing by itself.
    if (!lastInItem) return item.operators[k] === '&&' ? insert(end, ` && ${cleanup}`) : 'a `||` follows the last package command';
    if (heredoc && (!lastItem || errexit(script, command))) {
      const line = newLineAfter(script, command, context.ast.source.eol);
      if (line) return insert(script.toSource(line.offset - 1) + 1, line.before ? `${line.eol}${line.indent}${cleanup}` : `${line.indent}${cleanup}${line.eol}`);
    }
    // The script's last command: its status is the script's status either way.
    if (lastItem) return insert(end, ` && ${cleanup}`);
    if (item.terminator === ';') return insert(end, `; ${cleanup}`);
    return 'the last package command ends a line and more commands follow it';
  }
  return UNPLACEABLE;
}

/** `set -e` (or `-o errexit`) in effect at the top level before the command. */
function errexit(script: ShellScript, command: SimpleCommand): boolean {
  let on = false;
  for (const c of script.commands) {
    if (c.start >= command.start) break;
    if (c.enclosing.length > 0 || c.argv[0]?.value !== 'set') continue;
    const args = c.argv.slice(1).map((w) => w.value);
    args.forEach((a, i) => {
      if (/^-[a-zA-Z]*e/.test(a) || (a === '-o' && args[i + 1] === 'errexit')) on = true;
      if (/^\+[a-zA-Z]*e/.test(a) || (a === '+o' && args[i + 1] === 'errexit')) on = false;
    });
  }
  return on;
}

/**
 * Where a new line after the command's line goes, when the rest of that line is blank or a comment: at the start of
 * the next line, or (`before`: the line break comes first) at the end of a body whose last line has no line break.
 */
function newLineAfter(script: ShellScript, command: SimpleCommand, eol: string): { offset: number; before: boolean; indent: string; eol: string } | null {
  const text = script.text;
  const found = text.indexOf('\n', command.end);
  const nl = found === -1 ? text.length : found;
  const rest = text.slice(command.end, nl);
  if (!/^[ \t]*(#[^\n]*)?\r?$/.test(rest)) return null;
  const lineStart = text.lastIndexOf('\n', command.start - 1) + 1;
  const lead = text.slice(lineStart, command.start);
  const indent = /^[ \t]*$/.test(lead) ? lead : '';
  if (found === -1) return rest.endsWith('\r') || nl === 0 ? null : { offset: nl, before: true, indent, eol };
  return { offset: nl + 1, before: false, indent, eol: text[nl - 1] === '\r' ? '\r\n' : '\n' };
}
