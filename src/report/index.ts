import { checkstyle } from './checkstyle';
import { codeclimate } from './codeclimate';
import { compact } from './compact';
import { github } from './github';
import { gnu } from './gnu';
import { json } from './json';
import { junit } from './junit';
import { sarif } from './sarif';
import { stylish } from './stylish';
import type { Reporter } from './types';

export type { FileResult, ReportOptions, Reporter } from './types';
export { fixJson, type FixFileReport } from './fixJson';

/** Every output format by its `--format` name; the public API exports it as `formatters`. */
export const REPORTERS = { stylish, json, sarif, checkstyle, junit, codeclimate, github, gnu, compact } as const satisfies Record<string, Reporter>;
export type FormatName = keyof typeof REPORTERS;
export const FORMAT_NAMES = Object.keys(REPORTERS) as FormatName[];
