export { planMultiStage, type MultiStageInput, type MultiStagePlan } from './multiStage';
export { baseFamily, type BaseFamily } from './bases';
export type { Recipe, RecipeInput, RecipeResult } from './types';
export { finalImageRunCount, multiStageProblem } from './invariants';
export { distroProgram, type DistroProgram } from './recipes/package';
