import type { RuleRegistry } from './registry';
import type { Level, RuleMeta, Severity } from './types';

export type Preset = 'recommended' | 'strict' | 'all';
export const PRESETS: readonly Preset[] = ['recommended', 'strict', 'all'];

/** A rule entry as users write it: a level, or `[level, options]`. */
export type RuleEntry = Level | readonly [Level, Readonly<Record<string, unknown>>];

/** The validated, file-system-free part of a config that the engine needs. */
export interface LintConfig {
  readonly extends?: Preset;
  /** Keys are rule ids or aliases. */
  readonly rules?: Readonly<Record<string, RuleEntry>>;
  readonly trustedRegistries?: readonly string[];
  readonly imagePins?: Readonly<Record<string, string>>;
  /** hadolint's `disable-ignore-pragma`: ignore `# hadolint ignore=` comments. */
  readonly disableIgnorePragma?: boolean;
}

export interface ActiveRule {
  readonly severity: Severity;
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * Which rules run and at what severity: the preset (`recommended` by default), then `rules` entries on top.
 * `strict` is every rule with warnings raised to errors.
 */
export function resolveActiveRules(config: LintConfig, registry: RuleRegistry): Map<string, ActiveRule> {
  const preset = config.extends ?? 'recommended';
  const active = new Map<string, ActiveRule>();
  for (const rule of registry.rules) {
    const { id, severity, recommended = true } = rule.meta;
    if (preset === 'recommended' && !recommended) continue;
    active.set(id, { severity: preset === 'strict' && severity === 'warning' ? 'error' : severity, options: defaultOptions(rule.meta) });
  }
  for (const [key, entry] of Object.entries(config.rules ?? {})) {
    const rule = registry.get(key);
    if (!rule) continue; // validated at load time; the engine stays lenient
    const [level, options] = typeof entry === 'string' ? [entry, {}] : entry;
    if (level === 'off') {
      active.delete(rule.meta.id);
      continue;
    }
    const previous = active.get(rule.meta.id);
    active.set(rule.meta.id, { severity: level, options: { ...(previous?.options ?? defaultOptions(rule.meta)), ...options } });
  }
  return active;
}

const defaultOptions = (meta: RuleMeta): Record<string, unknown> =>
  Object.fromEntries(Object.entries(meta.options ?? {}).map(([k, o]) => [k, o.default]));
