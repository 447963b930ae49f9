import { defineRule } from '../../src/engine';
import type { ShellWord } from '../../src/shell/types';
import { printsAtMostOneWord } from './singleWordOutput';
import { commandName, DECLARATIONS, expansionsOf, scriptCheckKey, scriptHits, shellScriptListeners, type ShellTarget, walkSplitWords } from './support';

export default defineRule({
  meta: {
    id: 'quote-command-substitutions',
    aliases: ['SC2046'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    options: {
      allowSingleWordCommands: {
        type: 'boolean',
        description:
          'Skip a substitution that prints at most one word by construction (`$(nproc)`, `$(uname -m)`, `$(id -u)`, ' +
          '`$(dpkg --print-architecture)`, `$(date +%s)`, `$([ -n "$x" ] && echo --flag)`…): quoting it changes nothing ' +
          '(or, for the `&& echo --flag` form, passes an empty argument when the test fails).',
        default: false,
        // Of the 313 findings over the shared corpus (issue 19), 143 were such substitutions (63 CPU counts, 39
        // `test … && echo --flag`); the hand check of 2026-12-06 judged `make -j$(getconf _NPROCESSORS_ONLN)`
        // debatable. ShellCheck flags them all, so `strict`, `all` and `hadolint` do.
        recommendedDefault: true,
      },
      allowSplitIntoDeclarations: {
        type: 'boolean',
        description:
          'Skip a substitution that is a whole argument of `export`, `declare`, `local`, `readonly` or `typeset` ' +
          '(`export $(grep -v \'^#\' .env | xargs)`): splitting its output into `NAME=value` words is the point, and ' +
          'quoting it would make one variable of several.',
        default: false,
        // Hand check 2026-12-08 row 37 (01844.Dockerfile:52). ShellCheck flags it, so `strict`, `all` and `hadolint` do.
        recommendedDefault: true,
      },
    },
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
        'the RUN. dfopt does not guess which substitutions are word lists. Under `recommended` only, a substitution ' +
        'that prints at most one word by construction is skipped (`allowSingleWordCommands`): one simple command ' +
        'from a fixed list (`nproc`, `getconf _NPROCESSORS_ONLN`, `id -u`/`-g`, `whoami`, `uname -m`/`-r`/`-s`, `arch`, ' +
        '`dpkg --print-architecture`, `apk --print-arch`, `date +FORMAT` without blanks, `lsb_release -cs`, `go env GOARCH`, ' +
        '`rpm -E %rhel`, `xx-info`, `git rev-parse REV`…), or `[ … ] && echo WORD`, whose unquoted form is needed; and a substitution that is a whole argument of ' +
        '`export`/`declare`/`local`/`readonly`/`typeset` (`export $(cat .env | xargs)`), whose split into `NAME=value` ' +
        'words is meant (`allowSplitIntoDeclarations`). ' +
        'Paths (`$(pwd)`, `$(which x)`) are still flagged. `strict`, `all` and `extends: hadolint` report what ShellCheck does.',
    },
  },
  create(context) {
    const allowSingleWord = context.options.allowSingleWordCommands === true;
    const allowDeclarations = context.options.allowSplitIntoDeclarations === true;
    const options = (allowSingleWord ? 1 : 0) | (allowDeclarations ? 2 : 0);
    return shellScriptListeners(context, (target) => {
      const detect = DETECT[options]!;
      const hits = scriptHits(target, detect.keys[target.dialect === 'bash' ? 1 : 0]!, detect.find);
      for (let i = 0; i < hits.length; i++) {
        const range = target.range(hits[i]!.start, hits[i]!.end);
        context.report({
          range,
          message: `The command substitution at line ${range.start.line + 1} is unquoted, so its output is split on blanks and glob-expanded; double-quote it unless each word is meant as its own argument.`,
        });
      }
    });
  },
});

/** The unquoted substitutions of a script (script offsets), under one combination of the options. */
function unquotedSubstitutions(target: ShellTarget, allowSingleWord: boolean, allowDeclarations: boolean): Array<{ start: number; end: number }> {
  const hits: Array<{ start: number; end: number }> = [];
  walkSplitWords(target, (word, command) => {
    const expansions = expansionsOf(word);
    // Most words expand nothing: then there is nothing to report, and no command name to look up.
    if (expansions.length === 0) return;
    if (allowDeclarations && command !== null && command.argv[0] !== word && DECLARATIONS.has(commandName(command) ?? '') && WHOLE_SUBSTITUTION.test(word.raw)) return;
    for (const e of expansions) {
      if (e.quoted || (e.kind !== 'command' && e.kind !== 'backtick')) continue;
      if (allowSingleWord && singleWord(word, e.start, e.end)) continue;
      hits.push({ start: e.start, end: e.end });
    }
  });
  return hits;
}

/**
 * By the options (bit 1: allowSingleWordCommands, bit 2: allowSplitIntoDeclarations), what scriptHits keeps per
 * dialect (walkSplitWords reads it) and the search.
 */
const DETECT = [0, 1, 2, 3].map((options) => ({
  keys: [scriptCheckKey(), scriptCheckKey()],
  find: (target: ShellTarget) => unquotedSubstitutions(target, (options & 1) !== 0, (options & 2) !== 0),
}));

// One `$(…)` or backtick substitution and nothing else: the word is only what the command prints.
const WHOLE_SUBSTITUTION = /^(?:\$\((?!\().*\)|`.*`)$/s;

/** The substitution at `start…end` of `word` prints at most one word (its body is parsed with the word). */
function singleWord(word: ShellWord, start: number, end: number): boolean {
  const body = word.substitutions?.find((s) => s.start > start && s.end < end);
  return body !== undefined && printsAtMostOneWord(body);
}
