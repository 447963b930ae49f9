import { defineRule } from '../../src/engine';
import type { Range } from '../../src/parse/source';
import { commandUses } from '../../src/shell/commandQueries';
import { onlyPrintsInfo } from './downloadTool';
import { runListeners } from './runListeners';

type Tool = 'curl' | 'wget';

export default defineRule({
  meta: {
    id: 'single-download-tool',
    aliases: ['DL4001'],
    category: 'size',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags a stage that downloads with both curl and wget: pick one.',
      rationale:
        'curl and wget do the same job here. Using both means both (and their libraries) have to be installed and ' +
        'kept patched in the image, and readers have to know two sets of flags for retries, redirects and failure ' +
        'handling.',
      bad: 'FROM debian:12\nRUN curl -fsSLO https://example.com/a.tar.gz\nRUN wget -q https://example.com/b.tar.gz\n',
      good: 'FROM debian:12\nRUN curl -fsSLO https://example.com/a.tar.gz\nRUN curl -fsSLO https://example.com/b.tar.gz\n',
      notes:
        'Scope is one stage, as in hadolint: each RUN that uses curl or wget once both have been seen in the stage ' +
        'is flagged, on its first curl/wget command. ONBUILD RUNs are counted separately from the stage\'s own RUNs, ' +
        'since they run in another build. Installing the packages (`apt-get install curl wget`) is not a use.',
    },
  },
  create(context) {
    const seen = { run: new Map<Tool, number>(), onbuild: new Map<Tool, number>() };
    return {
      'stage:enter'() {
        seen.run = new Map();
        seen.onbuild = new Map();
      },
      ...runListeners(
        context,
        (run) => {
          const tools = run === context.ast.instructions[run.index] ? seen.run : seen.onbuild;
          let first: { tool: Tool; range: Range } | null = null;
          for (const use of commandUses(run)) {
            if (use.name !== 'curl' && use.name !== 'wget') continue;
            if (onlyPrintsInfo(use)) continue;
            const range = context.ast.source.range(use.sourceStart, use.sourceEnd);
            first ??= { tool: use.name, range };
            if (!tools.has(use.name)) tools.set(use.name, range.start.line);
          }
          if (!first || tools.size < 2) return;
          const other: Tool = first.tool === 'curl' ? 'wget' : 'curl';
          const otherLine = tools.get(other)!;
          context.report({
            range: first.range,
            message: `${first.tool} at line ${first.range.start.line + 1} while this stage also uses ${other} (line ${otherLine + 1}); use one download tool.`,
          });
        },
        { onbuild: true },
      ),
    };
  },
});
