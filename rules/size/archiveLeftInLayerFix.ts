/**
 * The fix of archive-left-in-layer: ` && rm -f <archive>` appended to the RUN that downloads and unpacks an archive,
 * so it never reaches the layer. Kept apart from the rule so the rule file stays about detection. Anything this cannot
 * prove harmless is left alone (the finding stays without a fix).
 */
import type { RuleContext, TextEdit } from '../../src/engine';
import { commandWords, continuationStyle, lastCommandEnd, suppressedByComment } from '../../src/fix/mergeRuns';
import type { BuildState } from '../../src/model';
import { type InstructionNode, joinContinuations } from '../../src/parse';
import { basename, effectiveArgv, isPosixShell, parseScript, runScripts } from '../../src/shell';
import { canonicalPath } from '../../src/shell/packageManagers';
import { DERAILING, instructionRemoval } from '../removeInSameLayerFix';


/**
 * The edit that appends ` && <command>` after the last command of `run` (on a new continuation line in the file's
 * style when the RUN spans several lines), or why not (one clause). It needs a shell-form RUN in a POSIX shell without
 * heredocs, whose top level is one chain joined only by `&&` with no background job, with nothing but blanks after
 * the last command, and no command that would stop or change the appended one (`exit`, `exec`, `eval`, functions,
 * `set -f`).
 */
export function appendDelete(context: RuleContext, run: InstructionNode, state: BuildState, command: string): TextEdit[] | string {
  const ast = context.ast;
  if (!isPosixShell(state.shell)) return 'the stage\'s SHELL is not a POSIX shell';
  if (run.execForm) return 'an exec-form RUN runs no shell to append to';
  if (run.heredocs.length > 0) return 'heredoc RUNs are left to the user';
  if (suppressedByComment(ast).has(run.index)) return 'a suppression comment above the RUN would then cover the appended delete too';
  const [script] = runScripts(run);
  if (!script?.ast) return 'dfopt\'s shell parser cannot read the RUN';
  const item = script.ast.items.length === 1 ? script.ast.items[0]! : null;
  if (!item || item.terminator === '&' || item.operators.some((op) => op !== '&&')) {
    return 'the RUN\'s commands are not one `&&` chain (a `;`, `||` or `&` joins them)';
  }
  const all = parseScript(script.text).allCommands;
  if (all.some((c) => c.background)) return 'a background job (`&`) in the RUN could still be reading the archive';
  if (all.some((c) => c.enclosing.some((e) => e.kind === 'function'))) return 'the RUN defines a function, which the fix does not follow';
  for (const c of all) {
    const name = basename(effectiveArgv(c)[0]?.value ?? '');
    const derailing = DERAILING.has(name) ? name : DERAILING.has(c.argv[0]?.value ?? '') ? c.argv[0]!.value : null;
    if (derailing !== null) return `the RUN runs \`${derailing}\`, after which an appended command may not run or mean the same`;
    const args = c.argv.slice(1).map((w) => w.value);
    if (name === 'set' && args.some((a, i) => /^[-+][A-Za-z]*f/.test(a) || (/^[-+]o$/.test(a) && args[i + 1] === 'noglob'))) {
      return 'the RUN changes globbing with `set`, which the fix does not follow';
    }
  }
  const end = lastCommandEnd(script.ast);
  if (!/^[ \t]*$/.test(script.text.slice(end))) return 'text after the last command of the RUN (a shell comment?)';
  const cut = script.toSource(end - 1) + 1;
  const multiLine = ast.source.range(cut, cut).start.line > run.keywordRange.start.line;
  const escape = ast.escapeChar;
  const eol = ast.source.eol;
  const style = continuationStyle(ast);
  const text = !multiLine
    ? ` && ${command}`
    : style.operatorFirst
      ? ` ${escape}${eol}${style.indent}&& ${command}`
      : ` && ${escape}${eol}${style.indent}${command}`;
  // Check: the RUN now runs its commands and then the appended one.
  const source = ast.source.text;
  const start = run.argsText.sourceOffsets[0]!;
  const edited = source.slice(start, cut) + text + source.slice(cut, run.range.end.offset);
  const after = parseScript(joinContinuations(edited, 0, edited.length, escape).text);
  const expected = [...commandWords(script.commands), ...commandWords(parseScript(command).commands)];
  if (JSON.stringify(commandWords(after.commands)) !== JSON.stringify(expected)) return 'the RUN with the delete appended would not run the same commands';
  return [{ start: cut, end: cut, text }];
}


/** Names ADD unpacks as local tar archives (uncompressed, gzip, bzip2, xz): the ones the fix turns into ADD. */
const ADD_UNPACKS = /\.(tar|tgz|taz|tbz|tbz2|tb2|txz|tar\.(gz|bz2|xz))$/i;
/** tar's one-letter options the fix accepts: extract, decompressors, verbose, file. */
const PLAIN_TAR_LETTERS = /^[xzjJavf]+$/;

