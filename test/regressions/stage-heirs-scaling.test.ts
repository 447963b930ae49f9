import { lint, RuleRegistry } from '../../src';
import undefinedVar from '../../rules/buildkit-checks/undefined-var';
import healthcheckPresent from '../../rules/instructions/healthcheck-present';
import useraddNoLogInit from '../../rules/shell-commands/useradd-no-log-init';
import { stageScans } from '../support/stageScans';

// Issue 18 (linear cost): three rules looked through a base stage again for every stage built on it.
// healthcheck-present walked each stage's FROM chain for a HEALTHCHECK and undefined-var each base's instructions for
// ONBUILD, so N stages FROM one stage of M instructions cost N × M (50k lines: 2.2 s and 2.3 s of CPU);
// useradd-no-log-init walked the FROM chain to its image for every RUN (a 30k-line chain: 3.3 s). Counted: elements
// of instruction lists of 1,000 or more that scans visit (work, not time).

const N = 1000;
/** A stage of N COPYs, then N stages built FROM it. */
function heirs(last: string): string {
  const lines = ['FROM scratch AS base', ...Array.from({ length: N }, (_, i) => `COPY f${i} /f${i}`)];
  for (let i = 0; i < N; i++) lines.push(`FROM base AS s${i}`, i === N - 1 ? last : `COPY g${i} /g${i}`);
  return `${lines.join('\n')}\n`;
}

describe(`${N} stages built FROM one stage of ${N} instructions`, () => {
  it('healthcheck-present and undefined-var look at the base once', () => {
    const registry = new RuleRegistry([healthcheckPresent, undefinedVar]);
    let findings: ReturnType<typeof lint>['findings'] = [];
    const visited = stageScans(() => {
      findings = lint(heirs('ENV X=$NOPE'), { registry, config: { extends: 'all' } }).findings;
    });
    // Every stage lacks a HEALTHCHECK but only the unused ones are reported: the N heirs; $NOPE is undefined in a
    // chain that starts at scratch.
    expect(findings.filter((f) => f.ruleId === 'healthcheck-present')).toHaveLength(N);
    expect(findings.filter((f) => f.ruleId === 'undefined-var').map((f) => f.range.start.line + 1)).toEqual([3 * N + 1]);
    // A scan of the base per heir visits N × N = 1,000,000 elements for each rule.
    expect(visited).toBeLessThan(10 * N);
  });

  it('a HEALTHCHECK in the base counts for every stage built on it', () => {
    const registry = new RuleRegistry([healthcheckPresent]);
    const text = heirs('COPY x /x').replace('COPY f0 /f0', 'HEALTHCHECK CMD true');
    expect(lint(text, { registry, config: { extends: 'all' } }).findings).toHaveLength(0);
  });

  it('useradd-no-log-init reads the image at the bottom of a FROM chain without walking it per RUN', () => {
    const lines = ['FROM debian:12 AS s0'];
    for (let i = 1; i <= N; i++) lines.push(`FROM s${i - 1} AS s${i}`, `RUN useradd -m -u ${100000 + i} u${i}`);
    const registry = new RuleRegistry([useraddNoLogInit]);
    const findings = lint(`${lines.join('\n')}\n`, { registry, config: { extends: 'all' } }).findings;
    expect(findings).toHaveLength(N);
    // Debian 12 at the bottom of every chain: each finding says so and carries the measured 0-byte estimate.
    expect(findings.every((f) => f.message.includes("Debian 12's useradd") && f.estimate?.bytes === 0)).toBe(true);
  });
});
