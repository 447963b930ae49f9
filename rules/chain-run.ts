import { defineRule } from '../src/engine';
import type { InstructionNode } from '../src/parse';
import { isPosixShell, runCommands } from '../src/shell';

/**
 * A RUN that could share a layer with the RUN right before it: both shell form in a POSIX shell, the same BuildKit
 * flags, nothing in between. A heredoc RUN counts (its commands can move into the heredoc), but a later `&&` merge
 * fix must leave heredoc pairs to the user.
 */
function isChainable(run: InstructionNode, posixShell: boolean): boolean {
  if (!posixShell || run.execForm) return false;
  // hadolint's heuristic, kept: a RUN that already chains commands was most likely split off on purpose
  // (cache boundaries), so only single-command RUNs are candidates.
  return runCommands(run).length <= 1;
}

/** `--mount`, `--network`, `--security` (and any other flag), order-insensitive: a merged RUN can carry only one set. */
function flagKey(run: InstructionNode): string {
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
    fix: 'none',
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
        'Fires on the later RUN when all of these hold: both RUNs are in the same stage with only comments or blank lines ' +
        'between them; each runs at most one simple command (hadolint 2.12\'s heuristic: a RUN that already chains commands ' +
        'was split off on purpose); both have identical flags (`--mount`, `--network`, `--security`, in any order); both are ' +
        'shell form with a POSIX shell in effect. Three RUNs in a row give two findings, as in hadolint. ' +
        'A heredoc RUN (`RUN <<EOF`) counts, as in hadolint: its neighbour\'s command can move into the heredoc script. ' +
        'Deliberate difference from hadolint DL3059: exec-form RUNs (`RUN ["a", "b"]`) are never flagged nor chained ' +
        'into. After `SHELL ["powershell", …]` or on Windows `cmd` images nothing is flagged. ' +
        'ONBUILD RUNs are not flagged (as in hadolint), and an ONBUILD between two RUNs separates them. ' +
        'A future fix must keep shell state changes of the first RUN (`cd`, `export`, `set`) from leaking into the second, ' +
        'e.g. by wrapping it in a subshell, and must not join after a trailing shell comment.',
    },
  },
  create(context) {
    let previous: InstructionNode | null = null;
    return {
      'stage:enter'() {
        previous = null;
      },
      '*'(node) {
        if (node.keyword !== 'RUN') {
          previous = null;
          return;
        }
        const posix = isPosixShell(context.stateBefore(node).shell);
        const chainable = isChainable(node, posix);
        const before = previous;
        previous = chainable ? node : null;
        if (!chainable || !before || flagKey(before) !== flagKey(node)) return;
        const line = node.range.start.line + 1;
        const prevLine = before.range.start.line + 1;
        context.report({
          range: node.keywordRange,
          message: `RUN at line ${line} follows the RUN at line ${prevLine} and could share its layer; chain them with \`&&\`.`,
        });
      },
    };
  },
});