/**
 * The edits that replace `COPY <archive> <dir>/` and the RUN right after it, which only extracts that archive
 * (`[mkdir -p DIR &&] tar -x[z|j|J][v]f ARCHIVE [-C DIR] [&& rm [-f] ARCHIVE]`), by `ADD <archive> DIR/`: ADD unpacks a
 * local tar archive in one layer and never stores the archive. Null unless all of this holds: the COPY has one local
 * source named as a tar archive ADD unpacks, no flags, no `$`, and is shell form; the RUN is the next instruction,
 * shell form in a POSIX shell, without flags, heredocs or comment lines, run as root, its commands joined only by
 * `&&`; tar gets only `-x`, `-z`/`-j`/`-J`/`-a`, `-v`, `-f ARCHIVE` and `-C DIR` (no member names, no
 * `--strip-components`); and nothing after the RUN names the archive (it no longer exists).
 */
export function addInsteadOfCopy(context: RuleContext, copy: InstructionNode, run: InstructionNode): TextEdit[] | null {
  const ast = context.ast;
  const text = ast.source.text;
  const stage = context.model.stageOf(copy);
  if (!stage || context.model.stageOf(run) !== stage || copy.keyword !== 'COPY' || run.keyword !== 'RUN') return null;
  const next = stage.instructions.find((i) => i.index > copy.index);
  if (next !== run) return null;
  // --- the COPY ---
  if (copy.execForm || copy.heredocs.length > 0 || copy.flags.length > 0 || copy.words.length !== 2) return null;
  const [src, dest] = copy.words.map((w) => w.value) as [string, string];
  if (/[$*?[\\'"]/.test(src + dest) || /^[a-z][a-z0-9+.-]*:\/\//i.test(src) || !ADD_UNPACKS.test(basename(src))) return null;
  const state = context.stateBefore(run);
  const archive = canonicalPath(dest.endsWith('/') ? `${dest}${basename(src)}` : dest, state.workdir);
  // --- the RUN ---
  if (!isPosixShell(state.shell) || run.execForm || run.heredocs.length > 0 || run.flags.length > 0) return null;
  if (state.user !== null && !/^(root|0)(:(root|0))?$/.test(state.user)) return null;
  if (/\n[ \t]*#/.test(text.slice(run.range.start.offset, run.range.end.offset))) return null;
  const suppressed = suppressedByComment(ast);
  if (suppressed.has(run.index) || suppressed.has(copy.index)) return null;
  const [script] = runScripts(run);
  if (!script?.ast || script.ast.items.length !== 1) return null;
  const item = script.ast.items[0]!;
  if (item.terminator === '&' || item.operators.some((op) => op !== '&&')) return null;
  if (item.pipelines.some((p) => p.negated || p.commands.length !== 1 || p.commands[0]!.type !== 'simple')) return null;
  if (!/^[ \t]*;?[ \t]*$/.test(script.text.slice(lastCommandEnd(script.ast)))) return null;
  const all = parseScript(script.text).allCommands;
  if (all.some((c) => c.enclosing.length > 0 || c.redirects.length > 0 || c.assignments.length > 0 || c.argv.some((w) => !w.literal || /[$`]/.test(w.value)))) {
    return null;
  }
  let dir: string | null = null;
  let tarAt = -1;
  const mkdirs: string[] = [];
  for (const [k, c] of all.entries()) {
    const argv = c.argv.map((w) => w.value);
    if (argv[0] === 'mkdir' && tarAt === -1) {
      const dirs = argv.slice(1).filter((a) => a !== '-p');
      if (!argv.includes('-p') || dirs.some((d) => d.startsWith('-'))) return null;
      mkdirs.push(...dirs);
    } else if (argv[0] === 'tar' && tarAt === -1) {
      tarAt = k;
      let file: string | null = null;
      const args = argv.slice(1);
      for (let i = 0; i < args.length; i++) {
        const a = args[i]!;
        if (a === '-C' || a === '--directory') dir = args[++i] ?? null;
        else if (a.startsWith('--directory=')) dir = a.slice(12);
        else if (a === '-f' || a === '--file') file = args[++i] ?? null;
        else {
          const letters = a.replace(/^-/, '');
          if (!PLAIN_TAR_LETTERS.test(letters) || !letters.includes('x') || (i > 0 && !a.startsWith('-'))) return null;
          if (letters.includes('f')) {
            if (!letters.endsWith('f') || file !== null) return null;
            file = args[++i] ?? null;
          }
        }
      }
      if (file === null || canonicalPath(file, state.workdir) !== archive) return null;
    } else if (argv[0] === 'rm' && tarAt !== -1 && k === all.length - 1) {
      const operands = argv.slice(1).filter((a) => !/^-[rfv]+$/.test(a));
      if (operands.length !== 1 || canonicalPath(operands[0]!, state.workdir) !== archive) return null;
    } else return null;
  }
  if (tarAt === -1) return null;
  const target = dir ?? '.';
  if (mkdirs.some((d) => canonicalPath(d, state.workdir) !== canonicalPath(target, state.workdir))) return null;
  // Nothing later may read the archive, which ADD never stores.
  const name = basename(archive);
  if (stage.instructions.some((i) => i.index > run.index && text.slice(i.range.start.offset, i.range.end.offset).includes(name))) return null;
  if (context.model.stages.some((s) => s !== stage && s.instructions.some((i) => i.flag('from') && text.slice(i.range.start.offset, i.range.end.offset).includes(name)))) return null;

  // --- the edits: the COPY becomes ADD, the RUN goes with its line ---
  const addText = `ADD ${src} ${target.replace(/(?<!\/)\/+$/, '')}/`;
  const removal = instructionRemoval(text, run);
  if (!removal) return null;
  const replace: TextEdit = { start: copy.range.start.offset, end: copy.range.end.offset, text: addText };
  if (replace.end > removal.start) return null;
  return [replace, removal];
}

/**
 * The edits that drop `COPY [--from=STAGE] SRC DEST` and mount the file for the RUN right after it instead:
 * `RUN --mount=type=bind,[from=STAGE,]source=SRC,target=<archive> …`, so the archive is readable while that RUN
 * unpacks it and never stored. Null unless: the COPY has one source without globs, `$`, quotes or a URL, no flag but
 * `--from`, and is shell form; `archive` is where it lands; the RUN is the next instruction of the stage, has no
 * mount at that path, and names the archive's file name once (so it only reads it: a bind mount is read-only); no
 * later instruction names the file (it no longer exists in the image), nor does a `COPY --from` of another stage.
 */
export function bindMountInstead(context: RuleContext, copy: InstructionNode, run: InstructionNode): TextEdit[] | null {
  const ast = context.ast;
  const text = ast.source.text;
  const stage = context.model.stageOf(copy);
  if (!stage || context.model.stageOf(run) !== stage || copy.keyword !== 'COPY' || run.keyword !== 'RUN') return null;
  if (stage.instructions.find((i) => i.index > copy.index) !== run) return null;
  if (copy.execForm || copy.heredocs.length > 0 || copy.words.length !== 2) return null;
  if (copy.flags.some((f) => f.name !== 'from') || copy.flags.length > 1) return null;
  const from = copy.flag('from')?.value ?? null;
  const [src, dest] = copy.words.map((w) => w.value) as [string, string];
  if (/[$*?[\\'",=]/.test(src + dest + (from ?? '')) || /^[a-z][a-z0-9+.-]*:\/\//i.test(src)) return null;
  // The mount target: where COPY put the file, as an absolute path (a relative one needs an absolute WORKDIR).
  if (!dest.endsWith('/') && !/\.[A-Za-z0-9]+$/.test(basename(dest))) return null;
  let archive = dest.endsWith('/') ? `${dest}${basename(src)}` : dest;
  if (!archive.startsWith('/')) {
    const workdir = lastWorkdir(context, copy);
    if (workdir === null) return null;
    archive = `${workdir.replace(/(?<!\/)\/+$/, '')}/${archive.replace(/^\.\//, '')}`;
  }
  if (/(^|\/)\.\.?(\/|$)/.test(archive)) return null;
  const suppressed = suppressedByComment(ast);
  if (suppressed.has(copy.index) || suppressed.has(run.index)) return null;
  for (const flag of run.flags) {
    if (flag.name === 'mount' && (!flag.value || flag.value.includes('$') || flag.value.includes(archive))) return null;
  }
  const name = basename(archive);
  const runText = text.slice(run.range.start.offset, run.range.end.offset);
  if (runText.split(name).length !== 2) return null;
  if (stage.instructions.some((i) => i.index > run.index && text.slice(i.range.start.offset, i.range.end.offset).includes(name))) return null;
  if (context.model.stages.some((s) => s !== stage && s.instructions.some((i) => i.flag('from') && text.slice(i.range.start.offset, i.range.end.offset).includes(name)))) return null;
  const removal = instructionRemoval(text, copy);
  if (!removal) return null;
  const mount = `--mount=type=bind,${from !== null ? `from=${from},` : ''}source=${src},target=${archive}`;
  const at = run.keywordRange.end.offset;
  return [removal, { start: at, end: at, text: ` ${mount}` }];
}

/** The value of the last WORKDIR before `inst` in its stage or the stages it is built FROM, when it is absolute and literal. */
function lastWorkdir(context: RuleContext, inst: InstructionNode): string | null {
  const seen = new Set<unknown>();
  for (let stage = context.model.stageOf(inst); stage && !seen.has(stage); stage = stage.base.stage) {
    seen.add(stage);
    const workdirs = stage.instructions.filter((i) => i.keyword === 'WORKDIR' && i.index < inst.index);
    const last = workdirs[workdirs.length - 1];
    if (last) {
      const value = last.words.map((w) => w.value).join(' ');
      return /^\/[A-Za-z0-9_./-]*$/.test(value) && last.words.length === 1 ? value : null;
    }
  }
  return null;
}
