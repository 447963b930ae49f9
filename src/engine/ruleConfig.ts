import type { RuleRegistry } from './registry';
import type { FinalBaseChoice, Level, RuleMeta } from './types';

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
  /** The optimizer's settings (use-multi-stage's fix). */
  readonly optimize?: { readonly finalBase?: FinalBaseChoice; readonly stripBinaries?: boolean };
  /** hadolint's `disable-ignore-pragma`: ignore `# hadolint ignore=` comments. */
  readonly disableIgnorePragma?: boolean;
  /** Required labels and the format of their values (hadolint's `label-schema`): text, url, email, semver, … */
  readonly labelSchema?: Readonly<Record<string, string>>;
  /** hadolint's `strict-labels`: labels not in `labelSchema` are reported. */
  readonly strictLabels?: boolean;
  /** Bytes: findings whose size estimate is below this are dropped (findings without an estimate are kept). */
  readonly minSavings?: number;
}

export interface ActiveRule {
  /** Level of the rule's findings, unless `codeLevels` says otherwise for a finding's code. */
  readonly level: Level;
  readonly options: Readonly<Record<string, unknown>>;
  /**
   * Levels set through one alias of a rule that has several (`DL3007: off` keeps pin-base-image's DL3006 findings),
   * keyed by the alias as the rule spells it.
   */
  readonly codeLevels: ReadonlyMap<string, Level>;
}

/**
 * The level a finding gets, `off` meaning dropped: the level set for one of its codes (the last set wins), else
 * the rule's.
 */
export function levelFor(rule: ActiveRule, codes: readonly string[]): Level {
  let level = rule.level;
  for (const [code, l] of rule.codeLevels) if (codes.includes(code)) level = l;
  return level;
}

/**
 * Which rules run and at what level: the preset (`recommended` by default), then `rules` entries on top.
 * `strict` is every rule with warnings raised to errors. A rule is in the map when any of its findings can be on.
 */
export function resolveActiveRules(config: LintConfig, registry: RuleRegistry): Map<string, ActiveRule> {
  const preset = config.extends ?? 'recommended';
  const active = new Map<string, ActiveRule>();
  for (const rule of registry.rules) {
    const { id, severity, recommended = true } = rule.meta;
    if (preset === 'recommended' && !recommended) continue;
    active.set(id, {
      level: preset === 'strict' && severity === 'warning' ? 'error' : severity,
      options: defaultOptions(rule.meta),
      codeLevels: new Map(),
    });
  }
  for (const [key, entry] of Object.entries(config.rules ?? {})) {
    const rule = registry.get(key);
    if (!rule) continue; // validated at load time; the engine stays lenient
    const [level, options] = typeof entry === 'string' ? [entry, {}] : entry;
    const previous = active.get(rule.meta.id) ?? { level: 'off' as Level, options: defaultOptions(rule.meta), codeLevels: new Map<string, Level>() };
    const code = registry.codeOf(rule, key);
    const next: ActiveRule = code
      ? { ...previous, codeLevels: new Map([...previous.codeLevels, [code, level]]) }
      : { level, options: { ...previous.options, ...options }, codeLevels: previous.codeLevels };
    if (next.level === 'off' && ![...next.codeLevels.values()].some((l) => l !== 'off')) active.delete(rule.meta.id);
    else active.set(rule.meta.id, next);
  }
  return active;
}

const defaultOptions = (meta: RuleMeta): Record<string, unknown> =>
  Object.fromEntries(Object.entries(meta.options ?? {}).map(([k, o]) => [k, o.default]));
