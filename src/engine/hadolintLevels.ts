import type { Level } from './types';

/**
 * hadolint 2.12.0's default severity of each DL code, as its JSON output prints them with no config (read off the
 * 979 recorded verdicts in ../shared/conformance/hadolint-cases.json; test/engine/hadolintPreset.test.ts checks
 * it against them). `off`: hadolint's severity `ignore` (DL1001, DL3057 report only when a config raises them).
 */
const DL_LEVELS: Readonly<Record<string, Level>> = {
  DL1000: 'error', DL1001: 'off',
  DL3000: 'error', DL3001: 'info', DL3002: 'warning', DL3003: 'warning', DL3004: 'error', DL3005: 'error',
  DL3006: 'warning', DL3007: 'warning', DL3008: 'warning', DL3009: 'info', DL3010: 'info', DL3011: 'error',
  DL3012: 'error', DL3013: 'warning', DL3014: 'warning', DL3015: 'info', DL3016: 'warning', DL3018: 'warning',
  DL3019: 'info', DL3020: 'error', DL3021: 'error', DL3022: 'warning', DL3023: 'error', DL3024: 'error',
  DL3025: 'warning', DL3026: 'error', DL3027: 'warning', DL3028: 'warning', DL3029: 'warning', DL3030: 'warning',
  DL3032: 'warning', DL3033: 'warning', DL3034: 'warning', DL3035: 'warning', DL3036: 'warning', DL3037: 'warning',
  DL3038: 'warning', DL3040: 'warning', DL3041: 'warning', DL3042: 'warning', DL3043: 'error', DL3044: 'error',
  DL3045: 'warning', DL3046: 'warning', DL3047: 'info', DL3048: 'style', DL3049: 'info', DL3050: 'info',
  DL3051: 'warning', DL3052: 'warning', DL3053: 'warning', DL3054: 'warning', DL3055: 'warning', DL3056: 'warning',
  DL3057: 'off', DL3058: 'warning', DL3059: 'info', DL3060: 'info', DL3061: 'error',
  DL4000: 'error', DL4001: 'warning', DL4003: 'warning', DL4004: 'error', DL4005: 'warning', DL4006: 'warning',
};

/** A hadolint code: a DL rule or a ShellCheck code that hadolint runs. */
export const isHadolintCode = (code: string): boolean => /^(DL|SC)\d{4}$/.test(code);

/**
 * The level hadolint reports `code` at by default. ShellCheck codes keep ShellCheck's severity, which dfopt's
 * SC rules already declare as theirs (`ruleSeverity`).
 */
export function hadolintLevel(code: string, ruleSeverity: Level): Level {
  return DL_LEVELS[code] ?? (code.startsWith('SC') ? ruleSeverity : 'off');
}
