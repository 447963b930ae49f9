import { createDefaultRegistry, lintText } from '../../src/index';
import { REPORTERS } from '../../src/report';

// Issue 19: `LABEL maintainer "…"` came with `fix: null` and no reason although the rules table says safe-fixable.
const TEXT = 'FROM alpine:3.20\nLABEL maintainer "Jane Doe <jane@example.com>"\nLABEL description it\'s small\n';
const legacy = () => lintText(TEXT).findings.filter((f) => f.ruleId === 'legacy-key-value-format');

describe('a fixable rule says why a finding has no fix', () => {
  it('LABEL maintainer "…" (one quoted string) is fixed safely', () => {
    const [maintainer] = legacy();
    expect(maintainer!.fix?.safety).toBe('safe');
    expect(maintainer!.fixDeclined).toBeUndefined();
  });
  it('a value the fix cannot rewrite carries the reason, in JSON and stylish output', () => {
    const declined = legacy()[1]!;
    expect(declined.fix).toBeNull();
    expect(declined.fixDeclined).toMatch(/quotes/);
    const results = [{ file: 'Dockerfile', findings: [declined], source: TEXT }];
    const options = { color: false, rules: createDefaultRegistry().rules.map((r) => r.meta), toolVersion: '0', cwd: '/' };
    const json = JSON.parse(REPORTERS.json(results, options)) as Array<{ findings: Array<Record<string, unknown>> }>;
    expect(json[0]!.findings[0]!.fixDeclined).toBe(declined.fixDeclined);
    expect(REPORTERS.stylish(results, { ...options, showFixDeclined: true })).toContain(`no fix: ${declined.fixDeclined}`);
    expect(REPORTERS.stylish(results, options)).not.toContain('no fix:');
  });
  it('pin-base-image says where the pin would come from', () => {
    const [untagged] = lintText('FROM alpine\n').findings.filter((f) => f.ruleId === 'pin-base-image');
    expect(untagged!.fixDeclined).toContain("dfopt fix --pin alpine=<tag>");
  });
  it('a rule without a fix never says it declined one', () => {
    const registry = createDefaultRegistry();
    const findings = lintText('FROM alpine\nRUN sudo apt-get install -y curl\n', { extends: 'all' }).findings;
    const unfixable = findings.filter((f) => registry.meta(f.ruleId)?.fix === 'none');
    expect(unfixable.length).toBeGreaterThan(0);
    for (const f of unfixable) expect(f.fixDeclined).toBeUndefined();
  });
});
