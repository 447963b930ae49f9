import { defineRule } from '../../src/engine';
import { resultStages, stageLabels } from '../../src/model/labels';

const list = (labels: readonly string[]): string => {
  const quoted = labels.map((l) => `'${l}'`);
  return quoted.length === 1 ? `label ${quoted[0]}` : `labels ${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
};

export default defineRule({
  meta: {
    id: 'required-labels',
    aliases: ['DL3049'],
    category: 'maintainability',
    severity: 'info',
    fix: 'none',
    docs: {
      summary: 'Flags images that lack a label the configured `labelSchema` requires.',
      rationale:
        'A label schema is a team\'s promise that every image says who owns it, where its source is and which ' +
        'version it is. Registries, scanners and deploy tooling read those labels, so an image without them is ' +
        'harder to trace back to its code and its owners.',
      bad: 'FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\n',
      good:
        'FROM golang:1.22 AS build\nRUN go build -o /app .\n\nFROM gcr.io/distroless/static-debian12\n' +
        'LABEL maintainer="platform@example.com" \\\n      org.opencontainers.image.source="https://example.com/shop"\n' +
        'COPY --from=build /app /app\n',
      exampleSettings: { labelSchema: { maintainer: 'email', 'org.opencontainers.image.source': 'url' } },
      notes:
        'Silent unless `labelSchema` is set. Checked on the images the build produces: stages that no later stage ' +
        'builds FROM, copies from (`COPY --from`) or mounts (`RUN --mount=from=`); a stage inherits the labels of the ' +
        'stage it is built FROM. One finding per stage, on its FROM, naming every missing label. hadolint 2.12 also ' +
        'reports a base stage that lacks a label when the stage built on it is not itself labelled, and does not ' +
        'recognise `COPY --from=0` (an index) or `RUN --mount=from=`; we report only the stage that is the image. ' +
        '`ONBUILD LABEL` does not count: it labels the images built from this one.',
    },
  },
  create(context) {
    const required = Object.keys(context.settings.labelSchema);
    if (required.length === 0) return {};
    return {
      'dockerfile:exit'(model) {
        const labels = stageLabels(model);
        for (const stage of resultStages(model)) {
          const own = labels.get(stage);
          const missing = required.filter((label) => !own?.has(label));
          if (missing.length === 0) continue;
          const name = stage.name ? `Stage '${stage.name}'` : `The stage FROM ${stage.base.written}`;
          context.report({
            node: stage.from,
            message: `${name} lacks the ${list(missing)} that labelSchema requires; add ${missing.length === 1 ? 'it' : 'them'} with LABEL.`,
          });
        }
      },
    };
  },
});
