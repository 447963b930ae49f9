import type { RuleModule } from './types';

/** Identity at runtime; gives rule modules their types and one recognisable shape. */
export function defineRule(rule: RuleModule): RuleModule {
  return rule;
}
