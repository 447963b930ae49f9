import { lint, type LintConfig, RuleRegistry, type RuleModule } from '../../src/engine';

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
}

const toCrlf = (code: string): string => code.replace(/\r?\n/g, '\r\n');

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
        });
      }
    });
  });
}

const firstLine = (code: string): string => code.split(/\r?\n/).find((l) => l.trim() && !l.startsWith('#'))?.slice(0, 60) ?? '';
