import { defineRule } from '../src/engine';
import { continuationStyle, mergeRuns } from '../src/fix/mergeRuns';
import { type CommentNode, type InstructionNode, TextMemo } from '../src/parse';
import { flatCopy } from '../src/parse/source';
import { commandUses, isPosixShell, runCommands } from '../src/shell';
import { harmlessSeparators, MAYBE_HARMLESS } from './runSeparators';
import { recognizeInstall } from './size/cacheOrderInstalls';

/**
 * A comment that gives the reason a run of RUNs is split: layers or RUNs kept separate, caching, "don't merge". Over
 * ../shared/corpus, 57 of the 1,574 comment blocks that stand between two RUNs match, e.g. "split into docker layers,
 * to allow for caching", "in its own layer for parallel pulling", "separate commands to avoid time outs"; a comment
 * that only says what the next command does ("Warm global yarn cache", "Cache Clojure and dependencies") does not.
 */
export const DELIBERATE_SPLIT =
  /\b(split|separated?|own)\b[^.]*\b(layers?|RUNs?|commands|steps|instructions)\b|\b(layers?|RUNs?)\b[^.]*\b(split|separated?|apart)\b|\b(for|allow( for)?|improve|better|docker|build|layer) cach(e|ing)\b|\bcach(e|ing) (layers?|boundary|boundaries|reasons?|purposes?)\b|\b(do ?n.?t|not) (merge|combine|chain)\b|\bmerg(e|ing)\b[^.]*\bRUNs?\b/i;

const NO_COMMENTS: readonly CommentNode[] = [];

/**
 * DELIBERATE_SPLIT's answer for each comment text seen lately: the language server lints the same comments at every
 * keystroke, and the pattern's alternatives each scan the whole text (1 % of a lint of a well-commented file).
 * Bounded: emptied when full.
 */
const deliberateByText = new TextMemo<boolean>(4096, 1_000_000);

function saysDeliberate(text: string): boolean {
  let says = deliberateByText.get(text);
  if (says === undefined) {
    says = DELIBERATE_SPLIT.test(text);
    deliberateByText.set(flatCopy(text), says);
  }
  return says;
}

/** A RUN that installs dependencies from manifests (`npm ci`, `pip install -r …`): cache-order wants it in a layer of its own. */
const installsDependencies = (run: InstructionNode, workdir: string): boolean =>
  commandUses(run).some((u) => recognizeInstall(u, workdir) !== null);

/**
 * A RUN that could share a layer with the RUN right before it: both shell form in a POSIX shell, the same BuildKit
 * flags, nothing in between. A heredoc RUN counts (its commands can move into the heredoc), but a later `&&` merge
 * fix must leave heredoc pairs to the user.
 */
export function isChainable(run: InstructionNode, posixShell: boolean): boolean {
  if (!posixShell || run.execForm) return false;
  // hadolint's heuristic, kept: a RUN that already chains commands was most likely split off on purpose
  // (cache boundaries), so only single-command RUNs are candidates.
  return runCommands(run).length <= 1;
}

/** `--mount`, `--network`, `--security` (and any other flag), order-insensitive: a merged RUN can carry only one set. */
export function flagKey(run: InstructionNode): string {
  return run.flags
    .map((f) => `${f.name}=${f.value ?? ''}`)
    .sort()
    .join('\n');
}

