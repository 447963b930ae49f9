import { json } from './json';
import { stylish } from './stylish';
import type { Reporter } from './types';

export type { FileResult, ReportOptions, Reporter } from './types';

export const REPORTERS = { stylish, json } as const satisfies Record<string, Reporter>;
export type FormatName = keyof typeof REPORTERS;
export const FORMAT_NAMES = Object.keys(REPORTERS) as FormatName[];
