import { lint, RuleRegistry } from '../../src';
import removeInSameLayer from '../../rules/remove-in-same-layer';

// Issue 18: remove-in-same-layer sizes a package removal from the Debian data, and for that listed everything the
// stage had made so far (every path and package, sorted) and filtered it down to the packages, once per removal:
// N installs and then N purges cost N² (1,000 pairs 131 ms, 2,000 pairs 404 ms for this rule alone). What stays
// installed matters only to an autoremove, so it is now listed only then, and from the packages alone. Counted:
// elements of lists of tracked items (objects with `kind` and `key`) that filter visits (work, not time).

function trackedFilterVisits(run: () => void): number {
  const original = Array.prototype.filter;
  let visited = 0;
  Array.prototype.filter = function (this: unknown[], ...args: unknown[]) {
    const first = this[0] as { kind?: unknown; key?: unknown } | undefined;
    if (this.length >= 1000 && first?.kind !== undefined && first.key !== undefined) visited += this.length;
    return (original as (...a: unknown[]) => unknown[]).apply(this, args);
  } as typeof original;
  try {
    run();
  } finally {
    Array.prototype.filter = original;
  }
  return visited;
}

const registry = new RuleRegistry([removeInSameLayer]);
const lintAll = (lines: string[]) => lint(`${lines.join('\n')}\n`, { registry, config: { extends: 'all' } }).findings;

describe('remove-in-same-layer sizing N package removals', () => {
  it('1,500 installs then 1,500 purges: every purge reported, without listing the stage per purge', () => {
    const N = 1500;
    const lines = ['FROM debian:12'];
    for (let i = 0; i < N; i++) lines.push(`RUN apt-get install -y pkg${i}`);
    for (let i = 0; i < N; i++) lines.push(`RUN apt-get purge -y pkg${i}`);
    let findings: ReturnType<typeof lint>['findings'] = [];
    const visited = trackedFilterVisits(() => {
      findings = lintAll(lines);
    });
    expect(findings).toHaveLength(N);
    expect(findings[0]!.message).toMatch(/^apt-get purge at line 1502 removes pkg0, which apt-get install at line 2 installed/);
    // A listing per purge visited every item still alive: 626,250 before.
    expect(visited).toBeLessThan(20 * N);
  });

  it('an autoremove still counts what another package keeps installed', () => {
    const estimate = (install: string) =>
      lintAll(['FROM debian:12', `RUN apt-get update && apt-get install -y ${install}`, 'RUN apt-get purge -y --auto-remove curl'])[0]?.estimate;
    const alone = estimate('curl');
    const beside = estimate('curl wget');
    expect(alone?.basis).toBe('Installed-Size of 16 packages and dependencies removed (Debian 12 data)');
    // wget keeps one of curl's dependencies.
    expect(beside?.basis).toBe('Installed-Size of 15 packages and dependencies removed (Debian 12 data)');
    expect(beside!.bytes).toBeLessThan(alone!.bytes);
  });
});
