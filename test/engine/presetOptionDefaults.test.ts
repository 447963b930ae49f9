import { resolveActiveRules } from '../../src/engine/ruleConfig';
import { RuleRegistry } from '../../src/engine/registry';
import type { RuleModule } from '../../src/engine/types';

// A rule whose option is quieter under `recommended` than under the presets that keep the full check.
const quieter: RuleModule = {
  meta: {
    id: 'quieter-in-recommended',
    aliases: ['DL3000'],
    category: 'style',
    severity: 'warning',
    fix: 'none',
    docs: { description: 'x' },
    options: { skipHarmless: { type: 'boolean', description: 'x', default: false, recommendedDefault: true } },
  },
  create: () => ({}),
} as unknown as RuleModule;

const registry = new RuleRegistry([quieter], { withBuiltins: false });
const optionsUnder = (config: Parameters<typeof resolveActiveRules>[0]) => resolveActiveRules(config, registry).get('quieter-in-recommended')?.options;

describe('recommendedDefault: an option default for the recommended preset only', () => {
  it.each([
    { preset: 'recommended (no extends)', config: {}, expected: true },
    { preset: 'recommended', config: { extends: 'recommended' as const }, expected: true },
    { preset: 'strict', config: { extends: 'strict' as const }, expected: false },
    { preset: 'all', config: { extends: 'all' as const }, expected: false },
    { preset: 'hadolint', config: { extends: 'hadolint' as const }, expected: false },
  ])('$preset → skipHarmless $expected', ({ config, expected }) => {
    expect(optionsUnder(config)).toEqual({ skipHarmless: expected });
  });

  it('a rules entry without options keeps the preset default; one with options overrides it', () => {
    expect(optionsUnder({ rules: { 'quieter-in-recommended': 'error' } })).toEqual({ skipHarmless: true });
    expect(optionsUnder({ rules: { 'quieter-in-recommended': ['error', { skipHarmless: false }] } })).toEqual({ skipHarmless: false });
    expect(optionsUnder({ extends: 'all', rules: { 'quieter-in-recommended': ['warning', { skipHarmless: true }] } })).toEqual({ skipHarmless: true });
  });
});
