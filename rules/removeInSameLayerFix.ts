/**
 * The fix of remove-in-same-layer: moving a delete (`rm /tmp/x`) from a later RUN to the end of the RUN that created
 * what it deletes, so the bytes never reach a layer. Kept apart from the rule so the rule file stays about detection.
 * Anything this cannot prove harmless is left alone (the finding stays): see `moveDelete`.
 */
import type { RuleContext, TextEdit } from '../src/engine';
import { commandWords, continuationStyle, lastCommandEnd, mergeRuns, suppressedByComment } from '../src/fix/mergeRuns';
import type { BuildState, Stage } from '../src/model';
import { mountOptions } from '../src/model/semanticModel';
import { type InstructionNode, joinContinuations } from '../src/parse';
import {
  basename,
  effectiveArgv,
  isPosixShell,
  parseScript,
  runScripts,
  type ShellScript,
  type SimpleCommand,
} from '../src/shell';
import { canonicalPath, covers } from '../src/shell/packageManagers';
import { harmlessSeparators, instructionAfter, instructionsBetween } from './runSeparators';

/** A path the delete command removes (canonical, may end in a glob) and the operand as written ('' for `apt-get clean`). */
export interface DeletedPath {
  readonly path: string;
  readonly raw: string;
}

export interface MoveDelete {
  readonly context: RuleContext;
  /** The RUN holding the delete, and the state before it. */
  readonly run: InstructionNode;
  readonly state: BuildState;
  readonly command: SimpleCommand;
  readonly script: ShellScript;
  /** The earlier RUN of the same stage that created everything the delete is tied to. */
  readonly creator: InstructionNode;
  readonly paths: readonly DeletedPath[];
  /** Whether what is deleted is a package-manager cache (which later package commands may read without naming it). */
  readonly cache: boolean;
  /** Directories the base image already fills: naming one of them as a whole (`ls /tmp`) may read the deleted path. */
  readonly systemDirs: ReadonlySet<string>;
}

