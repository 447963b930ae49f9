import { defineRule } from '../../src/engine';
import type { InstructionNode } from '../../src/parse';
import { lineOf } from './support';

const HADOLINT_CODE = { CMD: 'DL4003', ENTRYPOINT: 'DL4004', HEALTHCHECK: 'DL3012' } as const;
type Once = keyof typeof HADOLINT_CODE;
const isOnce = (keyword: string): keyword is Once => keyword in HADOLINT_CODE;

export default defineRule({
  meta: {
    id: 'single-cmd-entrypoint-healthcheck',
    aliases: ['DL4003', 'DL4004', 'DL3012', 'MultipleInstructionsDisallowed'],
    // One pair, one finding by default: the one on the instruction to remove.
    repeatedAliases: ['DL4003', 'DL4004', 'DL3012'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags a second `CMD`, `ENTRYPOINT` or `HEALTHCHECK` in the same stage.',
      rationale:
        'An image has one command, one entrypoint and one health check: each of these instructions replaces the previous ' +
        'one, so all but the last in a stage are dead code that a reader may take for the real thing.',
      bad: 'FROM python:3.12-slim\nCMD ["python", "-m", "http.server"]\nCMD ["gunicorn", "app:app"]\n',
      good:
        'FROM python:3.12-slim AS base\nCMD ["python", "-m", "http.server"]\n' +
        'FROM base\nHEALTHCHECK CMD ["curl", "-f", "http://localhost:8000/"]\nCMD ["gunicorn", "app:app"]\n',
      notes:
        'Counted per stage: a stage built FROM another may set its own CMD, and `ONBUILD CMD` and the CMD of a ' +
        'HEALTHCHECK do not count. Each later instruction is reported, naming the earlier one it overrides, as hadolint does ' +
        '(DL4003 for CMD, DL4004 for ENTRYPOINT, DL3012 for HEALTHCHECK), and each earlier one that has no effect as ' +
        'BuildKit\'s MultipleInstructionsDisallowed, on that instruction as BuildKit places it. The default presets ' +
        '(`recommended`, `strict`) give one finding per pair, MultipleInstructionsDisallowed on the instruction to remove; ' +
        '`extends: hadolint` gives hadolint\'s codes alone, and `extends: all` both. For hadolint\'s placement under the ' +
        'default preset, set `MultipleInstructionsDisallowed: off`, `DL4003: warning`, `DL4004: warning` and `DL3012: warning`. Severity is warning for all three (hadolint uses error for ' +
        'ENTRYPOINT and HEALTHCHECK, BuildKit warning): the image builds and runs, only the earlier instructions have no ' +
        'effect. Set `DL4004: error` in `rules` to get hadolint\'s level back for one kind.',
    },
  },
  create(context) {
    return {
      'stage:exit'(stage) {
        const seen = new Map<Once, InstructionNode>();
        for (const node of stage.instructions) {
          const keyword = node.keyword;
          if (!isOnce(keyword)) continue;
          const previous = seen.get(keyword);
          seen.set(keyword, node);
          if (!previous) continue;
          // hadolint and BuildKit name the same pair from opposite ends, so each code is its own finding, where
          // its tool puts it: a config or `# check=skip` that turns one off leaves the other.
          context.report({
            range: node.keywordRange,
            code: HADOLINT_CODE[keyword],
            message: `${keyword} at line ${lineOf(node)} overrides the ${keyword} at line ${lineOf(previous)} in the same stage, so only the last one takes effect; keep one ${keyword}.`,
            related: [{ range: previous.range, message: `the ${keyword} it overrides` }],
          });
          context.report({
            range: previous.keywordRange,
            code: 'MultipleInstructionsDisallowed',
            message: `${keyword} at line ${lineOf(previous)} has no effect because the ${keyword} at line ${lineOf(node)} in the same stage replaces it; remove this one.`,
            related: [{ range: node.range, message: `the ${keyword} that replaces it` }],
          });
        }
      },
    };
  },
});
