/**
 * The COPY fix of modify-in-later-layer: a RUN that only sets the mode or owner of files a COPY/ADD just put in the
 * image becomes `--chmod`/`--chown` flags of that COPY, and the RUN goes. Kept apart from the rule so the rule file
 * stays about detection. (Files a RUN created are handled by remove-in-same-layer's `moveDelete`.)
 */
import type { RuleContext, TextEdit } from '../../src/engine';
import { suppressedByComment } from '../../src/fix/mergeRuns';
import type { InstructionNode } from '../../src/parse';
import { instructionRemoval } from '../removeInSameLayerFix';
import { isOctalMode } from './modifyCommands';

/** What one COPY/ADD gets: the mode and owner the RUN sets, in the RUN's order (a later chmod wins). */
export interface CopyFold {
  readonly copy: InstructionNode;
  mode: string | null;
  user: string | null;
  group: string | null;
}

/** Syntax images known to take a symbolic `--chmod` (dockerfile frontend 1.14 and later, and the rolling tags). */
const SYMBOLIC_SYNTAX = /^(docker\.io\/)?docker\/dockerfile:(1|latest|labs|1-labs|1\.(1[4-9]|[2-9]\d)(\.\d+)?(-labs)?)(@sha256:[0-9a-f]+)?$/;

/**
 * The edits: each COPY gets its flags (an existing `--chmod`/`--chown` is rewritten in place), the RUN is removed with
 * its line(s), and `# syntax=docker/dockerfile:1` goes on the first line when a mode is folded and the file has no
 * syntax directive. Null when a symbolic mode meets a syntax directive that may predate it, when an existing
 * `--chown` names no group while only part of the owner changes, or when the RUN cannot be removed cleanly.
 */
export function foldIntoCopies(context: RuleContext, run: InstructionNode, folds: readonly CopyFold[]): TextEdit[] | null {
  const ast = context.ast;
  const text = ast.source.text;
  if (suppressedByComment(ast).has(run.index)) return null;
  const removal = instructionRemoval(text, run);
  if (!removal) return null;
  const edits: TextEdit[] = [removal];
  const syntax = ast.directives.find((d) => d.name === 'syntax');
  let needsSyntax = false;
  for (const fold of folds) {
    const { copy } = fold;
    const added: string[] = [];
    if (fold.user !== null || fold.group !== null) {
      const existing = copy.flag('chown');
      let user = '0';
      let group = '0';
      if (existing) {
        const value = existing.value ?? '';
        const colon = value.indexOf(':');
        if (colon === -1 && (fold.user === null || fold.group === null)) return null;
        user = colon === -1 ? value : value.slice(0, colon);
        group = colon === -1 ? value : value.slice(colon + 1);
      }
      const owner = `${fold.user ?? user}:${fold.group ?? group}`;
      if (existing?.valueRange) edits.push({ start: existing.valueRange.start.offset, end: existing.valueRange.end.offset, text: owner });
      else if (existing) return null;
      else added.push(`--chown=${owner}`);
    }
    if (fold.mode !== null) {
      const existing = copy.flag('chmod');
      if (existing && !isOctalMode(fold.mode)) return null;
      if (!isOctalMode(fold.mode) && syntax && !SYMBOLIC_SYNTAX.test(syntax.value.trim())) return null;
      if (existing?.valueRange) edits.push({ start: existing.valueRange.start.offset, end: existing.valueRange.end.offset, text: fold.mode });
      else if (existing) return null;
      else added.push(`--chmod=${fold.mode}`);
      needsSyntax = true;
    }
    if (added.length > 0) {
      const lastFlag = copy.flags[copy.flags.length - 1];
      const at = (lastFlag ? lastFlag.range.end : copy.keywordRange.end).offset;
      edits.push({ start: at, end: at, text: ` ${added.join(' ')}` });
    }
  }
  if (needsSyntax && !syntax) {
    const at = text.startsWith('\uFEFF') ? 1 : 0;
    edits.push({ start: at, end: at, text: `# syntax=docker/dockerfile:1${ast.source.eol}` });
  }
  return edits;
}
