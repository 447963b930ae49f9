import { defineRule } from '../../src/engine';

/** A rule that fires on every RUN, so that what suppresses a finding (or fails to) is easy to observe. */
export const everyRun = defineRule({
  meta: {
    id: 'every-run',
    aliases: ['DL9001', 'EveryRun'],
    category: 'style',
    severity: 'warning',
    fix: 'none',
    docs: { summary: 's', rationale: 'r', bad: 'b', good: 'g' },
  },
  create: (ctx) => ({ RUN: (node) => ctx.report({ node, message: 'run' }) }),
});
