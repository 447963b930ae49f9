import { defineRule } from '../../src/engine';
import type { Stage } from '../../src/model';
import type { InstructionNode } from '../../src/parse';

/** root by name or UID (with any group), and Windows' administrator account. */
const isRoot = (user: string): boolean => /^(root|0)(:.*)?$/s.test(user.trim()) || /^ContainerAdministrator$/i.test(user.trim());

export default defineRule({
  meta: {
    id: 'no-root-user',
    aliases: ['DL3002'],
    category: 'security',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags an image whose last USER is root (`root`, `0`, `root:…`, `0:…`).',
      rationale:
        'The last USER is the user the container runs as. Running as root means a compromised process owns the whole ' +
        'container and is one kernel or runtime bug away from the host. Switch back to an unprivileged user after the ' +
        'steps that need root.',
      bad: 'FROM debian:12\nRUN useradd -r app\nUSER app\nRUN echo build\nUSER root\nCMD ["app"]\n',
      good:
        'FROM debian:12 AS build\nUSER root\nRUN echo build\nFROM debian:12\nRUN useradd -r app\nUSER root\nRUN echo setup\nUSER app\nCMD ["app"]\n',
      notes:
        'Only the image that is built counts: the last USER of the final stage, or, when the final stage has none, ' +
        'of the stage it is built FROM (and so on up the chain). ARGs and ENVs are substituted, so `ARG U=root` + ' +
        '`USER $U` is flagged. On Windows images `USER ContainerAdministrator` counts as root. An image with no USER at all is not flagged (its user comes from the base image). ' +
        'Deliberate differences from hadolint 2.12, which flags the last root USER of every stage: a builder stage ' +
        'running as root does not make the image run as root, so it is not flagged; and hadolint does not resolve ' +
        'variables in USER.',
    },
  },
  create(context) {
    return {
      'dockerfile:exit'(model) {
        const final = model.finalStage;
        if (!final || final.finalState.user === null || !isRoot(final.finalState.user)) return;
        let user: InstructionNode | undefined;
        const visited = new Set<Stage>();
        for (let stage: Stage | null = final; stage && !user && !visited.has(stage); stage = stage.base.stage) {
          visited.add(stage);
          user = [...stage.instructions].reverse().find((i) => i.keyword === 'USER');
        }
        if (!user) return;
        const word = user.words[0];
        const range = word ? context.ast.source.range(word.range.start.offset, user.words[user.words.length - 1]!.range.end.offset) : user.range;
        context.report({
          range,
          message: `USER ${user.argsText.text.trim()} at line ${user.range.start.line + 1} makes the image run as root; add a USER with an unprivileged user after the steps that need root.`,
        });
      },
    };
  },
});
