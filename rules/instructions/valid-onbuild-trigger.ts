import { defineRule } from '../../src/engine';

const FORBIDDEN = new Set(['ONBUILD', 'FROM', 'MAINTAINER']);

export default defineRule({
  meta: {
    id: 'valid-onbuild-trigger',
    aliases: ['DL3043'],
    category: 'correctness',
    severity: 'error',
    fix: 'none',
    docs: {
      summary: 'Flags `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER`.',
      rationale:
        'Docker refuses these triggers: chaining ONBUILD is not allowed, a trigger cannot start a new stage, and MAINTAINER ' +
        'is deprecated. The build fails with "isn\'t allowed as an ONBUILD trigger".',
      bad: 'FROM node:22-slim\nONBUILD FROM node:22-slim\nONBUILD ONBUILD RUN npm ci\n',
      good: 'FROM node:22-slim\nONBUILD COPY package*.json ./\nONBUILD RUN npm ci\n',
      notes: 'The rest of the file is still linted (hadolint reports DL3043 and goes on; BuildKit stops at the first one).',
    },
  },
  create(context) {
    return {
      ONBUILD(node) {
        const trigger = node.trigger;
        if (!trigger || !FORBIDDEN.has(trigger.keyword)) return;
        context.report({
          range: trigger.keywordRange,
          message: `${trigger.keyword} at line ${node.range.start.line + 1} is not allowed as an ONBUILD trigger and fails the build; ${trigger.keyword === 'MAINTAINER' ? 'use LABEL instead' : 'remove it'}.`,
        });
      },
    };
  },
});
