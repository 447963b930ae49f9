import { checkstyle } from './checkstyle';
import { codeclimate, codeclimateChunks } from './codeclimate';
import { compact } from './compact';
import { github } from './github';
import { gnu } from './gnu';
import { json, jsonChunks } from './json';
import { junit } from './junit';
import { sarif, sarifChunks } from './sarif';
import { stylish } from './stylish';
import type { ChunkedReporter, FileResult, Reporter, ReportOptions } from './types';

export type { FileResult, ReportOptions, Reporter } from './types';
export { fixJson, type FixFileReport } from './fixJson';
export { keptFinding, revivedSourceLines, type SourceLines, sourceLinesFor } from './positions';

/** Every output format by its `--format` name; the public API exports it as `formatters`. */
export const REPORTERS = { stylish, json, sarif, checkstyle, junit, codeclimate, github, gnu, compact } as const satisfies Record<string, Reporter>;
export type FormatName = keyof typeof REPORTERS;
export const FORMAT_NAMES = Object.keys(REPORTERS) as FormatName[];

/** The formats whose reports can be long (JSON over every finding), made and written in pieces. */
const CHUNKED: Partial<Record<FormatName, ChunkedReporter>> = { json: jsonChunks, sarif: sarifChunks, codeclimate: codeclimateChunks };

/** The report in the format, handed to `write` in pieces (or whole, for the formats that make it whole). */
export function writeReport(format: FormatName, results: readonly FileResult[], options: ReportOptions, write: (chunk: string) => void): void {
  const chunked = CHUNKED[format];
  if (chunked) chunked(results, options, write);
  else write(REPORTERS[format](results, options));
}