/** Builtins after which a command appended to the RUN would not run, or not mean the same (`exit`, `exec`, `eval`, …). */
export const DERAILING = new Set([
  'exit', 'exec', 'return', 'break', 'continue', 'logout', 'eval', 'source', '.', 'trap', 'alias', 'enable', 'shopt',
  'setopt', 'emulate', 'builtin', 'hash',
]);
const CHANGES_DIRECTORY = new Set(['cd', 'pushd', 'popd']);
const GLOB = /[*?[]/;

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The text a RUN runs: its line (or exec-form words) and its heredoc bodies. */
const runText = (run: InstructionNode): string =>
  run.execForm ? run.execForm.join(' ') : [run.argsText.text, ...run.heredocs.map((h) => h.content)].join('\n');

/**
 * Whether a text may name one of the deleted paths: the operand as written, the name of the path or of a directory
 * above it below the base image's directories (`foo` and `bar` for `/tmp/foo/bar`), one of those base directories as a
 * whole (`/tmp`, `/tmp/*`, `/`), or for a path in a home directory any mention of one. The expressions are compiled
 * once for every text asked about: the fix asks about each RUN between the delete and what it deletes, and compiling
 * them per RUN made 1,000 downloads deleted 1,000 RUNs later cost 2.7 s.
 */
function mentionsOf(paths: readonly DeletedPath[], systemDirs: ReadonlySet<string>): (text: string) => boolean {
  const token = (name: string): RegExp => new RegExp(`(?<![A-Za-z0-9_.+-])${escapeRe(name)}(?![A-Za-z0-9_.+-])`);
  const raws: string[] = [];
  let home = false;
  const patterns: RegExp[] = [];
  for (const { path, raw } of paths) {
    if (raw) raws.push(raw);
    if (path.startsWith('~')) home = true;
    let prefix = path.startsWith('~') ? '~' : '';
    const wholeDirs = path.startsWith('~') ? [] : ['/'];
    for (const part of (path.startsWith('~') ? path.slice(1) : path).split('/').filter(Boolean)) {
      prefix += `/${part}`;
      if (systemDirs.has(prefix)) wholeDirs.push(prefix);
      else if (!GLOB.test(part)) patterns.push(token(part));
    }
    for (const dir of wholeDirs) patterns.push(new RegExp(`(?<![A-Za-z0-9_.+~-])${escapeRe(dir)}${dir === '/' ? '' : '/?'}(?=$|[\\s;&|()'"\`*?[])`));
  }
  return (text) =>
    raws.some((raw) => text.includes(raw)) || (home && /~|\$\{?HOME\b|\/root\b|\/home\b/.test(text)) || patterns.some((re) => re.test(text));
}

/**
 * The edit that removes a whole instruction with its line(s): null when it shares a line with something else or holds
 * comment lines between its continuation lines (they would go with it). On the last line of a file without a final
 * line break, the line break before it goes instead.
 */
export function instructionRemoval(text: string, inst: InstructionNode): TextEdit | null {
  if (/\n[ \t]*#/.test(text.slice(inst.range.start.offset, inst.range.end.offset))) return null;
  const lineStart = text.lastIndexOf('\n', inst.range.start.offset - 1) + 1;
  if (!/^[ \t]*$/.test(text.slice(lineStart, inst.range.start.offset))) return null;
  const after = /^[ \t]*(\r?\n|$)/.exec(text.slice(inst.range.end.offset));
  if (!after) return null;
  if (after[1] !== '') return { start: lineStart, end: inst.range.end.offset + after[0].length, text: '' };
  const previousEol = text.slice(0, lineStart).match(/\r?\n$/);
  if (!previousEol) return null;
  return { start: lineStart - previousEol[0].length, end: inst.range.end.offset + after[0].length, text: '' };
}

/** Instructions that change nothing a build step sees: image metadata and what only `docker run` reads. */
const METADATA = new Set(['LABEL', 'EXPOSE', 'MAINTAINER', 'STOPSIGNAL', 'HEALTHCHECK', 'CMD', 'ENTRYPOINT', 'ONBUILD']);
/** Deletes that read no variable of the environment (their operands hold no `$`, checked by the caller). */
const PLAIN_DELETES = new Set(['rm', 'rmdir', 'unlink']);

/**
 * Whether a delete may move up across `inst` (between the creating RUN and the delete's RUN): image metadata; a
 * WORKDIR that leaves the working directory as it was (`WORKDIR /` when already at `/`: it creates nothing); and,
 * for a plain `rm`, an ENV or ARG that leaves PATH alone (which `rm` runs). Not VOLUME (the classic builder drops
 * later changes under it), USER, SHELL, COPY/ADD (they write files) or anything else.
 */
function harmlessSeparator(context: RuleContext, stage: Stage, inst: InstructionNode, mover: string): boolean {
  if (METADATA.has(inst.keyword)) return true;
  const next = instructionAfter(stage, inst);
  if (!next) return false;
  const before = context.stateBefore(inst);
  const after = context.stateBefore(next);
  if (inst.keyword === 'WORKDIR') return canonicalPath(before.workdir, '/') === canonicalPath(after.workdir, '/');
  if (inst.keyword === 'ENV' || inst.keyword === 'ARG') {
    return PLAIN_DELETES.has(mover) && before.env.get('PATH') === after.env.get('PATH') && before.args.get('PATH') === after.args.get('PATH');
  }
  return false;
}

/** Mount targets of a RUN, canonical; null when one cannot be resolved. */
function mountTargets(run: InstructionNode, workdir: string): string[] | null {
  const targets: string[] = [];
  for (const flag of run.flags) {
    if (flag.name !== 'mount' || !flag.value) continue;
    const options = mountOptions(flag.value);
    const target = options.get('target') ?? options.get('dst') ?? options.get('destination');
    if (!target) continue;
    if (target.includes('$')) return null;
    targets.push(canonicalPath(target, workdir));
  }
  return targets;
}

/** The source text of `[start, end)` of an instruction with `edits` applied, joined as Docker joins its lines. */
function edited(context: RuleContext, start: number, end: number, edits: readonly TextEdit[]): string {
  const text = context.ast.source.text;
  let out = '';
  let at = start;
  for (const e of [...edits].sort((a, b) => a.start - b.start)) {
    if (e.start < start || e.start > end) continue;
    out += text.slice(at, e.start) + e.text;
    at = Math.min(e.end, end);
  }
  out += text.slice(at, end);
  return joinContinuations(out, 0, out.length, context.ast.escapeChar).text;
}

/**
 * The edits that move the delete: ` && <delete>` after the last command of the creating RUN (on a new continuation
 * line in the file's style when that RUN spans several lines), and the delete removed from its RUN with its `&&`, or
 * that whole RUN when the delete was all it ran. Null (no fix) unless every one of these holds:
 * - both RUNs are shell form in a POSIX shell; the creating one has no heredoc, background job (`&`), `;` or comment
 *   after its last command, and no command that would stop or change an appended command (`exit`, `exec`, `eval`,
 *   a function, `set -f`, …); the deleting one has no heredoc;
 * - the delete is a plain top-level command of the deleting RUN joined only by `&&` (not `;`, `||`, `|`, a subshell,
 *   an if or a loop), with no `$` or backquote, so it expands the same in either place;
 * - only RUNs and harmless separators (see `harmlessSeparator`) stand between the two, and neither those RUNs nor
 *   the commands before the delete in its RUN name a deleted
 *   path (see `mentions`), nor run in a working directory holding it; globs and package caches (which later RUNs may
 *   read without naming them) only move from a RUN right after the creating one, as its first command;
 * - a relative path only moves when no `cd` precedes it in either RUN (WORKDIR is the same: a WORKDIR between must leave it as it was);
 * - no `--mount` of either RUN covers a deleted path, and no suppression comment would change what it covers.
 */
export function moveDelete(m: MoveDelete): TextEdit[] | null {
  const { context, run, creator, command, script, paths } = m;
  const ast = context.ast;
  const text = ast.source.text;
  const escape = ast.escapeChar;
  if (!isPosixShell(m.state.shell) || run.execForm || creator.execForm || run.heredocs.length > 0 || creator.heredocs.length > 0) return null;
  const stage = context.model.stageOf(run);
  if (!stage || context.model.stageOf(creator) !== stage || creator.index >= run.index) return null;
  const separators = instructionsBetween(stage, creator, run);
  const mover = basename(effectiveArgv(command)[0]?.value ?? '');
  if (separators.some((i) => i.keyword !== 'RUN' && !harmlessSeparator(context, stage, i, mover))) return null;
  const between = separators.filter((i) => i.keyword === 'RUN');

  // --- the delete command, as it will be written after the creating RUN ---
  const [ds] = runScripts(run);
  if (!ds?.ast || script !== ds || command.enclosing.length > 0 || command.negated || command.background) return null;
  const item = ds.ast.items.length === 1 ? ds.ast.items[0]! : undefined;
  if (!item || item.terminator === '&' || item.operators.some((op) => op !== '&&')) return null;
  const k = item.pipelines.findIndex((p) => p.commands[0]?.type === 'simple' && p.commands[0].start === command.start);
  const pipeline = item.pipelines[k];
  if (!pipeline || pipeline.commands.length !== 1 || pipeline.negated) return null;
  let deleteText = ds.text.slice(command.start, command.end);
  if (/[$`]/.test(deleteText) || deleteText.endsWith(escape) || deleteText.includes('\n')) return null;
  const from = ds.toSource(command.start);
  const to = ds.toSource(command.end - 1) + 1;
  if (text.slice(from, to).includes('\n')) {
    // Written over several lines: the words joined by one space, unless quotes make the blanks part of a word.
    if (/["'\\]/.test(deleteText)) return null;
    deleteText = deleteText.replace(/[ \t]+/g, ' ');
  }

  // --- what may read the deleted paths before the delete ran ---
  const before = ds.commands.filter((c) => c.start < command.start);
  const glob = paths.some((p) => GLOB.test(p.path));
  if ((m.cache || glob) && (between.length > 0 || before.length > 0)) return null;
  const relative = paths.some((p) => p.raw !== '' && !p.raw.startsWith('/') && !p.raw.startsWith('~') && !/^\$\{?HOME\b/.test(p.raw));
  const workdir = canonicalPath(m.state.workdir, '/');
  if (between.length > 0 || before.length > 0) {
    if (workdir !== '/' && paths.some((p) => covers(workdir, p.path))) return null;
    const mentions = mentionsOf(paths, m.systemDirs);
    if (between.some((i) => mentions(runText(i)))) return null;
    if (mentions(ds.text.slice(0, command.start))) return null;
  }

  // --- the creating RUN: where the delete goes, and nothing there that would change it ---
  const [cs] = runScripts(creator);
  if (!cs?.ast || cs.ast.items.length === 0) return null;
  const parsed = parseScript(cs.text);
  const all = parsed.allCommands;
  if (all.some((c) => c.background || c.enclosing.some((e) => e.kind === 'function'))) return null;
  const nameOf = (c: SimpleCommand): string => basename(effectiveArgv(c)[0]?.value ?? '');
  for (const c of all) {
    const name = nameOf(c);
    if (DERAILING.has(name) || DERAILING.has(c.argv[0]?.value ?? '')) return null;
    const args = c.argv.slice(1).map((w) => w.value);
    if (name === 'set' && args.some((a, i) => /^[-+][A-Za-z]*f/.test(a) || (/^[-+]o$/.test(a) && args[i + 1] === 'noglob'))) return null;
    if (relative && CHANGES_DIRECTORY.has(name)) return null;
  }
  if (relative && before.some((c) => CHANGES_DIRECTORY.has(nameOf(c)))) return null;
  const endL = lastCommandEnd(cs.ast);
  const last = cs.ast.items[cs.ast.items.length - 1]!;
  if (last.terminator === '&' || !/^[ \t]*$/.test(cs.text.slice(endL))) return null;

  // --- mounts and suppression comments ---
  for (const r of [creator, run]) {
    const targets = mountTargets(r, m.state.workdir);
    if (targets === null || targets.some((t) => paths.some((p) => covers(t, p.path) || covers(p.path, t)))) return null;
  }
  const suppressed = suppressedByComment(ast);
  if (suppressed.has(creator.index)) return null;

  // --- the edits ---
  const cut = cs.toSource(endL - 1) + 1;
  const multiLine = ast.source.range(cut, cut).start.line > creator.keywordRange.start.line;
  const eol = ast.source.eol;
  const style = continuationStyle(ast);
  const append: TextEdit = {
    start: cut,
    end: cut,
    text: !multiLine
      ? ` && ${deleteText}`
      : style.operatorFirst
        ? ` ${escape}${eol}${style.indent}&& ${deleteText}`
        : ` && ${escape}${eol}${style.indent}${deleteText}`,
  };

  const removal = commandRemoval(context, run, command);
  if (!removal) return null;
  const edits = withRemoval(append, removal);

  // Check: the creating RUN now runs its commands and then the delete, in order (the deleting RUN: commandRemoval).
  const newCreator = parseScript(edited(context, creator.argsText.sourceOffsets[0]!, creator.range.end.offset, edits));
  const expectedCreator = [...commandWords(cs.commands), ...commandWords([command])];
  if (JSON.stringify(commandWords(newCreator.commands)) !== JSON.stringify(expectedCreator)) return null;
  const newItem = newCreator.ast?.items[newCreator.ast.items.length - 1];
  if (!newItem || newItem.operators[newItem.operators.length - 1] !== '&&') return null;
  return edits;
}

/**
 * An insertion into an earlier instruction and the removal of a later one, as the edits of one fix: when the removal
 * takes the file's last line, it starts at the line break that ends the instruction before, where the insertion may
 * be: then one edit, as they touch.
 */
export function withRemoval(insertion: TextEdit, removal: TextEdit): TextEdit[] {
  return removal.start === insertion.start ? [{ start: insertion.start, end: removal.end, text: insertion.text }] : [insertion, removal];
}

/**
 * The edit that removes `command`, a plain top-level command of a shell-form RUN's script, from that RUN with its
 * `&&`, or the whole RUN when the command was all it ran. Null when the RUN has a heredoc, its top level is not one
 * `&&` chain, the command is in a pipeline, text follows the RUN's last command (a shell comment would be lost or left
 * describing something else), a comment line sits where the text goes, a suppression comment covers the RUN to remove,
 * or the RUN would not then run exactly its other commands, in order.
 */
export function commandRemoval(context: RuleContext, run: InstructionNode, command: SimpleCommand): TextEdit | null {
  const text = context.ast.source.text;
  if (run.execForm || run.heredocs.length > 0) return null;
  const [ds] = runScripts(run);
  if (!ds?.ast || command.enclosing.length > 0) return null;
  const item = ds.ast.items.length === 1 ? ds.ast.items[0]! : undefined;
  if (!item || item.terminator === '&' || item.operators.some((op) => op !== '&&')) return null;
  const k = item.pipelines.findIndex((p) => p.commands[0]?.type === 'simple' && p.commands[0].start === command.start);
  const pipeline = item.pipelines[k];
  if (!pipeline || pipeline.commands.length !== 1 || pipeline.negated) return null;
  if (!/^[ \t]*;?[ \t]*$/.test(ds.text.slice(lastCommandEnd(ds.ast)))) return null;
  if (item.pipelines.length === 1) return suppressedByComment(context.ast).has(run.index) ? null : instructionRemoval(text, run);
  const neighbour = k === 0 ? item.pipelines[1]! : item.pipelines[k - 1]!;
  const start = k === 0 ? ds.toSource(command.start) : ds.toSource(neighbour.commands[neighbour.commands.length - 1]!.end - 1) + 1;
  const end = k === 0 ? ds.toSource(neighbour.commands[0]!.start) : ds.toSource(command.end - 1) + 1;
  if (/\n[ \t]*#/.test(text.slice(start, end))) return null;
  const removal = { start, end, text: '' };
  const rest = parseScript(edited(context, run.argsText.sourceOffsets[0]!, run.range.end.offset, [removal]));
  const expected = commandWords(ds.commands.filter((c) => c !== command));
  if (!rest.ast || JSON.stringify(commandWords(rest.commands)) !== JSON.stringify(expected)) return null;
  return removal;
}

/**
 * RUNs from the creating RUN to the removing one (both included) that `mergeIntoCreator` merges at most: one pair per
 * pass of the fixer, which stops after ten passes.
 */
const MAX_MERGED_RUNS = 5;

/**
 * The other fix, for what `moveDelete` cannot move (a package removal; a delete that a RUN between reads): merging
 * the deleting RUN into the RUN before it, as chain-run does, when every RUN from the creating RUN to it could merge
 * with the next one (see mergeRuns) and only harmless instructions stand between them (see harmlessSeparators).
 * The fixer's next pass merges again, until the delete shares the creating RUN's layer. The commands run as before,
 * in the same order; only the layering changes.
 */
export function mergeIntoCreator(context: RuleContext, creator: InstructionNode, run: InstructionNode): readonly TextEdit[] | null {
  const stage = context.model.stageOf(run);
  if (!stage || context.model.stageOf(creator) !== stage || creator.index >= run.index) return null;
  const runs = [creator, ...instructionsBetween(stage, creator, run).filter((i) => i.keyword === 'RUN'), run];
  if (runs.length > MAX_MERGED_RUNS) return null;
  const style = continuationStyle(context.ast);
  let last: readonly TextEdit[] | null = null;
  for (let i = 1; i < runs.length; i++) {
    const moved = harmlessSeparators(context, runs[i - 1]!, runs[i]!);
    if (!moved) return null;
    const merge = mergeRuns(context.ast, runs[i - 1]!, runs[i]!, style, moved);
    if (!('edits' in merge)) return null;
    last = merge.edits;
  }
  return last;
}
