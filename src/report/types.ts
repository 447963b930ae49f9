import type { Finding, RuleMeta } from '../engine';
import type { SourceLines } from './positions';

export interface FileResult {
  /** The path as the user gave it (or the --stdin-filename). */
  readonly file: string;
  readonly findings: readonly Finding[];
  /**
   * The text the findings were found in. Fix edits are offsets into it, so reporters need it to give them as
   * line/column, and fingerprints hash the flagged line's content so they survive edits elsewhere in the file.
   */
  readonly source?: string;
  /**
   * What the reporters read of that text (sourceLinesFor), in place of `source`: a run over many files keeps these
   * few lines per file instead of every file's whole text. When both are given, this one is used.
   */
  readonly sourceLines?: SourceLines;
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

/**
 * A reporter that hands its output over in pieces, in order: together they are what its Reporter returns. A report
 * over thousands of files is then written as it is made, never held whole (nor as one tree of objects to stringify).
 */
export type ChunkedReporter = (results: readonly FileResult[], options: ReportOptions, write: (chunk: string) => void) => void;

/** The Reporter of a ChunkedReporter: its pieces joined. */
export const joined =
  (reporter: ChunkedReporter): Reporter =>
  (results, options) => {
    let out = '';
    reporter(results, options, (chunk) => {
      out += chunk;
    });
    return out;
  };

/**
 * A report made file by file, in order: `file` for each result as it comes, then `end`. The reporter writes what it
 * can as it goes and keeps only what its ending needs, so a run over a tree need not keep every file's results.
 */
export interface ReportStream {
  file(result: FileResult): void;
  end(): void;
}

/** The Reporter of a ReportStream maker: every result in turn, the pieces joined. */
export const joinedStream =
  (make: (options: ReportOptions, write: (chunk: string) => void) => ReportStream): Reporter =>
  (results, options) => {
    let out = '';
    const stream = make(options, (chunk) => {
      out += chunk;
    });
    for (const result of results) stream.file(result);
    stream.end();
    return out;
  };

/**
 * The items of a JSON array as JSON.stringify(items, null, 2) writes them, one at a time, at `depth` levels of
 * indentation (the array's own): `[]` when there are none. Each item is stringified alone (JSON strings hold no raw
 * line breaks, so indenting its lines is safe).
 */
export function writeJsonArray<T>(items: Iterable<T>, depth: number, write: (chunk: string) => void): void {
  const indent = `\n${'  '.repeat(depth + 1)}`;
  let first = true;
  for (const item of items) {
    write(`${first ? '[' : ','}${indent}${JSON.stringify(item, null, 2).replace(/\n/g, indent)}`);
    first = false;
  }
  write(first ? '[]' : `\n${'  '.repeat(depth)}]`);
}
