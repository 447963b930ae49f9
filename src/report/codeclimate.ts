import type { Category, Severity } from '../engine';
import { fingerprints } from './fingerprints';
import { repoRelativePath } from './paths';
import { linesOf, oneBased } from './positions';
import { type ChunkedReporter, type FileResult, joined, writeJsonArray } from './types';

/** GitLab's scale is info, minor, major, critical, blocker; a dfopt error fails the build, which GitLab calls major. */
const SEVERITY: Record<Severity, 'info' | 'minor' | 'major'> = { error: 'major', warning: 'minor', info: 'info', style: 'info' };

/** Code Climate's fixed category list. */
const CATEGORY: Record<Category, string> = {
  correctness: 'Bug Risk',
  security: 'Security',
  size: 'Performance',
  cache: 'Performance',
  maintainability: 'Clarity',
  style: 'Style',
};

/**
 * Code Climate issues as GitLab Code Quality reads them (`artifacts:reports:codequality`): description, check_name,
 * severity, location.path relative to the repository root with begin/end positions, and a fingerprint that stays the
 * same across runs and unrelated edits.
 */
export const codeclimateChunks: ChunkedReporter = (results, options, write) => {
  const categoryOf = new Map((options.rules ?? []).map((meta) => [meta.id, CATEGORY[meta.category]]));
  const issues = function* () {
    for (const result of results) yield* issuesOf(result);
  };
  const issuesOf = (result: FileResult) => {
    const path = repoRelativePath(result.file, options.cwd);
    const hashes = fingerprints(result.findings, path, linesOf(result));
    return result.findings.map((finding, i) => {
      const { line, column, endLine, endColumn } = oneBased(finding.range);
      const category = categoryOf.get(finding.ruleId);
      return {
        type: 'issue',
        check_name: finding.ruleId,
        description: finding.message,
        content: { body: `[${finding.ruleId}](${finding.docsUrl})` },
        ...(category ? { categories: [category] } : {}),
        severity: SEVERITY[finding.severity],
        fingerprint: hashes[i]!,
        location: { path, positions: { begin: { line, column }, end: { line: endLine, column: endColumn } } },
      };
    });
  };
  writeJsonArray(issues(), 0, write);
  write('\n');
};

export const codeclimate = joined(codeclimateChunks);
