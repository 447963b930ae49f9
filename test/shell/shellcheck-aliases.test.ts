// Every native ShellCheck rule answers to its SC code wherever a rule can be named, so a team moving from hadolint
// keeps its `# hadolint ignore=SC2086`, `.hadolint.yaml` entries and `--rule SC2086=off` (the CLI maps that to `rules`).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shellRules } from '../../rules/shell';
import { type DfoptConfig, lint, loadConfig } from '../../src';

// A rule with several codes (bash-features-under-sh) is checked on the codes its bad example shows; its own spec
// checks that each code can be turned off alone.
const cases = shellRules.flatMap((rule) => {
  const shown = new Set(lint(rule.meta.docs.bad, { config: { extends: 'all' } }).findings.filter((f) => f.ruleId === rule.meta.id).map((f) => f.code));
  return rule.meta.aliases.filter((a) => a.startsWith('SC') && shown.has(a)).map((code) => [code, rule.meta] as const);
});

it('covers at least one code of every shell rule', () => {
  // The relay of the real binary (shellcheck) has no aliases of its own: test/shell/shellcheck-binary.test.ts covers it.
  expect(new Set(cases.map(([, meta]) => meta.id))).toEqual(new Set(shellRules.filter((r) => r.meta.aliases.length > 0).map((r) => r.meta.id)));
});

function hadolintYaml(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dfopt-sc-'));
  writeFileSync(join(dir, '.hadolint.yaml'), body);
  return join(dir, '.hadolint.yaml');
}

describe.each(cases)('%s', (code, meta) => {
  const own = (text: string, config: DfoptConfig) =>
    lint(text, { config }).findings.filter((f) => f.ruleId === meta.id && f.code === code);
  const bad = meta.docs.bad;
  const beforeEachRun = (comment: string) => bad.replace(/^RUN /gm, `${comment}\nRUN `);

  it('fires on its bad example with every rule on, reporting the code', () => {
    const findings = own(bad, { extends: 'all' });
    expect(findings.length).toBeGreaterThan(0);
    expect(findings[0]!.codes).toContain(code);
  });

  it('is turned off by rules: { SC: off } (what --rule SC=off sets)', () => {
    expect(own(bad, { extends: 'all', rules: { [code]: 'off' } })).toEqual([]);
  });

  it('is silenced by # hadolint ignore= and # dfopt-disable-next-line with the code', () => {
    expect(own(beforeEachRun(`# hadolint ignore=DL3008,${code}`), { extends: 'all' })).toEqual([]);
    expect(own(beforeEachRun(`# dfopt-disable-next-line ${code}`), { extends: 'all' })).toEqual([]);
    expect(own(beforeEachRun('# hadolint ignore=DL3008'), { extends: 'all' }).length).toBeGreaterThan(0);
  });

  it('follows .hadolint.yaml override and ignored through the alias', () => {
    const on = loadConfig(hadolintYaml(`override:\n  warning:\n    - ${code}\n`));
    const findings = own(bad, on);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
    const off = loadConfig(hadolintYaml(`override:\n  warning:\n    - ${code}\nignored:\n  - ${code}\n`));
    expect(own(bad, off)).toEqual([]);
  });
});
