import { pathToFileURL } from 'node:url';
import { docsUrl, type Finding, type RuleMeta, type Severity } from '../engine';
import { fingerprints } from './fingerprints';
import { repoRelativePath, relativeUri } from './paths';
import { linesOf, oneBased, reportedEdits } from './positions';
import { type ChunkedReporter, type FileResult, joined, writeJsonArray } from './types';

/** SARIF has three levels that mean a problem; dfopt's info and style are both advice. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', style: 'note' };

/** Where result locations are rooted; GitHub code scanning resolves it to the repository checkout. */
const SRCROOT = '%SRCROOT%';

/** Versioned, as SARIF asks of partialFingerprints keys, so a new scheme never matches old alerts by accident. */
const FINGERPRINT_KEY = 'dfoptLineHash/v1';

const region = (r: { line: number; column: number; endLine: number; endColumn: number }) => ({
  startLine: r.line,
  startColumn: r.column,
  endLine: r.endLine,
  endColumn: r.endColumn,
});

/** A rule's reportingDescriptor, from the registry's metadata when given, else from what a finding of it carries. */
function ruleDescriptor(id: string, meta: RuleMeta | undefined, sample: Finding) {
  const helpUri = sample.docsUrl || docsUrl(id);
  if (!meta) {
    return { id, helpUri, defaultConfiguration: { level: LEVEL[sample.severity] }, properties: { aliases: sample.aliases } };
  }
  return {
    id,
    shortDescription: { text: meta.docs.summary },
    fullDescription: { text: meta.docs.rationale },
    help: { text: `${meta.docs.summary} ${meta.docs.rationale} See ${helpUri}`, markdown: `${meta.docs.summary}\n\n${meta.docs.rationale}\n\n[Documentation](${helpUri})` },
    helpUri,
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { aliases: meta.aliases, category: meta.category, fix: meta.fix, tags: [meta.category] },
  };
}

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one run, the rules that have results, results located relative to
 * %SRCROOT% with 1-based regions (columns in UTF-16 code units) and partialFingerprints, fixes as replacements.
 * Written as JSON.stringify(log, null, 2) would, with the results (the bulk) made and written one file at a time.
 */
export const sarifChunks: ChunkedReporter = (results, options, write) => {
  const metaById = new Map((options.rules ?? []).map((meta) => [meta.id, meta]));
  // The rules come before the results in the log: in the order their first result comes.
  const ruleIndex = new Map<string, number>();
  const rules: ReturnType<typeof ruleDescriptor>[] = [];
  for (const result of results) {
    for (const finding of result.findings) {
      if (ruleIndex.has(finding.ruleId)) continue;
      ruleIndex.set(finding.ruleId, rules.push(ruleDescriptor(finding.ruleId, metaById.get(finding.ruleId), finding)) - 1);
    }
  }
  const resultsOf = (result: FileResult) => {
    const source = linesOf(result);
    const path = repoRelativePath(result.file, options.cwd);
    const artifactLocation = { uri: relativeUri(path), uriBaseId: SRCROOT };
    const hashes = fingerprints(result.findings, path, source);
    return result.findings.map((finding, i) => {
      const fix = finding.fix;
      const edits = fix && source ? reportedEdits(fix, source) : [];
      return {
        ruleId: finding.ruleId,
        ruleIndex: ruleIndex.get(finding.ruleId)!,
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [{ physicalLocation: { artifactLocation, region: region(oneBased(finding.range)) } }],
        partialFingerprints: { [FINGERPRINT_KEY]: hashes[i]! },
        // Replacements need the source to be placed by line and column; without it the fix is left out.
        ...(fix && edits.length > 0
          ? {
              fixes: [
                {
                  description: { text: fix.description ?? `${fix.safety === 'safe' ? 'Safe' : 'Unsafe'} fix (dfopt fix${fix.safety === 'unsafe' ? ' --unsafe' : ''})` },
                  artifactChanges: [
                    {
                      artifactLocation,
                      replacements: edits.map((edit) => ({
                        deletedRegion: region(edit as Required<typeof edit>),
                        insertedContent: { text: edit.text },
                      })),
                    },
                  ],
                },
              ],
            }
          : {}),
        ...(finding.code || finding.estimate
          ? {
              properties: {
                ...(finding.code ? { code: finding.code, codes: finding.codes } : {}),
                ...(finding.estimate ? { estimatedBytes: finding.estimate.bytes, estimateBasis: finding.estimate.basis } : {}),
              },
            }
          : {}),
      };
    });
  };
  const run = {
    tool: {
      driver: {
        name: 'dfopt',
        ...(options.toolVersion ? { version: options.toolVersion, semanticVersion: options.toolVersion } : {}),
        rules,
      },
    },
    ...(options.cwd ? { originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(`${options.cwd}/`).href } } } : {}),
    columnKind: 'utf16CodeUnits',
    results: [],
  };
  // `results` is the run's last key and the run the log's only one: what follows its array only closes them.
  const log = JSON.stringify({ $schema: 'https://json.schemastore.org/sarif-2.1.0.json', version: '2.1.0', runs: [run] }, null, 2);
  const at = log.lastIndexOf('[]');
  write(log.slice(0, at));
  writeJsonArray(
    (function* () {
      for (const result of results) yield* resultsOf(result);
    })(),
    3,
    write,
  );
  write(`${log.slice(at + 2)}\n`);
};

export const sarif = joined(sarifChunks);
