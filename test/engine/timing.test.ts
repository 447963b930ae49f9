import { defineRule, lint, RuleRegistry } from '../../src/engine';

const meta = {
  aliases: [],
  category: 'style',
  severity: 'warning',
  fix: 'none',
  docs: { summary: 's', rationale: 'r', bad: 'b', good: 'g' },
} as const;

/** Busy for about `ms` of clock time on every RUN, so its timing entry has a floor the test can check. */
const busy = (ms: number): void => {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    // spin
  }
};
const slowRule = defineRule({
  meta: { ...meta, id: 'slow-rule' },
  create: (ctx) => ({ RUN: (node) => {
    busy(5);
    ctx.report({ node, message: 'slow' });
  } }),
});
const idleRule = defineRule({ meta: { ...meta, id: 'idle-rule' }, create: () => ({}) });
const registry = new RuleRegistry([slowRule, idleRule], { withBuiltins: false });
const config = { rules: { 'slow-rule': 'warning', 'idle-rule': 'warning' } } as const;
const text = 'FROM alpine:3.19\nRUN a\nRUN b\n';

describe('lint timing', () => {
  it('adds each rule’s time under its id, and parsing and the model under their own keys', () => {
    const timing = new Map<string, number>();
    const result = lint(text, { registry, config, timing });
    expect(result.findings.map((f) => f.ruleId)).toEqual(['slow-rule', 'slow-rule']);
    expect(timing.get('slow-rule')).toBeGreaterThanOrEqual(10);
    expect(timing.get('idle-rule')).toBeLessThan(5);
    expect([...timing.keys()].sort()).toEqual(['(model)', '(parse)', 'idle-rule', 'slow-rule']);
  });

  it('accumulates over calls sharing one map, and gives the same findings as without it', () => {
    const timing = new Map<string, number>();
    const once = lint(text, { registry, config, timing });
    const first = timing.get('slow-rule')!;
    lint(text, { registry, config, timing });
    expect(timing.get('slow-rule')).toBeGreaterThanOrEqual(first + 10);
    expect(lint(text, { registry, config }).findings).toEqual(once.findings);
  });
});
