import type { Reporter } from './types';

/** The stable machine format: later formats (SARIF, LSP) derive from the same fields. Positions are 1-based. */
export const json: Reporter = (results) =>
  `${JSON.stringify(
    results.map((r) => ({
      file: r.file,
      findings: r.findings.map((f) => ({
        rule: f.ruleId,
        aliases: f.aliases,
        severity: f.severity,
        line: f.range.start.line + 1,
        column: f.range.start.column + 1,
        endLine: f.range.end.line + 1,
        endColumn: f.range.end.column + 1,
        message: f.message,
        fix: f.fix ? f.fix.safety : null,
      })),
    })),
  )}\n`;
