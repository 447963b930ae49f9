/**
 * What a multi-stage rewrite promises, checkable on text alone: the corpus test, `npm run corpus:fix` and the lab
 * harness hold every rewrite to it.
 */
import { buildSemanticModel, finalImageStages } from '../model';
import { type InstructionNode, parseDockerfile } from '../parse';

const runs = (instructions: readonly InstructionNode[]): number => instructions.filter((i) => i.keyword === 'RUN').length;

/** RUN instructions in the stages whose layers make up the final image. */
export function finalImageRunCount(text: string): number {
  return finalImageStages(buildSemanticModel(parseDockerfile(text))).reduce((n, stage) => n + runs(stage.instructions), 0);
}

const RUNTIME = ['CMD', 'ENTRYPOINT', 'EXPOSE', 'USER', 'ENV', 'LABEL', 'HEALTHCHECK', 'STOPSIGNAL', 'VOLUME'] as const;

/** Null when `after` keeps the promise: more stages, a final stage with FROM and COPY --from, and the original's runtime instructions. */
export function multiStageProblem(before: string, after: string): string | null {
  const stageOf = (text: string) => {
    const instructions = parseDockerfile(text).instructions;
    const from = instructions.map((i) => i.keyword).lastIndexOf('FROM');
    return { count: instructions.filter((i) => i.keyword === 'FROM').length, final: instructions.slice(from) };
  };
  const [old, fixed] = [stageOf(before), stageOf(after)];
  if (fixed.count <= old.count) return `still ${fixed.count} stage(s)`;
  if (fixed.final[0]?.keyword !== 'FROM') return 'the final stage has no FROM';
  if (!fixed.final.some((i) => i.keyword === 'COPY' && i.flag('from'))) return 'the final stage has no COPY --from';
  const lost = RUNTIME.filter((k) => old.final.some((i) => i.keyword === k) && !fixed.final.some((i) => i.keyword === k));
  return lost.length ? `the final stage lost ${lost.join(', ')}` : null;
}
