import { defineRule } from '../../src/engine';
import type { ShellList } from '../../src/shell/parser';
import { commandName, scriptCheckKey, scriptHits, shellScriptListeners, type ShellTarget, walkShell } from './support';

/** `.`, `..`, `/` and the like: cd to them cannot fail (ShellCheck's isSafeDir). */
const SAFE_DIR = /^\/*((\.|\.\.)\/+)*(\.|\.\.)?$/;

/** Whether the script turns on errexit anywhere (`set -e`, `set -eux`, `set -o errexit`): a failing cd then stops it. */
function hasSetE(ast: ShellList): boolean {
  let found = false;
  walkShell(ast, {
    simple(node) {
      if (commandName(node) !== 'set') return;
      const args = node.argv.slice(1).map((w) => w.value);
      if (args.some((a, i) => /^-[a-zA-Z]*e[a-zA-Z]*$/.test(a) || (a === 'errexit' && /^-[a-zA-Z]*o$/.test(args[i - 1] ?? '')))) found = true;
    },
  });
  return found;
}

export default defineRule({
  meta: {
    id: 'cd-or-exit',
    aliases: ['SC2164'],
    category: 'correctness',
    severity: 'warning',
    fix: 'unsafe',
    docs: {
      summary: 'Flags a `cd` (or `pushd`, `popd`) in RUN whose failure is ignored, so later commands run in the wrong directory (ShellCheck SC2164).',
      rationale:
        'When `cd /opt/app` fails (a typo, a directory not created yet), `cd /opt/app; rm -rf *` removes everything in ' +
        'the previous directory and the step still succeeds. Chain with `&&`, add `|| exit`, use `set -e`, or better, ' +
        'use WORKDIR.',
      bad: 'FROM debian:12\nRUN mkdir -p /opt/app; cd /opt/app; rm -rf ./*\n',
      good: 'FROM debian:12\nRUN mkdir -p /opt/app && cd /opt/app && rm -rf ./*\nRUN set -e; cd /srv; ls\n',
      fixSafety:
        'Unsafe: `cd dir || exit` makes the step fail where it used to carry on in the old directory, so a build that ' +
        'passed before can stop; that is the point, but it changes what the build does. Offered only for a cd that ' +
        'stands alone between separators, without redirections: after `a &&` the added `|| exit` would also exit when ' +
        '`a` fails, and in a pipeline it would bind to the next command.',
      notes:
        'As in ShellCheck: not flagged when its status is tested (`cd x && …`, `if cd x`), when the script uses ' +
        '`set -e`, or for `cd .`, `cd ..` and `cd /`. In `recommended` at the severity ShellCheck gives it, as hadolint reports it.',
    },
  },
  create(context) {
    return shellScriptListeners(context, (target) => {
      const hits = scriptHits(target, UNCHECKED_CDS, uncheckedCds);
      for (let i = 0; i < hits.length; i++) {
        const { name, start, end: last, fixable } = hits[i]!;
        const range = target.range(start, last);
        // A single source range, so `|| exit` lands right after the command even on a continued line.
        const end = target.range(last - 1, last);
        context.report({
          range,
          message: `${name} at line ${range.start.line + 1} can fail and the script carries on in the wrong directory; use ${name} … || exit, chain with &&, or WORKDIR.`,
          fix: fixable ? (f) => f.insertAfter(end, ' || exit') : undefined,
        });
      }
    });
  },
});

const UNCHECKED_CDS = scriptCheckKey();

/** A cd whose failure goes unnoticed: the command's name and script offsets, and whether `|| exit` may follow it. */
interface UncheckedCd {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly fixable: boolean;
}

/** The unchecked cds of a script (its AST only: see scriptHits). */
function uncheckedCds(target: ShellTarget): UncheckedCd[] {
  const hits: UncheckedCd[] = [];
  if (hasSetE(target.ast)) return hits;
  const tested = new Set<number>();
  // Commands that make up a whole and-or list alone: only there does `|| exit` bind to the cd and nothing else
  // (`a && cd x || exit` would also exit when a fails; `cd x || exit | y` pipes exit).
  const alone = new Set<number>();
  walkShell(target.ast, {
    andOr(item, condition) {
      // Every command but those of the last pipeline is a tested left operand; the whole list, when it is a condition.
      item.pipelines.forEach((p, j) => {
        if (condition || j < item.pipelines.length - 1) for (const c of p.commands) tested.add(c.start);
      });
      const only = item.pipelines.length === 1 ? item.pipelines[0]! : null;
      if (only && !only.negated && only.commands.length === 1) alone.add(only.commands[0]!.start);
    },
    simple(node) {
      const name = commandName(node);
      if ((name !== 'cd' && name !== 'pushd' && name !== 'popd') || tested.has(node.start)) return;
      const args = node.argv.slice(1);
      if (name !== 'cd' && args.some((w) => /^-[a-zA-Z]*n/.test(w.value))) return;
      if (args.length === 1 && SAFE_DIR.test(args[0]!.raw)) return;
      hits.push({ name, start: node.start, end: node.end, fixable: node.redirects.length === 0 && alone.has(node.start) });
    },
  });
  return hits;
}
