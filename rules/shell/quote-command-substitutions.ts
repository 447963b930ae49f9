import { defineRule } from '../../src/engine';
import { expansionsOf, shellScriptListeners, walkSplitWords } from './support';

export default defineRule({
  meta: {
    id: 'quote-command-substitutions',
    aliases: ['SC2046'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags an unquoted `$(…)` or backtick substitution in a RUN command argument (ShellCheck SC2046).',
      rationale:
        "The output of an unquoted command substitution is split on blanks and glob-expanded, so `chown app $(find " +
        "/srv -name conf)` breaks on a path with a space and a `*` in the output matches files. Quote it to keep " +
        'the output one word; when you do want one word per line, read it with `while read -r` or use `xargs`.',
      bad: 'FROM debian:12\nRUN mkdir -p $(dirname /opt/app/conf/settings.ini)\n',
      good: 'FROM debian:12\nRUN mkdir -p "$(dirname /opt/app/conf/settings.ini)"\n',
      notes:
        'Not flagged, as in ShellCheck: assignments, `[[ … ]]`, `case` words, `for` lists (splitting is the point ' +
        'there), and in bash the values given to `export`/`local`/`declare`/`readonly`. In `recommended` at ShellCheck\'s ' +
        'severity, as hadolint reports it; a split made on purpose (`apt-get install $(cat packages.txt)`, ' +
        '`go test $(go list ./...)`) takes a `# hadolint ignore=SC2046` or `# dfopt-disable-next-line SC2046` above ' +
        'the RUN. dfopt does not guess which substitutions are word lists: ShellCheck flags them all, and this rule ' +
        'keeps to what ShellCheck reports.',
    },
  },
  create(context) {
    return shellScriptListeners(context, (target) => {
      walkSplitWords(target, (word) => {
        for (const e of expansionsOf(word)) {
          if (e.quoted || (e.kind !== 'command' && e.kind !== 'backtick')) continue;
          const range = target.range(e.start, e.end);
          context.report({
            range,
            message: `The command substitution at line ${range.start.line + 1} is unquoted, so its output is split on blanks and glob-expanded; double-quote it unless each word is meant as its own argument.`,
          });
        }
      });
    });
  },
});
