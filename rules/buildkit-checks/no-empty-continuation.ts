import { defineRule } from '../../src/engine';

const isBlank = (line: string): boolean => /^\s*$/.test(line);
const isComment = (line: string): boolean => /^\s*#/.test(line);

export default defineRule({
  meta: {
    id: 'no-empty-continuation',
    aliases: ['NoEmptyContinuation'],
    category: 'correctness',
    severity: 'warning',
    fix: 'safe',
    docs: {
      summary: 'Flags empty lines inside a line continuation (after a trailing `\\`).',
      rationale:
        'An empty line after a trailing escape does not end the instruction: the next non-empty line is still joined to ' +
        'it, which surprises readers, and BuildKit has deprecated the syntax: a future release will reject it and break ' +
        'the build. Remove the empty line, or make it a comment (comment lines are allowed).',
      bad: 'FROM alpine:3.20\nRUN apk add \\\n\n    gnupg \\\n\n    curl\n',
      good: 'FROM alpine:3.20\nRUN apk add \\\n    # signing tools\n    gnupg \\\n    curl\n',
      fixSafety: 'Removing empty lines inside a continuation does not change the instruction: Docker already skips them.',
      notes:
        'Same check as BuildKit\'s NoEmptyContinuation, one finding per instruction, at the first empty line (BuildKit ' +
        'points at the instruction\'s last line). Lines of only spaces or tabs count as empty; heredoc bodies are not ' +
        'continuations and are not checked.',
    },
  },
  create(context) {
    const { source, escapeChar } = context.ast;
    return {
      '*'(inst) {
        const firstLine = inst.keywordRange.start.line;
        let lastLine = inst.range.end.line;
        const heredoc = inst.heredocs[0];
        if (heredoc) lastLine = Math.min(lastLine, heredoc.markerRange.start.line);
        if (lastLine === firstLine) return;
        const empties: number[] = [];
        let continued = false;
        for (let line = firstLine; line <= lastLine; line++) {
          // A file ending in a continuation has a "line" after its last line break: nothing is there to remove.
          if (line > firstLine && (source.lineStarts[line] ?? source.text.length) >= source.text.length) break;
          const text = source.lineText(line);
          if (line > firstLine) {
            if (!continued) break;
            if (isComment(text)) continue;
            if (isBlank(text)) {
              empties.push(line);
              continue;
            }
          }
          continued = text.replace(/(?<![ \t])[ \t]+$/, '').endsWith(escapeChar);
        }
        const first = empties[0];
        if (first === undefined) return;
        const at = (line: number) => source.lineStarts[line] ?? source.text.length;
        context.report({
          range: source.range(at(first), at(first) + source.lineText(first).length),
          message:
            `Empty continuation line ${first + 1} inside ${inst.keywordText} (line ${firstLine + 1}); remove it or make it a comment, ` +
            'as BuildKit will reject empty continuation lines.',
          fix: (f) => empties.map((line) => f.remove(source.range(at(line), at(line + 1)))),
        });
      },
    };
  },
});
