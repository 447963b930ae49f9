import type { Finding } from '../engine';
import { jsonFinding } from './json';
import { sourceOf } from './positions';

/** What `dfopt fix` did to one file. */
export interface FixFileReport {
  readonly file: string;
  /** Whether the fixes change the Dockerfile or files of its build context. */
  readonly changed: boolean;
  /** Whether those changes were written (not with --dry-run, --check or --stdin, nor when --verify refused them). */
  readonly written: boolean;
  /** Fixes applied (or that would be), per rule id. */
  readonly applied: ReadonlyMap<string, number>;
  /** What the fixes that describe themselves did (the optimizer's rewrites). */
  readonly descriptions: readonly { readonly ruleId: string; readonly description: string }[];
  /** Files of the build context the fixes create or append to (`.dockerignore`), relative to its root. */
  readonly contextFiles: readonly string[];
  /** Size rewrites considered and not made, each with the reason (a declined recipe, an unsafe fix without --unsafe). */
  readonly declined?: readonly { readonly ruleId: string; readonly line: number; readonly column: number; readonly reason: string }[];
  /** Findings left in the fixed text. */
  readonly findings: readonly Finding[];
  /** The fixed text the remaining findings (and their fixes' edits) are positioned in. */
  readonly source?: string;
  /** What the applied fixes with a size estimate save together (sumEstimates), and how many such fixes there were. */
  readonly estimatedSaving?: { readonly bytes: number; readonly counted: number };
  /** `--verify`: the original image's size minus the fixed one's, as built. */
  readonly measuredSavingBytes?: number;
}

/** `dfopt fix --format json`: one entry per file; findings in the same shape as `dfopt lint --format json`. */
export const fixJson = (reports: readonly FixFileReport[]): string =>
  `${JSON.stringify(
    reports.map((report) => {
      const source = sourceOf(report.source);
      return {
        file: report.file,
        changed: report.changed,
        written: report.written,
        fixes: [...report.applied.values()].reduce((a, b) => a + b, 0),
        applied: Object.fromEntries(report.applied),
        descriptions: report.descriptions.map((d) => ({ rule: d.ruleId, description: d.description })),
        contextFiles: report.contextFiles,
        ...(report.estimatedSaving && report.estimatedSaving.counted > 0
          ? { estimatedSavingBytes: report.estimatedSaving.bytes, estimatedFrom: report.estimatedSaving.counted }
          : {}),
        ...(report.measuredSavingBytes !== undefined ? { measuredSavingBytes: report.measuredSavingBytes } : {}),
        declined: (report.declined ?? []).map((d) => ({ rule: d.ruleId, line: d.line, column: d.column, reason: d.reason })),
        findings: report.findings.map((f) => jsonFinding(f, source)),
      };
    }),
  )}\n`;
