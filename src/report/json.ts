import type { Finding } from '../engine';
import { linesOf, oneBased, reportedEdits, type SourceLines } from './positions';
import { type ChunkedReporter, joined, type ReportOptions, type ReportStream } from './types';

/**
 * One finding in the stable machine shape (README, "Output formats"): fields are only ever added. Positions are
 * 1-based; `fix` stays the fix's safety or null, and `edits` spells the fix out (null when there is none);
 * `fixDeclined` says why a fixable rule's finding has none.
 */
export const jsonFinding = (finding: Finding, source: SourceLines | undefined) => ({
  rule: finding.ruleId,
  aliases: finding.aliases,
  codes: finding.codes,
  code: finding.code,
  severity: finding.severity,
  ...oneBased(finding.range),
  message: finding.message,
  fix: finding.fix ? finding.fix.safety : null,
  edits: finding.fix ? reportedEdits(finding.fix, source) : null,
  docsUrl: finding.docsUrl,
  ...(finding.estimate ? { estimatedBytes: finding.estimate.bytes, estimateBasis: finding.estimate.basis } : {}),
  ...(finding.fixDeclined ? { fixDeclined: finding.fixDeclined } : {}),
});

/** The stable machine format: an array with one entry per file, as it has been since the first release. */
export function jsonStream(_options: ReportOptions, write: (chunk: string) => void): ReportStream {
  let first = true;
  return {
    file(result) {
      const source = linesOf(result);
      write(`${first ? '[' : ','}${JSON.stringify({ file: result.file, findings: result.findings.map((f) => jsonFinding(f, source)) })}`);
      first = false;
    },
    end() {
      write(first ? '[]\n' : ']\n');
    },
  };
}

export const jsonChunks: ChunkedReporter = (results, options, write) => {
  const stream = jsonStream(options, write);
  for (const result of results) stream.file(result);
  stream.end();
};

export const json = joined(jsonChunks);
