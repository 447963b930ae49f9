/**
 * dfopt's library API: `import { lint, fix, loadConfig, rules, formatters } from 'dfopt'`.
 * Importing it does nothing but define these; `lint`, `fix` and the formatters are pure (no file system unless a
 * build-context directory is given, no process unless the config asks for `shellcheck`), `loadConfig` reads config
 * files. The CLI is built on the same functions.
 */
import { statSync } from 'node:fs';
import { allRules } from '../rules';
import { directoryBuildContext } from './cli/buildContext';
import { ConfigError, type DfoptConfig, findConfigFile, loadConfigFile, validateConfig } from './config';
import { BUILTIN_RULES, type BuildContext, lint as lintWith, type LintResult, type RuleMeta, RuleRegistry } from './engine';
import { type FixResult, fixText } from './fix';
import { REPORTERS } from './report';
import { shellcheckRunner } from './shellcheck';

export { ConfigError, ConfigResolver, type DfoptConfig, type FailureThreshold } from './config';
export {
  type BuildContext,
  defineRule,
  docsUrl,
  type Finding,
  type FindingFix,
  type LintConfig,
  type LintResult,
  type RuleMeta,
  type RuleModule,
  RuleRegistry,
  type Severity,
  type TextEdit,
} from './engine';
export type { FixResult } from './fix';
export { buildSemanticModel } from './model';
export { parseDockerfile } from './parse';
export { ShellCheckError } from './shellcheck';
export { type FileResult, FORMAT_NAMES, type FormatName, type Reporter, type ReportOptions } from './report';

let defaultRegistry: RuleRegistry | undefined;

/** The registry of every shipped rule (built on first use). */
export function createDefaultRegistry(): RuleRegistry {
  defaultRegistry ??= new RuleRegistry(allRules);
  return defaultRegistry;
}

/** Metadata of every shipped rule: id, aliases (DLxxxx, BuildKit names), category, severity, fix safety, docs. */
export const rules: readonly RuleMeta[] = [...BUILTIN_RULES, ...allRules].map((rule) => rule.meta);

/** Output formats by name (`stylish`, `json`, …): `formatters.json([{ file, findings }], { color: false })`. */
export const formatters = REPORTERS;

export interface LintTextOptions {
  /**
   * A config as `loadConfig` returns it, or an object written like `.dfopt.yaml` (`{ rules: { DL3008: 'off' } }`),
   * which is validated: an unknown key, rule or level throws a `ConfigError`. Default: the `recommended` preset.
   */
  readonly config?: DfoptConfig;
  /**
   * The build context, for rules that read it (`.dockerignore`, what `COPY .` brings): a directory path, read on
   * demand and never written, or your own read-only `BuildContext`. Without one those rules stay silent.
   */
  readonly buildContext?: string | BuildContext;
  /** Where the Dockerfile lives, so a context directory can find `<Dockerfile>.dockerignore` beside it. */
  readonly filePath?: string;
  /** Rules to run instead of the shipped ones (tests, plugins). */
  readonly registry?: RuleRegistry;
}

export interface FixTextOptions extends LintTextOptions {
  /** Also apply fixes that may change what the image contains or runs (as `dfopt fix --unsafe`). */
  readonly unsafe?: boolean;
  /** Only fixes of these rules (ids or aliases). */
  readonly only?: readonly string[];
}

/** Configs `loadConfig` produced: already validated, and carrying where they came from. */
const loadedConfigs = new WeakSet<DfoptConfig>();

/**
 * The config of a call that gives none: one object for every such call, so the engine's per-config cache of which
 * rules run at what level (resolveActiveRules) is hit, rather than resolved again for a fresh `{}` on each call.
 */
const DEFAULT_CONFIG: DfoptConfig = {};

function resolveOptions(options: LintTextOptions) {
  const registry = options.registry ?? createDefaultRegistry();
  const raw = options.config;
  const config = raw === undefined || loadedConfigs.has(raw) ? (raw ?? DEFAULT_CONFIG) : validateConfig(raw, 'config', registry, undefined, 'api');
  const buildContext =
    typeof options.buildContext === 'string' ? directoryBuildContext(options.buildContext, options.filePath) : options.buildContext;
  return { registry, config, buildContext, shellcheck: shellcheckRunner(config.shellcheck, config.baseDir) ?? undefined };
}

/** Lints Dockerfile text. Findings are sorted by position; `ast` is null when the text does not parse. */
export function lint(text: string, options: LintTextOptions = {}): LintResult {
  return lintWith(text, resolveOptions(options));
}

/**
 * Fixes Dockerfile text as `dfopt fix` does (safe fixes, or `unsafe: true` for all), returning the new text; writes
 * nothing. `result.files` holds the build-context files the fixes would write (`.dockerignore`).
 */
export function fix(text: string, options: FixTextOptions = {}): FixResult {
  const resolved = resolveOptions(options);
  const only = options.only?.map((id) => {
    const rule = resolved.registry.get(id);
    if (!rule) throw new ConfigError('only', id, `unknown rule '${id}'`);
    return rule.meta.id;
  });
  return fixText(text, { ...resolved, unsafe: options.unsafe, only: only && new Set(only) });
}

/**
 * Loads a config file (`.dfopt.yaml`, a `package.json` with a `dfopt` key, or `.hadolint.yaml`), or, given a
 * directory, the config that governs it, found as the CLI finds it (walking up); `{}` when there is none.
 * Throws `ConfigError` (with file and line) on a malformed or invalid config.
 */
export function loadConfig(path: string, options: { readonly registry?: RuleRegistry } = {}): DfoptConfig {
  const registry = options.registry ?? createDefaultRegistry();
  let file: string | null = path;
  if (isDirectory(path)) file = findConfigFile(path);
  const config = file === null ? {} : loadConfigFile(file, registry);
  loadedConfigs.add(config);
  return config;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Lints Dockerfile text with the shipped rules (kept for existing callers; `lint` is the same with more options). */
export function lintText(text: string, config: DfoptConfig = DEFAULT_CONFIG, buildContext?: BuildContext): LintResult {
  return lintWith(text, { registry: createDefaultRegistry(), config, buildContext, shellcheck: shellcheckRunner(config.shellcheck, config.baseDir) ?? undefined });
}
