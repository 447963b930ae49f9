import type { RuleModule } from '../../src/engine';

/** LABEL schema checks (hadolint DL3048-DL3058, configured through labelSchema). */
export const labelRules: readonly RuleModule[] = [];
