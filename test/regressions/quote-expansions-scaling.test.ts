import { lintText } from '../../src';
import { PersistentMap } from '../../src/model/persistentMap';

// Issue 18: quote-expansions built a Set of every ARG and ENV name in scope for each RUN, so N RUNs after N ENVs cost
// O(N²) (a 10k-line lint spent a quarter of its time there). It now looks names up in the scope maps. The guard is the
// number of walks over a scope, not the time: before the change the quote-expansions run below made 2 × 300 walks.

function envsThenRuns(n: number): string {
  const lines = ['FROM debian:12'];
  for (let i = 0; i < n; i++) lines.push(`ARG A${i}=a`, `ENV E${i}=e`);
  for (let i = 0; i < n; i++) lines.push(`RUN cp $A${i} $E${i} $u${i} /tmp/`);
  return `${lines.join('\n')}\n`;
}

function scopeWalks(text: string, quoteExpansions: 'info' | 'off'): { walks: number; lines: number[] } {
  const entries = jest.spyOn(PersistentMap.prototype, 'entries');
  try {
    const findings = lintText(text, { extends: 'all', rules: { 'quote-expansions': quoteExpansions } }).findings;
    return { walks: entries.mock.calls.length, lines: findings.filter((f) => f.ruleId === 'quote-expansions').map((f) => f.range.start.line + 1) };
  } finally {
    entries.mockRestore();
  }
}

describe('quote-expansions over 300 RUNs after 300 ARGs and ENVs', () => {
  it('walks no ARG/ENV scope and still knows which names are declared', () => {
    const text = envsThenRuns(300);
    const on = scopeWalks(text, 'info');
    const off = scopeWalks(text, 'off');
    expect(on.walks - off.walks).toBe(0);
    // $A<i> and $E<i> are declared literals; only the undeclared $u<i> of each RUN is reported.
    expect(on.lines).toEqual(Array.from({ length: 300 }, (_, i) => 602 + i));
    expect(off.lines).toEqual([]);
  });
});
