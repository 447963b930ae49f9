import { defineRule } from '../../src/engine';
import { argsRange, expand, stripQuotes } from './support';

export default defineRule({
  meta: {
    id: 'copy-multiple-sources-to-dir',
    aliases: ['DL3021'],
    category: 'correctness',
    severity: 'error',
    fix: 'none',
    docs: {
      summary: 'Flags `COPY` of several sources to a destination that does not end with `/`.',
      rationale:
        'With more than one source, the destination must be a directory, and Docker only accepts it written with a ' +
        'trailing slash: `COPY a.txt b.txt /dst` fails the build. Writing `/dst/` also tells the reader it is a directory.',
      bad: 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json .\n',
      good: 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nCOPY ["a.txt", "b.txt", "/data/"]\n',
      notes:
        'Shell and JSON form are both checked; the destination is expanded with the ENV and ARG values in scope, and one ' +
        'that contains a variable with no known value is not flagged (hadolint 2.12 checks the text as written). ' +
        'ADD has the same constraint but is not checked, as in hadolint.',
    },
  },
  create(context) {
    return {
      COPY(node) {
        const words = node.execForm ?? node.words.map((w) => w.value);
        // Heredoc bodies are not words; their `<<EOF` markers are, and count as sources.
        if (words.length < 3) return;
        const dest = node.execForm ? words[words.length - 1]! : stripQuotes(words[words.length - 1]!);
        const { value, unresolved } = expand(dest, context.stateBefore(node), context.ast.escapeChar);
        if (unresolved.length > 0 || value.endsWith('/')) return;
        // In JSON form the words are dockerfile-ast's whitespace split, so the destination is not a word of its own.
        const range = node.execForm ? argsRange(context.ast, node) : node.words[node.words.length - 1]!.range;
        context.report({
          range,
          message: `COPY of ${words.length - 1} sources to '${dest}' needs a directory destination ending with '/'; write '${dest}/'.`,
        });
      },
    };
  },
});
