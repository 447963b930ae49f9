import { defineRule } from '../../src/engine';
import type { Stage } from '../../src/model';

export default defineRule({
  meta: {
    id: 'healthcheck-present',
    aliases: ['DL3057'],
    category: 'maintainability',
    severity: 'info',
    fix: 'none',
    recommended: false,
    docs: {
      summary: 'Flags an image stage with no `HEALTHCHECK`, its own or inherited from a stage it is built FROM.',
      rationale:
        'Without a health check, Docker and Swarm only know whether the process is running, not whether it serves: a ' +
        'deadlocked server stays "up". `HEALTHCHECK NONE` states that the image deliberately has none.',
      bad: 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n',
      good:
        'FROM node:22-slim AS build\nRUN npm ci && npm run build\n' +
        'FROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html/\nHEALTHCHECK CMD curl -fsS http://localhost/ || exit 1\n',
      notes:
        'Off by default, as hadolint\'s DL3057 (severity "ignore"). Only stages that can be an image are checked: stages no ' +
        'other stage uses (the last one, and other `--target`s). hadolint 2.12 also flags builder stages that are only ' +
        'copied from, which never run as containers. A HEALTHCHECK in a stage counts for the stages built FROM it.',
    },
  },
  create(context) {
    return {
      'dockerfile:exit'(model) {
        const used = new Set<Stage>();
        for (const stage of model.stages) for (const dep of stage.dependencies) if (dep.stage && dep.stage !== stage) used.add(dep.stage);
        // Whether a stage or one it is built FROM has a HEALTHCHECK, once per stage: a FROM names an earlier stage, so
        // its answer is already known (walking each stage's chain was quadratic in stages built on one big stage).
        const hasHealthcheck = new Map<Stage, boolean>();
        for (const stage of model.stages) {
          const base = stage.base.stage;
          hasHealthcheck.set(stage, stage.instructions.some((i) => i.keyword === 'HEALTHCHECK') || (base !== null && hasHealthcheck.get(base) === true));
        }
        for (const stage of model.stages) {
          if (used.has(stage)) continue;
          if (hasHealthcheck.get(stage)) continue;
          const name = stage.name === null ? `Stage ${stage.index}` : `Stage '${stage.name}'`;
          context.report({
            range: stage.from.keywordRange,
            message: `${name} (line ${stage.from.range.start.line + 1}) builds an image with no HEALTHCHECK; add one, or \`HEALTHCHECK NONE\` to say it has none on purpose.`,
          });
        }
      },
    };
  },
});
