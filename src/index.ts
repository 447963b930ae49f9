import { allRules } from '../rules';
import { type BuildContext, type LintConfig, lint as lintWith, type LintResult, RuleRegistry } from './engine';

export * from './engine';
export { buildSemanticModel } from './model';
export { parseDockerfile } from './parse';

let defaultRegistry: RuleRegistry | undefined;

/** The registry of every shipped rule (built once). */
export function createDefaultRegistry(): RuleRegistry {
  defaultRegistry ??= new RuleRegistry(allRules);
  return defaultRegistry;
}

/** Lints Dockerfile text with the shipped rules. */
export function lintText(text: string, config: LintConfig = {}, buildContext?: BuildContext): LintResult {
  return lintWith(text, { registry: createDefaultRegistry(), config, buildContext });
}
