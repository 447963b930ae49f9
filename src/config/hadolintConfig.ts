import type { Level, RuleEntry, RuleRegistry } from '../engine';
import { ConfigError, type DfoptConfig, type FailureThreshold } from './schema';

/** hadolint's config file names, read when no dfopt config exists. */
export const HADOLINT_CONFIG_NAMES = ['.hadolint.yaml', '.hadolint.yml'] as const;

/** hadolint's `--failure-threshold` default, which applies when its config comes from `.hadolint.yaml`. */
export const HADOLINT_DEFAULT_FAILURE_THRESHOLD: FailureThreshold = 'info';

const HADOLINT_LEVELS: Readonly<Record<string, Level>> = {
  error: 'error',
  warning: 'warning',
  info: 'info',
  style: 'style',
  ignore: 'off',
};

/** Keys hadolint accepts that only affect its own output; dfopt has its own flags for them. */
const OUTPUT_KEYS = new Set(['format', 'no-color', 'verbose']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/**
 * Maps a `.hadolint.yaml` (already parsed) to dfopt config under `extends: hadolint`: `ignored` and `override` through rule aliases,
 * `trustedRegistries`, `failure-threshold`, `no-fail`, `label-schema`, `strict-labels`, `disable-ignore-pragma`.
 * ShellCheck codes without a native rule belong to the `shellcheck` relay; codes dfopt does not know at all are
 * accepted and ignored, as hadolint accepts any string.
 */
export function mapHadolintConfig(raw: unknown, file: string, registry: RuleRegistry): DfoptConfig {
  // hadolint's rules at hadolint's levels: a team moving over sees what it saw before, not dfopt's own defaults.
  if (raw === null || raw === undefined) return { extends: 'hadolint', failureThreshold: HADOLINT_DEFAULT_FAILURE_THRESHOLD };
  const fail = (key: string, detail: string): never => {
    throw new ConfigError(file, key, detail);
  };
  if (!isRecord(raw)) return fail('', 'the config must be a mapping of keys to values');
  const rules: Record<string, RuleEntry> = {};
  const known = (code: string): boolean => registry.get(code) !== undefined;
  const config: { -readonly [K in keyof DfoptConfig]: DfoptConfig[K] } = { extends: 'hadolint' };

  for (const [key, value] of Object.entries(raw)) {
    switch (key) {
      case 'ignored':
        if (!isStringArray(value)) fail(key, 'must be a list of rule codes');
        for (const code of value as string[]) if (known(code)) rules[code] = 'off';
        break;
      case 'override': {
        if (!isRecord(value)) fail(key, 'must map levels (error, warning, info, style) to lists of rule codes');
        for (const [level, codes] of Object.entries(value as Record<string, unknown>)) {
          const mapped = HADOLINT_LEVELS[level];
          if (!mapped) fail(`${key}.${level}`, `unknown level (use ${Object.keys(HADOLINT_LEVELS).join(', ')})`);
          if (!isStringArray(codes)) fail(`${key}.${level}`, 'must be a list of rule codes');
          for (const code of codes as string[]) if (known(code)) rules[code] = mapped!;
        }
        break;
      }
      case 'trustedRegistries':
        if (!isStringArray(value)) fail(key, 'must be a list of registry host names');
        config.trustedRegistries = value as string[];
        break;
      case 'failure-threshold': {
        // hadolint's `none` and `ignore` fail on any finding (dfopt's `none` never fails: that is `no-fail`).
        const map: Record<string, FailureThreshold> = { error: 'error', warning: 'warning', info: 'info', style: 'style', none: 'style', ignore: 'style' };
        if (typeof value !== 'string' || !map[value]) fail(key, `must be one of ${Object.keys(map).join(', ')}`);
        config.failureThreshold ??= map[value as string];
        break;
      }
      case 'no-fail':
        if (value === true) config.failureThreshold = 'none';
        break;
      case 'label-schema':
        if (!isRecord(value) || !Object.values(value).every((v) => typeof v === 'string')) fail(key, 'must map label names to formats');
        config.labelSchema = value as Record<string, string>;
        break;
      case 'strict-labels':
        config.strictLabels = value === true;
        break;
      case 'disable-ignore-pragma':
        config.disableIgnorePragma = value === true;
        break;
      default:
        if (!OUTPUT_KEYS.has(key)) fail(key, 'unknown hadolint config key');
    }
  }
  if (Object.keys(rules).length > 0) config.rules = rules;
  // hadolint fails on info and above unless told otherwise: a team moving over must not get a weaker gate silently.
  config.failureThreshold ??= HADOLINT_DEFAULT_FAILURE_THRESHOLD;
  return config;
}
