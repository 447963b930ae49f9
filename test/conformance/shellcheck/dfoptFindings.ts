import { createHash } from 'node:crypto';
import { shellRules } from '../../../rules/shell';
import { lint, RuleRegistry } from '../../../src';

/** The SC codes dfopt implements natively (rules/shell), the ones conformance compares. */
export const IMPLEMENTED_CODES: ReadonlySet<string> = new Set(shellRules.flatMap((r) => r.meta.aliases.filter((a) => a.startsWith('SC'))));

const registry = new RuleRegistry(shellRules);
// Each option at its plain default, not the recommended preset's: that one skips findings ShellCheck reports.
const shellCheckOptions = (meta: (typeof shellRules)[number]['meta']) => Object.fromEntries(Object.entries(meta.options ?? {}).map(([k, o]) => [k, o.default]));
const config = { rules: Object.fromEntries(shellRules.map((r) => [r.meta.id, ['warning', shellCheckOptions(r.meta)] as const])) };

/**
 * dfopt's native ShellCheck findings on a Dockerfile as `line:column:SCxxxx` keys (1-based, repeated per finding).
 * ShellCheck never sees the Dockerfile's `# hadolint ignore=` comments, so they are neutralised here too (the comment
 * stays, so lines do not move).
 */
export function dfoptShellFindings(text: string): string[] {
  const neutral = text.replace(/^([ \t]*#[ \t]*)(hadolint|dfopt-disable|check=)/gm, '$1ignored-$2');
  const out: string[] = [];
  for (const f of lint(neutral, { registry, config }).findings) {
    if (f.code && IMPLEMENTED_CODES.has(f.code)) out.push(`${f.range.start.line + 1}:${f.range.start.column + 1}:${f.code}`);
  }
  return out;
}

/** `line:SCxxxx` from `line:column:SCxxxx`: agreement is counted on code and line, as the issue defines it. */
export function lineAndCode(at: string): string {
  const [line, , code] = at.split(':');
  return `${line}:${code}`;
}

/** The code of a `line:column:SCxxxx` key. */
export function codeOf(at: string): string {
  return at.slice(at.lastIndexOf(':') + 1);
}

/** What a recorded sample file is checked against: the corpus file's content, hashed. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * Recorded ShellCheck 0.9.0 findings for a fixed sample of corpus files (`npm run shellcheck:conformance -- --record`).
 * Only references are stored, never the files (the corpus is not copied into the project): each file's name in
 * ../shared/corpus/files, the sha256 of its content when recorded, and ShellCheck's findings as `line:column:SCxxxx`
 * (1-based, mapped back to the Dockerfile).
 */
export interface RecordedSample {
  readonly shellcheck: string;
  readonly files: ReadonlyArray<{ readonly name: string; readonly sha256: string; readonly findings: readonly string[] }>;
}
