import { defineRule } from '../../src/engine';

/** BuildKit's reservedStageNames (frontend/dockerfile/dockerfile2llb/validations.go). */
const RESERVED = new Set(['context', 'scratch']);

export default defineRule({
  meta: {
    id: 'reserved-stage-name',
    aliases: ['ReservedStageName'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags stages named `scratch` or `context`, names BuildKit reserves.',
      rationale:
        '`scratch` already means the empty image and `context` the build context, so a stage with either name makes ' +
        '`FROM scratch` or `COPY --from=context` ambiguous: readers (and tools) cannot tell which one is meant.',
      bad: 'FROM alpine:3.20 AS scratch\nRUN echo hi\n',
      good: 'FROM alpine:3.20 AS builder\nRUN echo hi\n',
      notes: 'Same check as BuildKit\'s ReservedStageName; names are compared case-insensitively (`AS Scratch` too), as BuildKit lowercases them.',
    },
  },
  create(context) {
    return {
      'stage:enter'(stage) {
        if (stage.name === null || stage.nameRange === null) return;
        const lower = stage.name.toLowerCase();
        if (!RESERVED.has(lower)) return;
        context.report({
          range: stage.nameRange,
          message: `Stage name '${stage.name}' is reserved by BuildKit ('${lower}' already has a meaning); choose another name.`,
        });
      },
    };
  },
});
