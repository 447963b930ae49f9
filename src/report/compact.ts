import { oneLine } from './gnu';
import { printable } from './printable';
import { oneBased } from './positions';
import type { Reporter } from './types';

/** One finding per line, for grep and simple parsers: `file:line:col: severity rule message`. */
export const compact: Reporter = (results) => {
  let out = '';
  for (const result of results) {
    for (const finding of result.findings) {
      const { line, column } = oneBased(finding.range);
      out += `${printable(result.file)}:${line}:${column}: ${finding.severity} ${finding.ruleId} ${printable(oneLine(finding.message))}\n`;
    }
  }
  return out;
};
