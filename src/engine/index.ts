export { defineRule } from './defineRule';
export { Suppressions } from './directives';
export { fixer, fixOrDeclined, lint, type LintOptions, type LintResult } from './linter';
export { BUILTIN_RULES, DOCS_BASE_URL, docsUrl, REPOSITORY_URL, RuleRegistry } from './registry';
export * from './ruleConfig';
export * from './types';
