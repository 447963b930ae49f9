import { defineRule } from '../../src/engine';
import type { Stage } from '../../src/model';
import type { InstructionNode } from '../../src/parse';
import { isPosixShell } from '../../src/shell';
import { flagKey, isChainable } from '../chain-run';

/** overlayfs stacks at most this many lower layers for one container (Docker's and containers/storage's limit). */
export const OVERLAY_LAYER_LIMIT = 127;
const DEFAULT_MAX_LAYERS = 40;

/** Instructions that commit a filesystem layer in both builders. */
const LAYER_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

const layersOf = (stage: Stage): number => stage.instructions.filter((i) => LAYER_KEYWORDS.has(i.keyword)).length;

/** The stage and the stages it is built FROM, base first. */
/**
 * Each stage's layers plus those of the stages it is built FROM, every total computed once from its parent's: walking
 * the whole chain per stage made a file of N chained stages cost N² (fuzzing found 4,000 stages taking 22 s).
 */
function chainTotals(stages: readonly Stage[]): Map<Stage, number> {
  const totals = new Map<Stage, number>();
  for (const start of stages) {
    const path: Stage[] = [];
    const onPath = new Set<Stage>();
    let s: Stage | null = start;
    for (; s && !totals.has(s) && !onPath.has(s); s = s.base.stage) {
      path.push(s);
      onPath.add(s);
    }
    let total = s ? (totals.get(s) ?? 0) : 0;
    for (let i = path.length - 1; i >= 0; i--) {
      total += layersOf(path[i]!);
      totals.set(path[i]!, total);
    }
  }
  return totals;
}

/** How many RUNs chain-run would fold into the RUN before them: one per finding it reports in the stage. */
function chainRunMerges(stage: Stage, shellOf: (run: InstructionNode) => readonly string[]): number {
  let merges = 0;
  let previous: InstructionNode | null = null;
  for (const inst of stage.instructions) {
    if (inst.keyword !== 'RUN') {
      previous = null;
      continue;
    }
    const chainable = isChainable(inst, isPosixShell(shellOf(inst)));
    if (chainable && previous && flagKey(previous) === flagKey(inst)) merges++;
    previous = chainable ? inst : null;
  }
  return merges;
}

/** The final stage and the stages it is built FROM: the only ones whose layers are shipped in the image. */
function shippedStages(stages: readonly Stage[]): Set<Stage> {
  const shipped = new Set<Stage>();
  for (let s: Stage | null = stages.find((x) => x.isFinal) ?? null; s && !shipped.has(s); s = s.base.stage) shipped.add(s);
  return shipped;
}

const stageLabel = (stage: Stage): string => (stage.name ? `Stage \`${stage.name}\`` : `Stage ${stage.index + 1}`);

export default defineRule({
  meta: {
    id: 'layer-count',
    aliases: [],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    options: {
      maxLayers: {
        type: 'number',
        description: 'Most filesystem layers (RUN, COPY, ADD) one stage may add before it is reported; a positive integer.',
        default: DEFAULT_MAX_LAYERS,
      },
    },
    docs: {
      summary: 'Flags a stage that adds more filesystem layers than `maxLayers` (default 40), and an image that exceeds the 127 layers overlayfs can stack.',
      rationale:
        'Every RUN, COPY and ADD commits a layer. Each one is stored, pushed and pulled as its own blob, makes ' +
        'copy-on-write lookups walk one more directory, and keeps whatever a later instruction deletes. Past ' +
        `${OVERLAY_LAYER_LIMIT} layers (the base image's included) the overlay storage driver cannot mount the image ` +
        'any more and the build or `docker run` fails with "max depth exceeded".',
      bad:
        'FROM debian:12.5\n' +
        Array.from({ length: 41 }, (_, i) => `RUN echo step${i + 1} >> /steps`).join('\n') +
        '\n',
      good: 'FROM debian:12.5\nRUN for i in $(seq 1 41); do echo "step$i" >> /steps; done\n',
      notes:
        'Counts RUN, COPY and ADD of each stage (ONBUILD triggers are not counted: they run in a child image). ' +
        'WORKDIR is not counted: it makes a layer only when its directory does not exist yet (the classic builder ' +
        'commits one, BuildKit a small mkdir layer), which the file does not tell; metadata instructions (ENV, LABEL, ' +
        'USER, CMD, …) make no layer. Every shipped stage (the final one and the stages it is built FROM) over ' +
        '`maxLayers` is reported on its FROM with its count and how ' +
        'many of its RUNs chain-run would merge into the RUN before them (`dfopt fix` applies that fix; it merges ' +
        'one-command RUNs with the same flags and nothing in between). The 127 limit is checked on the stage chain ' +
        'of every stage, builder stages included (their build fails too): its own layers plus those of the stages it is built FROM. The base image\'s own layers are ' +
        'unknown to a linter and are not counted, so the real total is higher; the message says so. Findings come ' +
        'at the rule\'s level (warning by default; a finding over the limit says the build fails). No fix of its ' +
        'own: chain-run has it.',
    },
  },
  create(context) {
    const option = context.options.maxLayers;
    const maxLayers = typeof option === 'number' && Number.isInteger(option) && option > 0 ? option : DEFAULT_MAX_LAYERS;
    const shellOf = (run: InstructionNode): readonly string[] => context.stateBefore(run).shell;
    return {
      'dockerfile:exit'(model) {
        const totals = chainTotals(model.stages);
        const shipped = shippedStages(model.stages);
        for (const stage of model.stages) {
          const own = layersOf(stage);
          const total = totals.get(stage) ?? own;
          const merges = chainRunMerges(stage, shellOf);
          const label = stage.isFinal ? `Final stage${stage.name ? ` \`${stage.name}\`` : ''}` : stageLabel(stage);
          const hint =
            merges > 0
              ? `\`dfopt fix\` (chain-run) would merge up to ${merges} of its RUNs into the RUN before them`
              : 'chain RUNs with `&&` and copy whole directories instead of single files';
          if (total > OVERLAY_LAYER_LIMIT) {
            const parts = stage.base.stage && stage.base.stage !== stage ? ` (its own ${own} plus ${total - own} from the stages it is built FROM)` : '';
            context.report({
              range: stage.from.keywordRange,
              message:
                `${label} stacks ${total} filesystem layers from this file${parts}, more than the ${OVERLAY_LAYER_LIMIT} ` +
                `overlayfs can mount, before counting the base image's own layers: the build fails; ${hint}.`,
              severity: 'error',
            });
          } else if (own > maxLayers && shipped.has(stage)) {
            // A builder stage's layers are never pulled or mounted by users of the image: only its build cache pays.
            context.report({
              range: stage.from.keywordRange,
              message: `${label} adds ${own} filesystem layers (RUN, COPY, ADD), more than maxLayers (${maxLayers}); ${hint}.`,
            });
          }
        }
      },
    };
  },
});
