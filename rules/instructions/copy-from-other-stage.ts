import { defineRule } from '../../src/engine';
import { sameStageName } from '../../src/model';
import { copyFromReference } from './support';

export default defineRule({
  meta: {
    id: 'copy-from-other-stage',
    aliases: ['DL3023'],
    category: 'correctness',
    severity: 'error',
    fix: 'none',
    docs: {
      summary: 'Flags `COPY --from` that names the stage it is in.',
      rationale:
        'A stage cannot copy from itself: its filesystem is not finished while it is being built, and BuildKit fails with ' +
        '"cannot copy from stage". The reference is almost always a wrong stage name.',
      bad: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM debian:12-slim AS runtime\nCOPY --from=runtime /out/app /usr/local/bin/app\n',
      good: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM debian:12-slim AS runtime\nCOPY --from=build /out/app /usr/local/bin/app\n',
      notes:
        'Stage names are compared case-insensitively, as BuildKit does (hadolint 2.12: case-sensitively), and a numeric ' +
        '`--from` equal to the stage\'s own index is flagged too.',
    },
  },
  create(context) {
    return {
      COPY(node) {
        const from = copyFromReference(context, node);
        if (!from) return;
        const { flag, stage, reference } = from;
        const own = (stage.name !== null && sameStageName(stage.name, reference)) || reference === String(stage.index);
        if (!own) return;
        const name = stage.name === null ? `stage ${stage.index}` : `stage '${stage.name}'`;
        context.report({
          range: flag.range,
          message: `COPY --from=${flag.value} names ${name}, the stage it is in, which cannot copy from itself; copy from an earlier stage.`,
        });
      },
    };
  },
});
