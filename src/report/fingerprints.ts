import type { Finding } from '../engine';
import type { SourceLines } from './positions';

/**
 * A 64-bit non-cryptographic hash as 16 hex digits (two multiply-xorshift lanes, as in cyrb53). Fingerprints only
 * need to tell findings apart and stay the same across runs; this keeps node:crypto out of every `dfopt` start-up.
 */
export function stableHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

/**
 * One fingerprint per finding, the same from run to run and after edits elsewhere in the file: it hashes the rule,
 * the path and the flagged line's content (whitespace collapsed), not line numbers or the message (messages name
 * line numbers). Identical lines flagged by the same rule are told apart by their order. Without the source text
 * the message stands in for the line's content.
 */
export function fingerprints(findings: readonly Finding[], path: string, source: SourceLines | undefined): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const content = source ? source.lineText(finding.range.start.line).trim().replace(/\s+/g, ' ') : finding.message;
    const key = `${finding.ruleId}\0${path}\0${content}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return stableHash(`${key}\0${occurrence}`);
  });
}
