import type { RuleModule } from '../../src/engine';
import quoteExpansions from './quote-expansions';

/** ShellCheck's checks of RUN scripts (SCxxxx), on dfopt's own shell parser. */
export const shellRules: readonly RuleModule[] = [quoteExpansions];
