import type { Severity } from '../engine';
import { oneBased } from './positions';
import type { Reporter } from './types';
import { escapeXml } from './xml';

/** Checkstyle knows error, warning and info. */
const SEVERITY: Record<Severity, 'error' | 'warning' | 'info'> = { error: 'error', warning: 'warning', info: 'info', style: 'info' };

/** Checkstyle 4.3 XML, as Jenkins' warnings-ng and other checkstyle consumers read it: every file, clean ones too. */
export const checkstyle: Reporter = (results) => {
  let out = '<?xml version="1.0" encoding="utf-8"?>\n<checkstyle version="4.3">\n';
  for (const result of results) {
    out += `  <file name="${escapeXml(result.file)}">\n`;
    for (const finding of result.findings) {
      const { line, column } = oneBased(finding.range);
      out +=
        `    <error line="${line}" column="${column}" severity="${SEVERITY[finding.severity]}" ` +
        `message="${escapeXml(finding.message)}" source="dfopt.${escapeXml(finding.ruleId)}"/>\n`;
    }
    out += '  </file>\n';
  }
  return `${out}</checkstyle>\n`;
};