export default defineRule({
  meta: {
    id: 'chain-run',
    aliases: ['DL3059'],
    category: 'size',
    severity: 'info',
    fix: 'safe',
    docs: {
      summary: 'Flags a single-command `RUN` that directly follows another single-command `RUN` it could be chained into.',
      rationale:
        'Every `RUN` adds a layer. Two one-command RUNs in a row with the same BuildKit flags can run as one `RUN a && b`: ' +
        'one layer, one cache entry, and files that the second command deletes or overwrites no longer stay behind in the first layer.',
      bad: 'FROM debian:12.5\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\n',
      good:
        'FROM debian:12.5\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl\n' +
        '# a RUN that already chains commands is a deliberate layer boundary\nRUN make deps && make check\nRUN make install\n',
      notes:
        'Fires on the later RUN when all of these hold: both RUNs are in the same stage with only comments, blank lines ' +
        'and instructions that cannot change what the RUNs do between them (LABEL, EXPOSE, MAINTAINER, STOPSIGNAL; a ' +
        'WORKDIR that leaves the working directory as it was, and for a directory other than `/` that neither RUN names; ' +
        'an ENV or ARG whose variables neither RUN names and that no program reads on its own: PATH, HOME, locales, ' +
        'proxies, `DEBIAN_*`, `XDG_*`, compiler flags, `GO*`, `NODE*`, `PIP_*`, `TARGETPLATFORM` and other toolchain settings never count, ' +
        'and only after a RUN whose programs read no other variable: file utilities, the distros\' package managers, curl, wget, ' +
        'archivers and user tools, not npm, make, an interpreter or a script, which may read any name); each runs at most one simple command (hadolint 2.12\'s heuristic: a RUN that already chains commands ' +
        'was split off on purpose); no comment since the last non-RUN instruction says why the RUNs are split (layers ' +
        'or RUNs kept split, separate or in their own layer, caching, "do not merge"; a comment that only says what a ' +
        'command does is no reason); both or neither install dependencies from manifests (`npm ci`, `pip install -r`, ' +
        '`bundle install`, …: cache-order wants those in a layer of their own, ahead of the sources); both have identical flags (`--mount`, `--network`, `--security`, in any order); both are ' +
        'shell form with a POSIX shell in effect. Three RUNs in a row give two findings, as in hadolint. ' +
        'A heredoc RUN (`RUN <<EOF`) counts, as in hadolint: its neighbour\'s command can move into the heredoc script. ' +
        'Deliberate difference from hadolint DL3059: exec-form RUNs (`RUN ["a", "b"]`) are never flagged nor chained ' +
        'into, and the harmless instructions above do not separate two RUNs (in hadolint any instruction does). After `SHELL ["powershell", …]` or on Windows `cmd` images nothing is flagged. ' +
        'ONBUILD RUNs are not flagged (as in hadolint), and an ONBUILD between two RUNs separates them. ' +
        'The fix is offered only where the merge provably keeps what runs; otherwise the finding comes without a fix: ' +
        'when either RUN is a heredoc RUN; when a suppression comment (`# hadolint ignore=…` or `# dfopt-disable…`) stands ' +
        'between the two RUNs, since inside the merged RUN it would cover both; when a `# hadolint ignore=…` or ' +
        '`# dfopt-disable-next-line` comment above the first RUN would then silence the second one too; when the first ' +
        'RUN ends in a shell comment (`RUN a # note`: `&& b` would be commented out); when either RUN starts a background ' +
        'job (`&`) or the first starts a service (`service`, `systemctl`, `nohup`, `/etc/init.d/…`, …), which Docker ' +
        'stops at the end of its RUN but which would keep running alongside the merged commands; and when its body does ' +
        'not parse as shell. Blank lines between the RUNs are removed (a blank line inside a continuation is deprecated).',
      fixSafety:
        'The fix joins the second RUN onto the first as `a \\` + newline + ` && b`, written the way the file already ' +
        'writes continuations (`&&` leading the line or ending the line before, the indentation its continuation lines ' +
        'use, the `# escape=` character, CRLF), keeping the first RUN\'s flags (both have the same) and every line of ' +
        'both bodies, comment lines inside continuations included; comment lines between the two RUNs become comment lines ' +
        'inside the continuation, where Docker drops them as it did between the instructions; the harmless instructions between them ' +
        'move above the merged RUN (above the comment lines right over it), as written. It is safe because the merged RUN runs the same ' +
        'commands in the same order, in the same stage, with the same flags, SHELL, ENV, WORKDIR and USER (only instructions that change ' +
        'nothing the commands read stood between them; this assumes a program reads only the variables its command line names ' +
        'and the well-known ones listed above), and fails exactly when one of the two RUNs would have failed. Shell state cannot leak: ' +
        'when the first RUN could change the shell it runs in (`cd`, `pushd`, `export`, `unset`, `set`, `shopt`, `umask`, ' +
        '`ulimit`, `trap`, `source`/`.`, `eval`, `exec`, `exit`, `read`, a function definition, a plain assignment, a ' +
        '`for` loop variable, an assigning expansion such as `${X:=d}` or `$((i++))`, or a command word that is a ' +
        'variable), its commands go into a subshell: `RUN cd /src` + `RUN make` becomes `(cd /src) && make`, as before. ' +
        'A trailing `;` of the first RUN is dropped (its status is still its last command\'s). The rule flags only ' +
        'one-command RUNs, but the merge also keeps bodies with several commands right: where `&&` would bind ' +
        'differently than the RUN boundary did, the body is grouped: `a || b` then `c` becomes `{ a || b; } && c`, ' +
        '`a; b` then `c` becomes `{ a; b; } && c` (the first RUN failed only when `b` failed), and a second RUN `c; d` ' +
        'becomes `… && { c; d; }`. Every merge is checked before it is offered: the merged lines, joined as Docker joins ' +
        'them, must parse as one `&&` chain running exactly the two RUNs\' commands in order. What does change is the ' +
        'layering, the point of the rule: one layer instead of two, so a file the second command deletes no longer ' +
        'stays in the image, and one cache entry instead of two.',
    },
  },
  create(context) {
    let previous: InstructionNode | null = null;
    /** Instructions since `previous` that may be harmless to move above it (see harmlessSeparators). */
    let separators = 0;
    let lastEnd = -1;
    /** A comment in the current run of RUNs said why they are split. */
    let deliberate = false;
    /** The same, counting only the comments since the last instruction other than a RUN. */
    let deliberateSinceSeparator = false;
    const comments = context.ast.comments;
    let c = 0;
    /** The comment lines since the previous instruction (comments come in file order, instructions too). */
    const commentsBefore = (node: InstructionNode): readonly CommentNode[] => {
      // Most instructions have no comment above them: the shared empty list then, not one per instruction.
      let found: CommentNode[] | null = null;
      for (; c < comments.length && comments[c]!.range.start.offset < node.range.start.offset; c++) {
        if (comments[c]!.range.start.offset > lastEnd) (found ??= []).push(comments[c]!);
      }
      return found ?? NO_COMMENTS;
    };
    // Tested only where it counts: the first test of this long pattern compiles it (~1 ms of a one-file run), and
    // the comments above a FROM (a file's header) never count.
    const says = (above: readonly CommentNode[]): boolean => above.some((k) => saysDeliberate(k.content));

    // The listener in steps (another instruction, a RUN, the report), each its own function: TurboFan compiles a
    // function whole, and the one listener was among a many-RUN fuzz giant's costlier compiles.
    const separator = (node: InstructionNode, above: readonly CommentNode[]): void => {
      deliberateSinceSeparator = false;
      if (previous && MAYBE_HARMLESS.has(node.keyword)) {
        deliberate ||= says(above);
        separators++;
        return;
      }
      previous = null;
      separators = 0;
      deliberate = false;
    };

    const runNode = (node: InstructionNode, above: readonly CommentNode[]): void => {
      const split = says(above);
      deliberate ||= split;
      deliberateSinceSeparator ||= split;
      const state = context.stateBefore(node);
      const posix = isPosixShell(state.shell);
      const chainable = isChainable(node, posix);
      const before = previous;
      const moved = before && separators > 0 ? harmlessSeparators(context, before, node) : [];
      // An instruction between that is not harmless after all starts a new run of RUNs here, as any other does.
      if (!moved) deliberate = deliberateSinceSeparator;
      previous = chainable ? node : null;
      separators = 0;
      if (!chainable || !before || flagKey(before) !== flagKey(node) || deliberate || !moved) return;
      if (installsDependencies(before, state.workdir) !== installsDependencies(node, state.workdir)) return;
      reportChain(before, node, moved);
    };

    const reportChain = (before: InstructionNode, node: InstructionNode, moved: readonly InstructionNode[]): void => {
      const line = node.range.start.line + 1;
      const prevLine = before.range.start.line + 1;
      context.report({
        range: node.keywordRange,
        message: `RUN at line ${line} follows the RUN at line ${prevLine} and could share its layer; chain them with \`&&\`.`,
        related: [{ range: before.range, message: 'the RUN it could join' }],
        fix: () => {
          const merge = mergeRuns(context.ast, before, node, continuationStyle(context.ast), moved);
          return 'edits' in merge ? merge.edits : null;
        },
      });
    };

    return {
      'stage:enter'() {
        previous = null;
        separators = 0;
        deliberate = false;
        deliberateSinceSeparator = false;
      },
      '*'(node) {
        const above = commentsBefore(node);
        lastEnd = node.range.end.offset;
        if (node.keyword === 'RUN') runNode(node, above);
        else separator(node, above);
      },
    };
  },
});
