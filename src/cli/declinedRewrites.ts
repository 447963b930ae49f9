import type { Finding, RuleRegistry } from '../engine';

/** A size rewrite `dfopt fix` considered and did not make, with why in one line (issue 21 item 5). */
export interface DeclinedRewrite {
  readonly ruleId: string;
  /** 1-based, where the finding is in the fixed text. */
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

/** Rules state why they offer no fix as `(no automatic fix: <reason>)` at the end of their message. */
const NO_FIX = /\(no automatic fix: (.+)\)\.?$/s;

/**
 * The size findings left after fixing whose rewrite was not made: the rule declined it (the reason its message
 * gives), or the fix is unsafe and --unsafe was not given.
 */
export function declinedRewrites(findings: readonly Finding[], registry: RuleRegistry, unsafe: boolean): DeclinedRewrite[] {
  const out: DeclinedRewrite[] = [];
  for (const finding of findings) {
    const meta = registry.get(finding.ruleId)?.meta;
    if (meta?.category !== 'size') continue;
    const at = { ruleId: finding.ruleId, line: finding.range.start.line + 1, column: finding.range.start.column + 1 };
    if (finding.fix?.safety === 'unsafe' && !unsafe) {
      out.push({ ...at, reason: `its fix may change the image: run with --unsafe to apply it${finding.fix.description ? ` (${finding.fix.description})` : ''}` });
      continue;
    }
    const declined = finding.fix ? null : NO_FIX.exec(finding.message);
    if (declined) out.push({ ...at, reason: declined[1]!.replace(/\s+/g, ' ') });
  }
  return out;
}
