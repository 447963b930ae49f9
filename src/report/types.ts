import type { Finding } from '../engine';

export interface FileResult {
  /** The path as the user gave it (or the --stdin-filename). */
  readonly file: string;
  readonly findings: readonly Finding[];
}

export interface ReportOptions {
  readonly color: boolean;
}

export type Reporter = (results: readonly FileResult[], options: ReportOptions) => string;
