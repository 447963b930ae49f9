import type { SemanticModel, Stage } from '../src/model';

/** A state that can name its present version and go back to it later (PathIndex's journal). */
export interface Versions<S> {
  mark(state: S): number;
  rollback(state: S, to: number): void;
  forget(state: S): void;
}

/**
 * What a layer-tracking rule keeps per stage and hands down `FROM <stage>`. The last stage built FROM a stage takes
 * that stage's state as it is, since nothing reads it again. Copying for every heir made a chain of N stages, each
 * FROM the one before, cost O(N²) time and memory (1,000 stages: 15 s, 1.8 GB; 2,000 ran out of memory), because each
 * stage copied everything every stage above it had made.
 *
 * With `versions`, the other heirs do not copy either: they work on the base's state itself, and the next stage that
 * needs the base's state rolls back what they changed. Copying made N stages built FROM one stage of M files cost
 * O(N × M) (2,000 of each: 36 s). The states still wanted live as a stack of marks on one object; only a state wanted
 * later but lying above the one asked for (stage x FROM a, then y FROM a, then z FROM x) is copied, before the roll
 * back.
 */
export class StageInheritance<S> {
  /** Stages not yet entered that are built FROM each stage. */
  private readonly heirsLeft = new Map<Stage, number>();
  /** Where each stage's end state is: on a shared object at a mark, or (without `versions`) an object of its own. */
  private readonly endOf = new Map<Stage, S>();
  /** Per shared object, the stages whose end states it holds, by mark, lowest first. */
  private readonly stacks = new Map<S, Array<{ readonly stage: Stage; readonly mark: number }>>();

  constructor(
    model: SemanticModel,
    private readonly fresh: () => S,
    private readonly copy: (state: S) => S,
    private readonly versions?: Versions<S>,
  ) {
    for (const stage of model.stages) {
      const base = stage.base.stage;
      if (base) this.heirsLeft.set(base, (this.heirsLeft.get(base) ?? 0) + 1);
    }
  }

  /** The state `stage` starts with: its base stage's at that stage's end, or a fresh one. */
  enter(stage: Stage): S {
    const base = stage.base.stage;
    if (!base) return this.fresh();
    const left = (this.heirsLeft.get(base) ?? 1) - 1;
    this.heirsLeft.set(base, left);
    const inherited = this.endOf.get(base);
    if (inherited === undefined) return this.fresh();
    const versions = this.versions;
    if (!versions) {
      if (left > 0) return this.copy(inherited);
      this.endOf.delete(base);
      return inherited;
    }
    const stack = this.stacks.get(inherited)!;
    const at = stack.findIndex((entry) => entry.stage === base);
    // States above the base's that are still wanted get their own copy; the rest is rolled back.
    for (let i = stack.length - 1; i > at; i--) {
      const { stage: above, mark } = stack[i]!;
      versions.rollback(inherited, mark);
      const own = this.copy(inherited);
      this.endOf.set(above, own);
      this.stacks.set(own, [{ stage: above, mark: versions.mark(own) }]);
    }
    stack.length = at + 1;
    versions.rollback(inherited, stack[at]!.mark);
    if (left === 0) {
      stack.pop();
      this.endOf.delete(base);
      if (stack.length === 0) {
        versions.forget(inherited);
        this.stacks.delete(inherited);
      }
    }
    return inherited;
  }

  /** Keeps `state` for the stages built FROM `stage`, if any are still to come. */
  exit(stage: Stage, state: S): void {
    if ((this.heirsLeft.get(stage) ?? 0) === 0) return;
    this.endOf.set(stage, state);
    if (!this.versions) return;
    const stack = this.stacks.get(state) ?? [];
    stack.push({ stage, mark: this.versions.mark(state) });
    this.stacks.set(state, stack);
  }
}
