import { lint, type LintConfig, RuleRegistry, type RuleModule } from '../../src/engine';
import { fixText } from '../../src/fix';

export interface ExpectedFinding {
  readonly line: number;
  readonly column?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  /** Substring or pattern the message must contain. */
  readonly message?: string | RegExp;
}

export interface ValidCase {
  readonly name?: string;
  readonly code: string;
  readonly options?: Record<string, unknown>;
  readonly config?: Omit<LintConfig, 'rules'>;
}

export interface InvalidCase extends ValidCase {
  readonly errors: readonly ExpectedFinding[];
  /**
   * The text after applying this rule's fixes (unsafe ones included) to a fixed point, byte for byte; null when the
   * rule offers no fix for this case. The tester also checks that fixing the output again changes nothing, and that
   * the CRLF variant of the case fixes to the CRLF variant of the output.
   */
  readonly output?: string | null;
}

const toCrlf = (code: string): string => code.replace(/\r?\n/g, '\r\n');

/** `code` after applying only `rule`'s fixes, safe and unsafe, until nothing changes. */
export function fixedBy(rule: RuleModule, code: string, c: ValidCase = { code }): string {
  const registry = new RuleRegistry([rule]);
  const config = { ...c.config, extends: 'all' as const, rules: { 'invalid-directive': 'off' as const, [rule.meta.id]: ['warning', c.options ?? {}] as const } };
  const result = fixText(code, { registry, config, unsafe: true, only: new Set([rule.meta.id]) });
  if (result.brokenPass) throw new Error(`the fix produced text that does not parse: ${result.brokenPass.message}`);
  return result.output;
}

/** Runs `code` through the engine with only `rule` active and returns its findings as 1-based positions. */
export function findingsFor(rule: RuleModule, code: string, c: ValidCase = { code }) {
  const registry = new RuleRegistry([rule]);
  const result = lint(code, {
    registry,
    config: {
      ...c.config,
      extends: 'all',
      rules: { 'invalid-directive': 'off', [rule.meta.id]: ['warning', c.options ?? {}] },
    },
  });
  const syntax = result.findings.find((f) => f.ruleId === 'syntax-error');
  if (syntax) throw new Error(`test input does not parse: ${syntax.message}`);
  return result.findings
    .filter((f) => f.ruleId === rule.meta.id)
    .map((f) => ({
      line: f.range.start.line + 1,
      column: f.range.start.column + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.column + 1,
      message: f.message,
    }));
}

/**
 * ESLint's RuleTester for Dockerfiles: every valid case must produce no finding, every invalid case exactly the
 * findings listed. Each case also runs with CRLF line endings and must give the same lines and columns.
 */
export function runRuleTests(rule: RuleModule, cases: { valid: readonly (string | ValidCase)[]; invalid: readonly InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    describe('valid', () => {
      for (const [i, v] of cases.valid.entries()) {
        const c: ValidCase = typeof v === 'string' ? { code: v } : v;
        it(c.name ?? `valid #${i + 1}: ${firstLine(c.code)}`, () => {
          expect(findingsFor(rule, c.code, c)).toEqual([]);
          expect(findingsFor(rule, toCrlf(c.code), { ...c, code: toCrlf(c.code) })).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const [i, c] of cases.invalid.entries()) {
        it(c.name ?? `invalid #${i + 1}: ${firstLine(c.code)}`, () => {
          for (const code of [c.code, toCrlf(c.code)]) {
            const actual = findingsFor(rule, code, { ...c, code });
            expect(actual).toHaveLength(c.errors.length);
            c.errors.forEach((expected, k) => {
              const got = actual[k]!;
              expect(got.line).toBe(expected.line);
              if (expected.column !== undefined) expect(got.column).toBe(expected.column);
              if (expected.endLine !== undefined) expect(got.endLine).toBe(expected.endLine);
              if (expected.endColumn !== undefined) expect(got.endColumn).toBe(expected.endColumn);
              if (expected.message !== undefined) {
                if (typeof expected.message === 'string') expect(got.message).toContain(expected.message);
                else expect(got.message).toMatch(expected.message);
              }
            });
          }
          if (c.output !== undefined) {
            for (const [code, output] of [
              [c.code, c.output ?? c.code],
              [toCrlf(c.code), toCrlf(c.output ?? c.code)],
            ] as const) {
              const fixed = fixedBy(rule, code, { ...c, code });
              expect(fixed).toBe(output);
              expect(fixedBy(rule, fixed, { ...c, code: fixed })).toBe(fixed);
            }
          }
        });
      }
    });
  });
}

const firstLine = (code: string): string => code.split(/\r?\n/).find((l) => l.trim() && !l.startsWith('#'))?.slice(0, 60) ?? '';
