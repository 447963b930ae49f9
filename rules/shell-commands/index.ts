import type { RuleModule } from '../../src/engine';

/** What RUN commands do: cd, sudo, pipes, wget/curl, useradd (hadolint DL3xxx/DL4xxx). */
export const shellCommandRules: readonly RuleModule[] = [];
