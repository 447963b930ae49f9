import type { RuleContext } from '../../src/engine';
import type { Stage } from '../../src/model';
import type { InstructionNode } from '../../src/parse';

/** apt settings a RUN may have written to /etc/apt/apt.conf(.d) earlier in the stage (or its base stages). */
export interface AptSettings {
  readonly noRecommends: boolean;
  readonly assumeYes: boolean;
}

const NONE: AptSettings = { noRecommends: false, assumeYes: false };

// apt.conf syntax, as typically echoed into a file: APT::Install-Recommends "false"; (quotes possibly escaped).
const NO_RECOMMENDS = /APT::Install-Recommends\s+\\?["']?(0|false|no|off)\b/gi;
const ASSUME_YES = /APT::Get::Assume-?Yes\s+\\?["']?(1|true|yes|on)\b/gi;

interface Write {
  readonly offset: number;
  readonly setting: keyof AptSettings;
}

/** Shared, never added to: flatMap copies what writesIn returns. */
const NO_WRITES: Write[] = [];

function writesIn(run: InstructionNode): Write[] {
  // Nearly every RUN writes no apt setting: no lists or closures for it.
  if (!run.argsText.text.includes('APT::') && !run.heredocs.some((h) => h.content.includes('APT::'))) return NO_WRITES;
  const writes: Write[] = [];
  const texts: Array<{ text: string; offsets: (i: number) => number }> = [];
  const line = run.argsText;
  texts.push({ text: line.text, offsets: (i) => line.sourceOffset(i) ?? run.range.start.offset });
  for (const heredoc of run.heredocs) {
    const base = heredoc.contentRange?.start.offset ?? heredoc.range.end.offset;
    texts.push({ text: heredoc.content, offsets: (i) => base + i });
  }
  for (const { text, offsets } of texts) {
    if (!text.includes('APT::')) continue;
    for (const m of text.matchAll(NO_RECOMMENDS)) writes.push({ offset: offsets(m.index ?? 0), setting: 'noRecommends' });
    for (const m of text.matchAll(ASSUME_YES)) writes.push({ offset: offsets(m.index ?? 0), setting: 'assumeYes' });
  }
  return writes;
}

/**
 * Tracks apt configuration written by RUNs (`echo 'APT::Install-Recommends "false";' > /etc/apt/apt.conf.d/…`):
 * it applies to apt-get commands after it in the same RUN, later RUNs of the stage and stages built FROM it.
 * Each RUN's text is scanned once.
 */
export function aptSettingsTracker(context: RuleContext): { settingsAt(run: InstructionNode, offset: number): AptSettings } {
  // Made at the first apt command asked about (most files have none that matters to the rule asking).
  let perStage: Map<Stage, Write[]> | null = null;
  const stageWrites = (stage: Stage): Write[] => {
    perStage ??= new Map();
    let writes = perStage.get(stage);
    if (!writes) {
      writes = stage.instructions.filter((i) => i.keyword === 'RUN').flatMap(writesIn);
      perStage.set(stage, writes);
    }
    return writes;
  };
  return {
    settingsAt(run, offset) {
      const stage = context.model.stageOf(run);
      if (!stage) return NONE;
      let noRecommends = false;
      let assumeYes = false;
      // Asked for every apt command: the set of stages walked is made only when there is a base stage to walk to.
      let seen: Set<Stage> | null = null;
      for (let s: Stage | null = stage; s; s = s.base.stage) {
        if (s !== stage) {
          seen ??= new Set([stage]);
          if (seen.has(s)) break;
          seen.add(s);
        }
        for (const w of stageWrites(s)) {
          if (s === stage && w.offset >= offset) continue;
          if (w.setting === 'noRecommends') noRecommends = true;
          else assumeYes = true;
        }
      }
      return noRecommends || assumeYes ? { noRecommends, assumeYes } : NONE;
    },
  };
}
