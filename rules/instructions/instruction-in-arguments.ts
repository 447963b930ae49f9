import { defineRule } from '../../src/engine';
import { hasNonFlagWord, joinContinuations } from '../../src/parse';
import { swallowedInstructions } from './support';

export default defineRule({
  meta: {
    id: 'instruction-in-arguments',
    aliases: [],
    category: 'correctness',
    severity: 'error',
    fix: 'unsafe',
    docs: {
      summary:
        'Flags an instruction keyword (`RUN`, `COPY`, …) that a stray trailing `\\` has joined into the previous ' +
        'instruction\'s arguments.',
      rationale:
        'A line ending in `\\` continues on the next line that is not empty or a comment, even across empty lines. ' +
        'When the previous instruction ends in a stray `\\`, the next instruction is not an instruction at all: its ' +
        'keyword and arguments become more arguments (`rm -rf /var/lib/apt/lists/* RUN rm -f /usr/bin/python`), and the ' +
        'build silently does something else, or fails far from the cause.',
      bad: 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl \\\n\n# CI expects python\nRUN ln -s /usr/bin/python3 /usr/bin/python\n',
      good: 'FROM debian:12\nRUN apt-get update && \\\n    apt-get install -y curl\n\n# CI expects python\nRUN ln -s /usr/bin/python3 /usr/bin/python\n',
      fixSafety:
        'The fix removes the stray `\\` so the keyword starts its own instruction again. That changes what the build ' +
        'runs (the joined text stops being arguments), which is what the author meant but not what the file did: unsafe.',
      notes:
        'Only an upper-case keyword at the start of a line, or after an empty line inside the continuation, counts; an ' +
        'indented word after a `\\` (`npm \\` / `    run build`) is ordinary shell text.',
    },
  },
  create(context) {
    const { source, escapeChar } = context.ast;
    return {
      '*'(inst) {
        for (const swallowed of swallowedInstructions(context.ast, inst)) {
          const text = source.lineText(swallowed.line);
          const start = (source.lineStarts[swallowed.line] ?? 0) + text.length - text.trimStart().length;
          const stray = source.lineText(swallowed.continuedFrom).replace(/[ \t]+$/, '');
          const strayAt = (source.lineStarts[swallowed.continuedFrom] ?? 0) + stray.length - escapeChar.length;
          // The blanks before the escape go with it, a lone carriage return among them: kept, it would meet the line
          // break and make a CRLF of it (`FROM x\r\\` / `COPY …` in an LF file: npm run fuzz -- --seed 6).
          const keep = stray.slice(0, -escapeChar.length).replace(/[ \t\r]+$/, '').length;
          const keptEnd = (source.lineStarts[swallowed.continuedFrom] ?? 0) + keep;
          // What the instruction keeps must still be one: a FROM of flags alone (`FROM --platform=$P \` / `WORKDIR
          // /app`, whose image was the swallowed keyword) has no image once the escape goes, and does not parse.
          const imageless =
            inst.keyword === 'FROM' && !hasNonFlagWord(joinContinuations(source.text, inst.keywordRange.end.offset, keptEnd, escapeChar).text, escapeChar);
          context.report({
            range: source.range(start, start + swallowed.keyword.length),
            message:
              `${swallowed.keyword} at line ${swallowed.line + 1} is part of the ${inst.keywordText} at line ` +
              `${inst.keywordRange.start.line + 1} because line ${swallowed.continuedFrom + 1} ends with '${escapeChar}'; ` +
              `remove that '${escapeChar}' so ${swallowed.keyword} starts its own instruction.`,
            related: [{ range: source.range(strayAt, strayAt + escapeChar.length), message: `The stray '${escapeChar}'.` }],
            // Only the stray escape (and the blanks before it) goes, but the edit reaches the instruction's end, the
            // same text kept: another rule's fix of this instruction read the swallowed lines as its arguments
            // (legacy-key-value-format turned `LABEL \` / `FROM alpine` into `FROM="alpine"`), and must not land in
            // the same pass as the edit that makes them an instruction again. Overlapping this one, it waits for
            // the next pass, which lints the instructions as they now are.
            ...(imageless
              ? { fixDeclined: `without the '${escapeChar}', the FROM at line ${inst.keywordRange.start.line + 1} would name no image; write the image it should build from first` }
              : {
                  fix: (f) => {
                    const end = inst.range.end.offset;
                    return f.replace(source.range(keptEnd, end), source.text.slice(strayAt + escapeChar.length, end));
                  },
                }),
          });
        }
      },
    };
  },
});
