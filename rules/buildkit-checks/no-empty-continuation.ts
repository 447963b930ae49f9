import { defineRule, type Fixer } from '../../src/engine';
import { continuationLines, swallowedInstructions } from '../instructions/support';

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
        'Same check as BuildKit\'s NoEmptyContinuation, one finding per instruction, on the instruction\'s last line ' +
        '(where BuildKit puts it; the message names the first empty line). No fix when the continuation joins another ' +
        'instruction (a stray `\\` before the empty line, see instruction-in-arguments): removing the empty line would ' +
        'hide the one visible sign of that bug. Lines of only spaces or tabs count as empty; heredoc bodies are not ' +
        'continuations and are not checked.',
    },
  },
  create(context) {
    const { source } = context.ast;
    return {
      '*'(inst) {
        const lines = continuationLines(context.ast, inst);
        // Most instructions have no continuation line at all: no list for them.
        if (lines.length === 0) return;
        // Not filter then map: one array per instruction, not two, and of one hidden class whether this code runs
        // optimised or not (Array.prototype.map's is not: see parseDockerfile's `instructions`).
        const empties: number[] = [];
        for (const c of lines) if (c.kind === 'blank') empties.push(c.line);
        const first = empties[0];
        if (first === undefined) return;
        const at = (line: number) => source.lineStarts[line] ?? source.text.length;
        // BuildKit reports the instruction's last line, where its parser is when it notices.
        const last = lines[lines.length - 1]!.line;
        const swallowed = swallowedInstructions(context.ast, inst)[0];
        context.report({
          range: source.range(at(last), at(last) + source.lineText(last).length),
          message:
            `Empty continuation line ${first + 1} inside ${inst.keywordText} (line ${inst.keywordRange.start.line + 1}); ` +
            'remove it or make it a comment, as BuildKit will reject empty continuation lines.',
          ...(swallowed
            ? {
                fixDeclined:
                  `the empty line follows a stray '${context.ast.escapeChar}' that joins ${swallowed.keyword} at line ` +
                  `${swallowed.line + 1} into this instruction (instruction-in-arguments); removing the line would hide that`,
              }
            : { fix: (f: Fixer) => empties.map((line) => f.remove(source.range(at(line), at(line + 1)))) }),
        });
      },
    };
  },
});
