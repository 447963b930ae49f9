import type { RuleModule } from '../../src/engine';
import andOrNotIfElse from './and-or-not-if-else';
import bashFeaturesUnderSh from './bash-features-under-sh';
import declareSeparately from './declare-separately';
import echoEscapeSequences from './echo-escape-sequences';
import expansionInSingleQuotes from './expansion-in-single-quotes';
import findXargsNull from './find-xargs-null';
import preferDollarParen from './prefer-dollar-paren';
import quoteCommandSubstitutions from './quote-command-substitutions';
import quoteExpansions from './quote-expansions';

/** ShellCheck's checks of RUN scripts (SCxxxx), on dfopt's own shell parser. */
export const shellRules: readonly RuleModule[] = [
  quoteExpansions,
  quoteCommandSubstitutions,
  declareSeparately,
  expansionInSingleQuotes,
  echoEscapeSequences,
  findXargsNull,
  andOrNotIfElse,
  preferDollarParen,
  bashFeaturesUnderSh,
];
