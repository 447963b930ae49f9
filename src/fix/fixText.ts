import { type Finding, lint, type LintOptions } from '../engine';
import type { SizeEstimate } from '../sizes';
import { applyEdits } from './applyEdits';
import { appendToContextFile, type ContextFileChange, overlayContext } from './contextFiles';

export const MAX_PASSES = 10;

export interface FixOptions extends LintOptions {
  /** Also apply fixes that may change what the image contains or runs. */
  readonly unsafe?: boolean;
  /** Only fixes of these rule ids. */
  readonly only?: ReadonlySet<string>;
}

export interface AppliedDescription {
  readonly ruleId: string;
  readonly description: string;
  readonly explanation: readonly string[];
}

export interface FixResult {
  /** The fixed text; the input itself when nothing applied or the input did not parse. */
  readonly output: string;
  /** False when the input has a syntax error: then nothing is fixed. */
  readonly parsed: boolean;
  readonly passes: number;
  /** Fixes applied, per rule id. */
  readonly applied: ReadonlyMap<string, number>;
  /** What the applied fixes that describe themselves did (the optimizer's rewrites), in order. */
  readonly descriptions: readonly AppliedDescription[];
  /** Files of the build context the applied fixes write (`.dockerignore`), by path relative to its root. */
  readonly files: ReadonlyMap<string, ContextFileChange>;
  /** Findings on the output. */
  readonly findings: readonly Finding[];
  /**
   * Estimates of the input's size findings that the output no longer has (sum them with sumEstimates): what the
   * fixes saved, also when a finding went away through another rule's fix (chain-run merging a delete into the RUN
   * that made the file).
   */
  readonly estimates: readonly SizeEstimate[];
  /** Set when a pass produced text that no longer parses: that pass was dropped (a bug in those rules' fixes). */
  readonly brokenPass?: { readonly rules: readonly string[]; readonly message: string };
}

const eligible = (f: Finding, options: FixOptions): boolean =>
  f.fix !== null && (f.fix.safety === 'safe' || options.unsafe === true) && (!options.only || options.only.has(f.ruleId));

/**
 * Fixes Dockerfile text as ESLint does: apply every eligible fix whose edits do not overlap, re-lint, repeat until
 * nothing changes (at most 10 passes). A pass whose output fails to parse is dropped. Pure: no file system.
 */
export function fixText(text: string, options: FixOptions): FixResult {
  const first = lintFindings(text, options);
  if (!first.parsed) return { output: text, parsed: false, passes: 0, applied: new Map(), descriptions: [], files: new Map(), findings: first.findings, estimates: [] };
  let { findings } = first;
  const applied = new Map<string, number>();
  const initial = findings;
  const descriptions: AppliedDescription[] = [];
  const files = new Map<string, ContextFileChange>();
  let current = text;
  let passes = 0;
  while (passes < MAX_PASSES) {
    const fixable = findings.filter((f) => eligible(f, options));
    if (fixable.length === 0) break;
    const edited = applyEdits(current, fixable.map((f) => f.fix!.edits));
    const pendingFiles = new Map(files);
    for (const i of edited.applied) for (const file of fixable[i]!.fix!.files ?? []) appendToContextFile(pendingFiles, options.buildContext, file);
    if (edited.text === current && pendingFiles.size === files.size && [...pendingFiles].every(([p, f]) => files.get(p) === f)) break;
    const next = lintFindings(edited.text, { ...options, buildContext: overlayContext(options.buildContext, pendingFiles) });
    const rules = [...new Set(edited.applied.map((i) => fixable[i]!.ruleId))];
    if (!next.parsed) {
      const message = next.findings[0]?.message ?? 'the fixed text does not parse';
      return { output: current, parsed: true, passes, applied, descriptions, files, findings, estimates: resolved(initial, findings), brokenPass: { rules, message } };
    }
    for (const i of edited.applied) {
      const finding = fixable[i]!;
      applied.set(finding.ruleId, (applied.get(finding.ruleId) ?? 0) + 1);
      const { description, explanation } = finding.fix!;
      if (description) descriptions.push({ ruleId: finding.ruleId, description, explanation: explanation ?? [] });
    }
    current = edited.text;
    for (const [path, change] of pendingFiles) files.set(path, change);
    findings = next.findings;
    passes++;
  }
  return { output: current, parsed: true, passes, applied, descriptions, files, findings, estimates: resolved(initial, findings) };
}

/**
 * A lint's findings, and whether the text parsed, without its tree and model: a pass keeps only these, so that the
 * next pass's lint runs with the previous one's tree and model out of reach (~30 MB live on a fuzz giant's RUN of
 * 9,000 lines, which the collector went on tracing and copying).
 */
function lintFindings(text: string, options: LintOptions): { readonly parsed: boolean; readonly findings: readonly Finding[] } {
  const result = lint(text, options);
  return { parsed: result.ast !== null, findings: result.findings };
}

/**
 * Estimates of `before`'s findings that `after` has no match for (same rule, bytes and basis; lines move). A
 * whole-image finding (use-multi-stage) that is still there after the fix matches by rule alone: its figure shrinks
 * with every other saving (the apt lists are gone), which is not the rewrite being made.
 */
function resolved(before: readonly Finding[], after: readonly Finding[]): SizeEstimate[] {
  const key = (f: Finding): string => (f.estimate!.wholeImage ? `${f.ruleId}\0whole` : `${f.ruleId}\0${f.estimate!.bytes}\0${f.estimate!.basis}`);
  const left = new Map<string, number>();
  for (const f of after) if (f.estimate) left.set(key(f), (left.get(key(f)) ?? 0) + 1);
  const gone: SizeEstimate[] = [];
  for (const f of before) {
    if (!f.estimate) continue;
    const n = left.get(key(f)) ?? 0;
    if (n > 0) left.set(key(f), n - 1);
    else gone.push(f.estimate);
  }
  return gone;
}
