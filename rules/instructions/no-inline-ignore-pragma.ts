import { defineRule } from '../../src/engine';

const HADOLINT_IGNORE = /^hadolint\s+ignore\s*=/;
const DFOPT_INLINE = /^dfopt-disable(-next-line)?\b/;

export default defineRule({
  meta: {
    id: 'no-inline-ignore-pragma',
    aliases: ['DL1001'],
    category: 'maintainability',
    severity: 'info',
    fix: 'none',
    recommended: false,
    docs: {
      summary: 'Flags inline suppression comments: `# hadolint ignore=…`, `# dfopt-disable-next-line …` and `# dfopt-disable …`.',
      rationale:
        'Inline suppressions scatter policy across Dockerfiles where nobody reviews it: a finding silenced on one line is easy ' +
        'to copy along with the line. Teams that want every exception to be visible keep them in the configuration file ' +
        '(`rules:` levels, `ignore` globs) instead, and turn this rule on.',
      bad: 'FROM debian:12.5\n# hadolint ignore=DL3003\nRUN cd /tmp && make\n',
      good: 'FROM debian:12.5\n# Build in a scratch directory.\nWORKDIR /tmp\nRUN make\n',
      notes:
        'Off by default, as hadolint\'s DL1001 (severity "ignore"); turn it on with `rules: { no-inline-ignore-pragma: info }` ' +
        'or hadolint\'s `override`. File-wide suppressions (`# hadolint global ignore=…`, `# dfopt-disable-file`, BuildKit\'s ' +
        '`# check=skip=…`) and `# hadolint shell=…` are not flagged: they sit at the top of the file where reviewers see them. ' +
        'Besides hadolint\'s pragma, dfopt\'s own inline directives are flagged too (reported as DL1001 as well).',
    },
  },
  create(context) {
    return {
      'dockerfile:exit'() {
        for (const comment of context.ast.comments) {
          const text = comment.content.trim();
          const kind = HADOLINT_IGNORE.test(text) ? 'hadolint ignore' : DFOPT_INLINE.exec(text)?.[0];
          if (!kind) continue;
          const line = comment.range.start.line;
          context.report({
            range: comment.range,
            message: `Inline \`# ${kind}\` pragma at line ${line + 1} silences findings where nobody reviews it; fix the finding or configure the rule in the config file.`,
          });
        }
      },
    };
  },
});
