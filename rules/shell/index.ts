import type { RuleModule } from '../../src/engine';
import andOrNotIfElse from './and-or-not-if-else';
import bashFeaturesUnderSh from './bash-features-under-sh';
import cdOrExit from './cd-or-exit';
import declareSeparately from './declare-separately';
import echoEscapeSequences from './echo-escape-sequences';
import expansionInSingleQuotes from './expansion-in-single-quotes';
import findWithoutPath from './find-without-path';
import findXargsNull from './find-xargs-null';
import globAsOption from './glob-as-option';
import mkdirParentsMode from './mkdir-parents-mode';
import noEgrepFgrep from './no-egrep-fgrep';
import preferDollarParen from './prefer-dollar-paren';
import printfVariableFormat from './printf-variable-format';
import quoteCommandSubstitutions from './quote-command-substitutions';
import quoteExpansions from './quote-expansions';
import readWithoutR from './read-without-r';
import redirectWithoutCommand from './redirect-without-command';
import rmVariablePath from './rm-variable-path';
import { shellcheckRule } from './shellcheck';
import singleItemLoop from './single-item-loop';
import uselessCat from './useless-cat';
import uselessEcho from './useless-echo';

/** ShellCheck's checks of RUN scripts (SCxxxx), on dfopt's own shell parser. */
const nativeRules: readonly RuleModule[] = [
  quoteExpansions,
  quoteCommandSubstitutions,
  declareSeparately,
  expansionInSingleQuotes,
  echoEscapeSequences,
  findXargsNull,
  andOrNotIfElse,
  globAsOption,
  singleItemLoop,
  cdOrExit,
  uselessEcho,
  readWithoutR,
  rmVariablePath,
  mkdirParentsMode,
  printfVariableFormat,
  uselessCat,
  noEgrepFgrep,
  findWithoutPath,
  redirectWithoutCommand,
  preferDollarParen,
  bashFeaturesUnderSh,
];

/** The native checks, and the relay of the real ShellCheck (on request) for every other SC code. */
export const shellRules: readonly RuleModule[] = [
  ...nativeRules,
  shellcheckRule(new Set(nativeRules.flatMap((rule) => rule.meta.aliases.filter((alias) => alias.startsWith('SC'))))),
];
