import type { RuleModule } from '../../src/engine';

/** Instruction-level checks: WORKDIR, EXPOSE, COPY, CMD/ENTRYPOINT, stages, registries (hadolint). */
export const instructionRules: readonly RuleModule[] = [];
