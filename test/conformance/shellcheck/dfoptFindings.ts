import { shellRules } from '../../../rules/shell';
import { lint, RuleRegistry } from '../../../src';

/** The SC codes dfopt implements natively (rules/shell), the ones conformance compares. */
export const IMPLEMENTED_CODES: ReadonlySet<string> = new Set(shellRules.flatMap((r) => r.meta.aliases.filter((a) => a.startsWith('SC'))));

const registry = new RuleRegistry(shellRules);
const config = { rules: Object.fromEntries(shellRules.map((r) => [r.meta.id, 'warning' as const])) };

/**
 * dfopt's native ShellCheck findings on a Dockerfile as `line:SCxxxx` keys (1-based lines, repeated per finding).
 * ShellCheck never sees the Dockerfile's `# hadolint ignore=` comments, so they are neutralised here too (the comment
 * stays, so lines do not move).
 */
export function dfoptShellFindings(text: string): string[] {
  const neutral = text.replace(/^([ \t]*#[ \t]*)(hadolint|dfopt-disable|check=)/gm, '$1ignored-$2');
  const out: string[] = [];
  for (const f of lint(neutral, { registry, config }).findings) if (f.code && IMPLEMENTED_CODES.has(f.code)) out.push(`${f.range.start.line + 1}:${f.code}`);
  return out;
}

/** Recorded ShellCheck 0.9.0 findings for a fixed sample of corpus files (`npm run shellcheck:conformance -- --record`). */
export interface RecordedSample {
  readonly shellcheck: string;
  readonly files: ReadonlyArray<{ readonly name: string; readonly text: string; readonly findings: readonly string[] }>;
}
