import type { RuleModule } from '../../src/engine';

/** Docker BuildKit build checks that hadolint does not cover. */
export const buildkitCheckRules: readonly RuleModule[] = [];
