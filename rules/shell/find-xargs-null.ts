import { defineRule } from '../../src/engine';
import type { SimpleCommandNode } from '../../src/shell/parser';
import { commandName, scriptCheckKey, scriptHits, shellScriptListeners, type ShellTarget, walkShell } from './support';

/** find primaries that print or act: with one, the implicit `-print` is gone and an appended `-print0` would add output. */
const FIND_ACTION = /^-(print|print0|printf|fprint|fprint0|fprintf|ls|fls|exec|execdir|ok|okdir|delete|quit|prune)$/;
/** find operators that would bind an appended `-print0` to their last operand only. */
const FIND_OR = /^(-o|-or|,)$/;
/** xargs options that mean the same with `-0` (`-I`/`-L`/`-E` change how items are read, `-a` reads no stdin). */
const XARGS_KEPT = /^(-r|-t|-p|-x|--no-run-if-empty|--verbose|--interactive|--exit|-[rtpx]+)$/;
const XARGS_KEPT_WITH_VALUE = /^(-n|-P|-s|--max-args|--max-procs|--max-chars)$/;

/** Whether appending `-print0` to find and `-0` to xargs only changes how names are delimited. */
function mechanical(find: SimpleCommandNode, xargs: SimpleCommandNode): boolean {
  if (find.argv[0]?.raw !== 'find' || xargs.argv[0]?.raw !== 'xargs') return false;
  // Any expansion could hide an action or `-o`; quoted literals are fine (`-name '*.pyc'`).
  if (find.argv.some((w) => /[$`]/.test(w.raw) || FIND_ACTION.test(w.value) || FIND_OR.test(w.value))) return false;
  const args = xargs.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const w = args[i]!.value;
    if (/[$`]/.test(args[i]!.raw)) return false;
    if (!w.startsWith('-')) return true; // the command xargs runs: its own words are not xargs options
    if (XARGS_KEPT.test(w) || /^(-[nPs]\d+|--(max-args|max-procs|max-chars)=\d+)$/.test(w)) continue;
    if (XARGS_KEPT_WITH_VALUE.test(w) && /^\d+$/.test(args[i + 1]?.value ?? '')) {
      i++;
      continue;
    }
    return false;
  }
  return true;
}

export default defineRule({
  meta: {
    id: 'find-xargs-null',
    aliases: ['SC2038'],
    category: 'correctness',
    severity: 'warning',
    fix: 'unsafe',
    docs: {
      summary: 'Flags `find … | xargs …` without `-print0` and `xargs -0` (ShellCheck SC2038).',
      rationale:
        'xargs splits its input on blanks and treats quotes and backslashes specially, so a file name with a space or ' +
        'a quote is split or makes xargs fail. `find … -print0 | xargs -0 …` passes names NUL-separated, and ' +
        '`find … -exec cmd {} +` needs no xargs at all.',
      bad: 'FROM debian:12\nRUN find /opt/app -name "*.pyc" | xargs rm -f\n',
      good: 'FROM debian:12\nRUN find /opt/app -name "*.pyc" -print0 | xargs -0 rm -f && find /srv -name "*.tmp" -exec rm -f {} +\n',
      fixSafety:
        'Unsafe: names with blanks, quotes or backslashes then reach the command whole instead of split (or xargs ' +
        'failing), which is the point but changes what the step does, and the image\'s find and xargs must know ' +
        '`-print0` and `-0` (GNU, BusyBox and BSD do). Offered only when appending `-print0` keeps what find prints: a ' +
        'literal find expression without an action (`-print`, `-exec`, `-delete`, …) or `-o`/`,`, where the implicit ' +
        '`-print` covers the whole expression, and an `xargs` whose options all read items the same way under `-0`.',
      notes: 'In `recommended` at the severity ShellCheck gives it, as hadolint reports it.',
    },
  },
  create(context) {
    return shellScriptListeners(context, (target) => {
      const hits = scriptHits(target, FIND_XARGS, findXargs);
      for (let i = 0; i < hits.length; i++) {
        const { find, xargs, fixable } = hits[i]!;
        const range = target.range(find.start, xargs.end);
        const lastFind = find.argv[find.argv.length - 1]!;
        const findEnd = target.range(lastFind.end - 1, lastFind.end);
        const xargsName = target.range(xargs.argv[0]!.end - 1, xargs.argv[0]!.end);
        context.report({
          range,
          message: `find | xargs at line ${range.start.line + 1} splits file names on blanks and quotes; use find -print0 | xargs -0, or find -exec … +.`,
          fix: fixable ? (f) => [f.insertAfter(findEnd, ' -print0'), f.insertAfter(xargsName, ' -0')] : undefined,
        });
      }
    });
  },
});

const FIND_XARGS = scriptCheckKey();

/** A script's `find | xargs` pipes without -print0/-0 (its AST only: see scriptHits), and whether the fix applies. */
function findXargs(target: ShellTarget): Array<{ find: SimpleCommandNode; xargs: SimpleCommandNode; fixable: boolean }> {
  const hits: Array<{ find: SimpleCommandNode; xargs: SimpleCommandNode; fixable: boolean }> = [];
  walkShell(target.ast, {
    andOr(item) {
      // As ShellCheck: find first in the pipeline, xargs right after it.
      for (const pipeline of item.pipelines) {
        const [find, xargs] = pipeline.commands;
        if (find?.type !== 'simple' || xargs?.type !== 'simple') continue;
        if (commandName(find) !== 'find' || commandName(xargs) !== 'xargs') continue;
        if (find.argv.some((w) => /^-print0$|^-printf$/.test(w.value))) continue;
        if (xargs.argv.some((w) => /^(-0|--null|-d.*|--delimiter.*|-[a-zA-Z]*0[a-zA-Z]*)$/.test(w.value))) continue;
        hits.push({ find, xargs, fixable: mechanical(find, xargs) });
      }
    },
  });
  return hits;
}
