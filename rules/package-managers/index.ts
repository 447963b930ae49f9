import type { RuleModule } from '../../src/engine';

/** Package managers: version pins, non-interactive flags, upgrades (hadolint DL30xx). */
export const packageManagerRules: readonly RuleModule[] = [];
