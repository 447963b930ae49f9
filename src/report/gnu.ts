import type { Severity } from '../engine';
import { oneBased } from './positions';
import type { Reporter } from './types';

/** The words compilers use, which editors' error parsers (Emacs compilation-mode, Vim's errorformat) know. */
const SEVERITY: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', style: 'note' };

/** One finding per line: a message with line breaks would otherwise be read as several. */
export const oneLine = (text: string): string => text.replace(/\r\n|\r|\n/g, ' ');

// Control characters but tab (C0, DEL, C1) and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Text for a terminal or a log, with control characters written as `\x1b` or `\u2028`. Messages quote the Dockerfile
 * (a stage name, an unknown instruction) and reports name its path, both text dfopt does not control: printed as
 * they are, `FROBNICATE\x1b]0;pwned\x07` in a Dockerfile set the terminal's title, and other escape sequences can
 * rewrite what the terminal shows. Machine formats (JSON, SARIF, XML) carry the text exactly, in their own escapes.
 */
export const printable = (text: string): string =>
  text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });

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
