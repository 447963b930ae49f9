import { lint, RuleRegistry } from '../../src';
import cleanPackageCache from '../../rules/clean-package-cache';
import { stageScans } from '../support/stageScans';

// Issue 18: clean-package-cache's fix asks whether a later RUN of the stage (or an ONBUILD trigger, or a stage built
// FROM it) still reads the lists an `apt-get update` wrote, and it listed those RUNs for every finding: a stage of N
// updates cost N² (3,000 pairs of RUNs: 5 s of CPU for this rule alone). The answer is now worked out once per stage
// and family. Counted: instructions visited by scans of the stage (work, not time).

const N = 1500;
/** N RUNs that update and install, each followed by a RUN that purges; `middle` between the two halves. */
function stage(middle: string): string {
  const lines = ['FROM debian:12'];
  for (let i = 0; i < N; i++) {
    if (i === N / 2) lines.push(middle);
    lines.push(`RUN apt-get update && apt-get install -y pkg${i}`, `RUN apt-get purge -y pkg${i}`);
  }
  return `${lines.join('\n')}\n`;
}

const registry = new RuleRegistry([cleanPackageCache]);

describe('clean-package-cache over 1,500 apt-get updates in one stage', () => {
  it('declines the fix before a later install that reads the lists, offers it after, without a scan per finding', () => {
    let findings: ReturnType<typeof lint>['findings'] = [];
    const visited = stageScans(() => {
      findings = lint(stage('RUN apt-get install -y late'), { registry, config: { extends: 'all' } }).findings;
    });
    expect(findings).toHaveLength(N);
    const declined = findings.filter((f) => f.fix === null);
    expect(declined).toHaveLength(N / 2);
    expect(declined.every((f) => f.fixDeclined === 'a later apt command of the stage installs from these lists; clean up after the last one')).toBe(true);
    expect(findings.slice(N / 2).every((f) => f.fix?.edits[0]?.text === ' && rm -rf /var/lib/apt/lists/*')).toBe(true);
    // A scan per finding visits N findings × 3,000 instructions = 4.5 million.
    expect(visited).toBeLessThan(20 * 2 * N);
  });

  it('an ONBUILD trigger that installs counts wherever it stands', () => {
    const findings = lint(stage('ONBUILD RUN apt-get install -y late'), { registry, config: { extends: 'all' } }).findings;
    expect(findings).toHaveLength(N);
    expect(findings.every((f) => f.fix === null)).toBe(true);
  });
});
