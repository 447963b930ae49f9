import { defineRule } from '../../src/engine';
import { lineOf } from './support';

export default defineRule({
  meta: {
    id: 'unique-stage-names',
    aliases: ['DL3024', 'DuplicateStageName'],
    category: 'correctness',
    severity: 'error',
    fix: 'none',
    docs: {
      summary: 'Flags a stage name (`FROM … AS name`) used by an earlier stage already.',
      rationale:
        'Stage names are how `COPY --from`, `FROM` and `--target` find a stage. With two stages of the same name, a ' +
        'reference silently means one of them, and which one depends on where it is written.',
      bad: 'FROM debian:12-slim AS builder\nRUN make\nFROM golang:1.23 AS Builder\nRUN go build ./...\n',
      good: 'FROM debian:12-slim AS c-builder\nRUN make\nFROM golang:1.23 AS go-builder\nRUN go build ./...\n',
      notes:
        'Names are compared case-insensitively, as BuildKit does (it lower-cases stage names); hadolint 2.12 compares them ' +
        'case-sensitively and so misses `AS Build` after `AS build`.',
    },
  },
  create(context) {
    return {
      'dockerfile:exit'(model) {
        for (const stage of model.stages) {
          const name = stage.name;
          const named = name === null ? [] : model.stagesNamed(name);
          const first = named[0] !== stage ? named[0] : undefined;
          if (name !== null && first) {
            context.report({
              range: stage.nameRange ?? stage.from.range,
              message: `Stage name '${name}' at line ${lineOf(stage.from)} is already used by the stage at line ${lineOf(first.from)}; give each stage a unique name.`,
              related: [{ range: first.nameRange ?? first.from.range, message: `the first stage named '${first.name}'` }],
            });
          }
        }
      },
    };
  },
});
