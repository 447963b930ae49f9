import { oneBased } from './positions';
import type { Reporter } from './types';
import { escapeXml } from './xml';

/**
 * JUnit XML as ESLint's junit formatter writes it: one testsuite per file, one failing testcase per finding, and one
 * passing testcase for a clean file so CI test views list it.
 */
export const junit: Reporter = (results) => {
  const total = results.reduce((n, r) => n + Math.max(r.findings.length, 1), 0);
  const failures = results.reduce((n, r) => n + r.findings.length, 0);
  let out = `<?xml version="1.0" encoding="utf-8"?>\n<testsuites name="dfopt" tests="${total}" failures="${failures}" errors="0" time="0">\n`;
  for (const result of results) {
    const file = escapeXml(result.file);
    const tests = Math.max(result.findings.length, 1);
    out += `  <testsuite name="${file}" tests="${tests}" failures="${result.findings.length}" errors="0" skipped="0" time="0">\n`;
    if (result.findings.length === 0) out += `    <testcase name="${file}" classname="${file}" time="0"/>\n`;
    for (const finding of result.findings) {
      const { line, column } = oneBased(finding.range);
      const detail = `${result.file}:${line}:${column}: ${finding.severity}: ${finding.message} (${finding.ruleId})\n${finding.docsUrl}`;
      out +=
        `    <testcase name="${escapeXml(finding.ruleId)}" classname="${file}" time="0">\n` +
        `      <failure message="${escapeXml(finding.message)}" type="${finding.severity}">${escapeXml(detail)}</failure>\n` +
        '    </testcase>\n';
    }
    out += '  </testsuite>\n';
  }
  return `${out}</testsuites>\n`;
};
