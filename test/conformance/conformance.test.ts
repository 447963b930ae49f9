import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { mapHadolintConfig } from '../../src/config';
import { createDefaultRegistry, lintText } from '../../src/index';

/**
 * hadolint 2.12 conformance: every case of ../shared/conformance/hadolint-cases.json whose rule we implement is
 * linted with its config (mapped as a .hadolint.yaml), and the set of (DL code, instruction line) must equal
 * hadolint's, restricted to the codes we implement. Differences must be listed, with a reason, in
 * known-differences*.json (one file per rule family, merged); a listed case that no longer differs fails too, so
 * the list stays true.
 */
interface Case {
  id: string;
  rule: string;
  dockerfile: string;
  config?: Record<string, unknown>;
  expect: Array<{ code: string; line: number }>;
}

const CASES = resolve(__dirname, '..', '..', '..', 'shared', 'conformance', 'hadolint-cases.json');
const present = existsSync(CASES);
if (!present) console.warn(`conformance cases not found at ${CASES}; skipping`);

const knownDifferences: Record<string, string> = {};
for (const file of readdirSync(__dirname).filter((f) => /^known-differences.*\.json$/.test(f))) {
  for (const [id, reason] of Object.entries(JSON.parse(readFileSync(join(__dirname, file), 'utf8')) as Record<string, string>)) {
    if (id in knownDifferences) throw new Error(`${id} is listed twice (again in ${file})`);
    knownDifferences[id] = reason;
  }
}
const registry = createDefaultRegistry();
const implemented = new Set(registry.rules.flatMap((r) => r.meta.aliases).filter((a) => /^DL\d{4}$/.test(a)));

/** Our findings for a case as hadolint prints them: code and the line where the instruction starts. */
export function dfoptFindings(c: Case): string[] {
  const config = mapHadolintConfig(c.config ?? {}, `${c.id}.hadolint.yaml`, registry);
  const result = lintText(c.dockerfile, config);
  const starts = result.ast?.instructions.map((i) => [i.range.start.offset, i.range.end.offset, i.range.start.line] as const) ?? [];
  const out = new Set<string>();
  for (const f of result.findings) {
    if (!f.code || !implemented.has(f.code)) continue;
    const containing = starts.find(([start, end]) => f.range.start.offset >= start && f.range.start.offset <= end);
    out.add(`${f.code}@${(containing?.[2] ?? f.range.start.line) + 1}`);
  }
  return [...out].sort();
}

const expected = (c: Case): string[] =>
  [...new Set(c.expect.filter((e) => implemented.has(e.code)).map((e) => `${e.code}@${e.line}`))].sort();

(present ? describe : describe.skip)('hadolint 2.12 conformance', () => {
  const cases = present ? (JSON.parse(readFileSync(CASES, 'utf8')) as Case[]) : [];
  // ShellCheck-rule cases (SCxxxx) are compared too, on their DL codes: ShellCheck itself is out of scope.
  const inScope = cases.filter((c) => implemented.has(c.rule) || /^SC\d{4}$/.test(c.rule));
  const differing = inScope.filter((c) => JSON.stringify(dfoptFindings(c)) !== JSON.stringify(expected(c)));

  it('every difference from hadolint on an implemented rule is listed with a reason', () => {
    const unlisted = differing
      .filter((c) => !(c.id in knownDifferences))
      .map((c) => `${c.id}: hadolint ${JSON.stringify(expected(c))}, dfopt ${JSON.stringify(dfoptFindings(c))}`);
    expect(unlisted).toEqual([]);
  });

  it('every listed difference still differs (remove entries that now agree)', () => {
    const differingIds = new Set(differing.map((c) => c.id));
    const scopeIds = new Set(inScope.map((c) => c.id));
    const stale = Object.keys(knownDifferences).filter((id) => scopeIds.has(id) && !differingIds.has(id));
    expect(stale).toEqual([]);
  });

  it('every listed difference names a real case and gives a reason', () => {
    const ids = new Set(cases.map((c) => c.id));
    for (const [id, reason] of Object.entries(knownDifferences)) {
      expect(ids.has(id)).toBe(true);
      expect(reason.trim().length).toBeGreaterThan(10);
    }
  });

  afterAll(() => {
    const identical = inScope.length - differing.length;
    console.log(
      `hadolint conformance: ${cases.length} cases; ${inScope.length} in scope (${implemented.size} DL codes implemented); ` +
        `${identical} identical (${((100 * identical) / Math.max(1, inScope.length)).toFixed(1)}%), ${differing.length} listed differences`,
    );
  });
});
