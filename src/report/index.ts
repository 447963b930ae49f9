import { checkstyle } from './checkstyle';
import { codeclimate, codeclimateChunks } from './codeclimate';
import { compact } from './compact';
import { github } from './github';
import { gnu } from './gnu';
import { json, jsonChunks, jsonStream } from './json';
import { junit } from './junit';
import { sarif, sarifChunks } from './sarif';
import { stylish, stylishStream } from './stylish';
import type { ChunkedReporter, FileResult, Reporter, ReportOptions, ReportStream } from './types';

export type { FileResult, ReportOptions, Reporter, ReportStream } from './types';
export { fixJson, type FixFileReport } from './fixJson';
export { printable } from './printable';
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

/** The formats made file by file (ReportStream): the rest are made from every result at the end. */
const STREAMED: Partial<Record<FormatName, (options: ReportOptions, write: (chunk: string) => void) => ReportStream>> = {
  stylish: stylishStream,
  json: jsonStream,
};

/**
 * The report in the format as a ReportStream: written to `write` file by file for the formats that can be, the same
 * text as writeReport's in the same pieces or others.
 */
export function reportStream(format: FormatName, options: ReportOptions, write: (chunk: string) => void): ReportStream {
  const make = STREAMED[format];
  if (make) return make(options, write);
  const results: FileResult[] = [];
  return {
    file: (result) => results.push(result),
    end: () => writeReport(format, results, options, write),
  };
}
