import type { Severity } from '../engine';
import { oneBased } from './positions';
import { printable } from './printable';
import type { Reporter } from './types';

/** The words compilers use, which editors' error parsers (Emacs compilation-mode, Vim's errorformat) know. */
const SEVERITY: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', style: 'note' };

/** One finding per line: a message with line breaks would otherwise be read as several. */
export const oneLine = (text: string): string => text.replace(/\r\n|\r|\n/g, ' ');

/**
 * The GNU Coding Standards' error format with start and end (`file:line.col-endLine.endCol: message`, or
 * `file:line.col-endCol: message` within one line), severity first in the message as gcc writes it.
 */
export const gnu: Reporter = (results) => {
  let out = '';
  for (const result of results) {
    for (const finding of result.findings) {
      const { line, column, endLine, endColumn } = oneBased(finding.range);
      const span = endLine === line ? `${line}.${column}-${endColumn}` : `${line}.${column}-${endLine}.${endColumn}`;
      out += `${printable(result.file)}:${span}: ${SEVERITY[finding.severity]}: ${printable(oneLine(finding.message))} [${finding.ruleId}]\n`;
    }
  }
  return out;
};
