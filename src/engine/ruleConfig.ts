import { hadolintLevel, isHadolintCode } from './hadolintLevels';
import type { RuleRegistry } from './registry';
import type { FinalBaseChoice, Level, RuleMeta } from './types';

/**
 * `hadolint`: hadolint 2.12's defaults exactly, for projects coming with a `.hadolint.yaml` (the rules that have a
 * DL or SC code, each finding at the level hadolint gives its code; nothing else).
 */
export type Preset = 'recommended' | 'strict' | 'all' | 'hadolint';
export const PRESETS: readonly Preset[] = ['recommended', 'strict', 'all', 'hadolint'];

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
  readonly optimize?: { readonly finalBase?: FinalBaseChoice; readonly stripBinaries?: boolean | null };
  /** hadolint's `disable-ignore-pragma`: ignore `# hadolint ignore=` comments. */
  readonly disableIgnorePragma?: boolean;
  /** Required labels and the format of their values (hadolint's `label-schema`): text, url, email, semver, … */
  readonly labelSchema?: Readonly<Record<string, string>>;
  /** hadolint's `strict-labels`: labels not in `labelSchema` are reported. */
  readonly strictLabels?: boolean;
  /** Bytes: findings whose size estimate is below this are dropped (findings without an estimate are kept). */
  readonly minSavings?: number;
  /**
   * Build arguments as `--build-arg NAME=VALUE` gives them. BUILDKIT_DOCKERFILE_CHECK replaces the file's
   * `# check=` directive, as BuildKit's frontend does (dockerui reads it into the linter config before the directive).
   */
  readonly buildArgs?: Readonly<Record<string, string>>;
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
  // Nearly always: iterating the empty map would still make an iterator, once per finding.
  if (rule.codeLevels.size === 0) return level;
  for (const [code, l] of rule.codeLevels) if (codes.includes(code)) level = l;
  return level;
}

/**
 * Which rules run and at what level: the preset (`recommended` by default), then `rules` entries on top.
 * `strict` is every rule with warnings raised to errors. A rule is in the map when any of its findings can be on.
 */
export function resolveActiveRules(config: LintConfig, registry: RuleRegistry): ReadonlyMap<string, ActiveRule> {
  // A language server lints every keystroke with the same config and registry: resolving the levels each time was
  // about 100 allocations per lint for the same answer. Configs are treated as immutable (a reload makes a new one).
  let byConfig = resolved.get(registry);
  if (byConfig === undefined) resolved.set(registry, (byConfig = new WeakMap()));
  let active = byConfig.get(config);
  if (active === undefined) byConfig.set(config, (active = resolve(config, registry)));
  return active;
}

const resolved = new WeakMap<RuleRegistry, WeakMap<LintConfig, ReadonlyMap<string, ActiveRule>>>();

function resolve(config: LintConfig, registry: RuleRegistry): Map<string, ActiveRule> {
  const preset = config.extends ?? 'recommended';
  const active = new Map<string, ActiveRule>();
  for (const rule of registry.rules) {
    const { id, severity, recommended = true } = rule.meta;
    if (preset === 'recommended' && !recommended) continue;
    if (preset === 'hadolint') {
      const hadolint = hadolintPresetRule(rule.meta);
      if (hadolint) active.set(id, hadolint);
      continue;
    }
    active.set(id, {
      level: preset === 'strict' && severity === 'warning' ? 'error' : severity,
      options: defaultOptions(rule.meta, preset),
      codeLevels: new Map(preset === 'all' ? [] : (rule.meta.repeatedAliases ?? []).map((code) => [code, 'off' as Level])),
    });
  }
  // Codes whose level a `rules` entry set (not the preset): an entry by rule id replaces the preset's per-code levels only.
  const entryCodes = new Set<string>();
  for (const [key, entry] of Object.entries(config.rules ?? {})) {
    const rule = registry.get(key);
    if (!rule) continue; // validated at load time; the engine stays lenient
    const [level, options] = typeof entry === 'string' ? [entry, {}] : entry;
    const previous = active.get(rule.meta.id) ?? { level: 'off' as Level, options: defaultOptions(rule.meta, preset), codeLevels: new Map<string, Level>() };
    const code = registry.codeOf(rule, key);
    // Raising or lowering the rule's level must not bring its repeated findings back.
    const keepsRepeats = (c: string): boolean => preset !== 'all' && preset !== 'hadolint' && (rule.meta.repeatedAliases ?? []).includes(c);
    if (code) entryCodes.add(code);
    const next: ActiveRule = code
      ? { ...previous, codeLevels: new Map([...previous.codeLevels, [code, level]]) }
      : { level, options: { ...previous.options, ...options }, codeLevels: new Map([...previous.codeLevels].filter(([c]) => entryCodes.has(c) || keepsRepeats(c))) };
    if (next.level === 'off' && ![...next.codeLevels.values()].some((l) => l !== 'off')) active.delete(rule.meta.id);
    else active.set(rule.meta.id, next);
  }
  return active;
}

/**
 * A rule under `extends: hadolint`: on when it has a hadolint code that hadolint reports by default, at that code's
 * level; a finding under another alias only (a BuildKit check name) stays off, as hadolint has no such check.
 */
function hadolintPresetRule(meta: RuleMeta): ActiveRule | undefined {
  const levels = meta.aliases.filter(isHadolintCode).map((code) => [code, hadolintLevel(code, meta.severity)] as const);
  if (!levels.some(([, level]) => level !== 'off')) return undefined;
  const options = defaultOptions(meta, 'hadolint');
  const [first] = levels;
  // One level for every alias: the rule's own; otherwise per code, with the rule off for its other aliases.
  if (levels.length === meta.aliases.length && levels.every(([, level]) => level === first![1])) return { level: first![1], options, codeLevels: new Map() };
  return { level: 'off', options, codeLevels: new Map(levels) };
}

const defaultOptions = (meta: RuleMeta, preset: Preset): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(meta.options ?? {}).map(([k, o]) => [k, preset === 'recommended' && o.recommendedDefault !== undefined ? o.recommendedDefault : o.default]),
  );
