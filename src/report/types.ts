import type { Finding, RuleMeta } from '../engine';

export interface FileResult {
  /** The path as the user gave it (or the --stdin-filename). */
  readonly file: string;
  readonly findings: readonly Finding[];
  /**
   * The text the findings were found in. Fix edits are offsets into it, so reporters need it to give them as
   * line/column, and fingerprints hash the flagged line's content so they survive edits elsewhere in the file.
   */
  readonly source?: string;
}

export interface ReportOptions {
  /** Colour for terminals (stylish only); off unless asked for, since library callers mostly write files or logs. */
  readonly color?: boolean;
  /**
   * Metadata of the rules that ran (the registry's), for SARIF's `tool.driver.rules` and Code Climate's categories;
   * without it a rule is described only by what its findings carry.
   */
  readonly rules?: readonly RuleMeta[];
  /**
   * Stylish: under a finding of a fixable rule that has no fix, say why (`no fix: …`). `dfopt fix` turns it on for
   * the findings it leaves, where a missing fix needs explaining; `dfopt lint` leaves it off to keep the list short.
   */
  readonly showFixDeclined?: boolean;
  /** dfopt's version, for SARIF's `tool.driver.version`. */
  readonly toolVersion?: string;
  /**
   * The directory that CI resolves paths against (the repository root): SARIF, Code Climate and GitHub annotations
   * give paths relative to it. Without it paths stay as given.
   */
  readonly cwd?: string;
}

export type Reporter = (results: readonly FileResult[], options: ReportOptions) => string;
