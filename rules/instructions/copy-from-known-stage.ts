import { defineRule } from '../../src/engine';
import { sameStageName } from '../../src/model';
import { copyFromReference } from './support';

export default defineRule({
  meta: {
    id: 'copy-from-known-stage',
    aliases: ['DL3022'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags `COPY --from` that names no earlier stage and is not a tagged image reference.',
      rationale:
        '`COPY --from=name` copies from the stage called `name`, and when there is none, Docker silently pulls an image ' +
        'called `name` from Docker Hub instead: a typo in a stage name turns into a download of someone else\'s image. ' +
        'A stage must also be defined before the stage that copies from it, and `--from` does not expand variables.',
      bad: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM debian:12-slim\nCOPY --from=biuld /out/app /usr/local/bin/app\n',
      good:
        'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM debian:12-slim\nCOPY --from=build /out/app /usr/local/bin/app\n' +
        'COPY --from=busybox:1.36 /bin/busybox /bin/busybox\n',
      notes:
        'A reference with a `:` (a tag, a digest or a registry port) is taken for an image and not checked. Stage names are ' +
        'compared case-insensitively, as BuildKit does (hadolint 2.12 compares them case-sensitively). A numeric index of ' +
        'an earlier stage (`--from=0`) builds, but is flagged as hadolint does: it silently names another stage once one ' +
        'is added or moved above it, so name the stage instead. An untagged name that is no stage is flagged as hadolint does: ' +
        'if it is meant as an image, give it a tag (`--from=composer:2`), which also pins it. `--from=$VAR` is flagged ' +
        'because BuildKit refuses variables in `--from`. Copying from the current stage is copy-from-other-stage\'s job.',
    },
  },
  create(context) {
    return {
      COPY(node) {
        const from = copyFromReference(context, node);
        if (!from) return;
        const { flag, stage, reference } = from;
        let problem: string;
        if (reference.includes('$')) {
          problem = 'uses a variable, which BuildKit does not expand in --from; add a stage `FROM ${VAR} AS name` and copy from that';
        } else if (reference.includes(':')) {
          return;
        } else if (/^\d+$/.test(reference)) {
          const index = Number(reference);
          if (index === stage.index) return; // this stage: copy-from-other-stage's finding
          // BuildKit accepts an earlier stage's index, but it silently points elsewhere once a stage is added above
          // it; hadolint reports it too.
          problem =
            index < stage.index
              ? `names stage ${index} by position, which breaks when stages are added or reordered; name it (\`FROM … AS name\`) and copy --from=name`
              : `names stage ${index}, which ${index < context.model.stages.length ? 'comes later' : 'does not exist'}; copy only from an earlier stage`;
        } else {
          if (stage.name !== null && sameStageName(stage.name, reference)) return;
          const named = context.model.stagesNamed(reference);
          if (named.length > 0 && named[0]!.index < stage.index) return;
          problem = named.length
            ? `names stage '${named[0]!.name}', which is defined later; move that stage before this one`
            : 'names no earlier stage, so Docker would pull an image of that name; fix the stage name, or tag the image if one is meant';
        }
        context.report({ range: flag.range, message: `COPY --from=${flag.value} ${problem}.` });
      },
    };
  },
});
