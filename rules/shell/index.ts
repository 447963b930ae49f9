import type { RuleModule } from '../../src/engine';
import bashFeaturesUnderSh from './bash-features-under-sh';
import declareSeparately from './declare-separately';
import preferDollarParen from './prefer-dollar-paren';
import quoteCommandSubstitutions from './quote-command-substitutions';
import quoteExpansions from './quote-expansions';

/** ShellCheck's checks of RUN scripts (SCxxxx), on dfopt's own shell parser. */
export const shellRules: readonly RuleModule[] = [quoteExpansions, quoteCommandSubstitutions, declareSeparately, preferDollarParen, bashFeaturesUnderSh];
