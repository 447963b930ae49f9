import type { Severity } from '../engine';
import { repoRelativePath } from './paths';
import { oneBased } from './positions';
import type { Reporter } from './types';

/** Workflow commands have error, warning and notice annotations. */
const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice', style: 'notice' };

/** The runner reads a command's message up to the end of the line and un-escapes %25, %0D and %0A. */
const escapeData = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** Property values end at `,` and the message starts after `::`, so those are escaped as well. */
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * GitHub Actions workflow commands (`::warning file=…,line=…::message`): the runner turns each into an annotation on
 * the pull request. Columns go only with single-line ranges, since GitHub ignores them on multi-line annotations.
 */
export const github: Reporter = (results, options) => {
  let out = '';
  for (const result of results) {
    const file = repoRelativePath(result.file, options.cwd);
    for (const finding of result.findings) {
      const { line, column, endLine, endColumn } = oneBased(finding.range);
      const where = line === endLine ? `line=${line},col=${column},endLine=${endLine},endColumn=${endColumn}` : `line=${line},endLine=${endLine}`;
      const title = finding.code ? `${finding.ruleId} (${finding.code})` : finding.ruleId;
      out += `::${COMMAND[finding.severity]} file=${escapeProperty(file)},${where},title=${escapeProperty(title)}::${escapeData(finding.message)}\n`;
    }
  }
  return out;
};
