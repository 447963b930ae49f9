import { lint, RuleRegistry } from '../../src/engine';
import { everyRun } from '../support/everyRunRule';
import { arrayScans } from '../support/stageScans';

// Issue 18: inline suppressions cost a scan per directive and per finding. Each `# hadolint ignore=` and
// `# dfopt-disable-next-line` looked for its instruction through every instruction, each instruction collected its
// BuildKit `# check=` comments by filtering every comment, and each finding was checked against every span: a file of
// N directives before N RUNs did N² work in each. Counted: elements visited by Array scans over lists of 1,000 or
// more (work, not time).

const registry = new RuleRegistry([everyRun]);

const SCANS = ['filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'some', 'every', 'indexOf', 'lastIndexOf', 'includes', 'map', 'forEach', 'reduce'] as const;

/** Elements visited by Array scans of lists of 1,000 or more while `run` runs (the whole list counted per call). */
const work = (run: () => void): number => arrayScans(run, SCANS);

/** N RUNs, each behind one kind of suppression; every fifth names another rule and is reported. */
function directives(n: number): { text: string; reported: number[] } {
  const lines = ['FROM debian:12'];
  const reported: number[] = [];
  for (let i = 0; i < n; i++) {
    switch (i % 5) {
      case 0:
        lines.push('# hadolint ignore=DL9001', `RUN a${i}`);
        break;
      case 1:
        lines.push('# dfopt-disable-next-line every-run -- generated', `RUN a${i}`);
        break;
      case 2:
        lines.push('# dfopt-disable every-run', `RUN a${i} \\`, '  && b', '# dfopt-enable every-run');
        break;
      case 3:
        lines.push('# check=skip=EveryRun', `RUN a${i}`);
        break;
      default:
        lines.push('# hadolint ignore=DL3008', `RUN a${i}`);
        reported.push(lines.length);
    }
  }
  return { text: `${lines.join('\n')}\n`, reported };
}

describe('suppressions in a file of 5,000 directives before 5,000 RUNs', () => {
  it('resolves every directive and finding without a scan per directive or per finding', () => {
    const n = 5000;
    const { text, reported } = directives(n);
    let lines: number[] = [];
    const visited = work(() => {
      lines = lint(text, { registry, config: { extends: 'all' } }).findings.map((f) => f.range.start.line + 1);
    });
    expect(lines).toEqual(reported);
    // A scan per directive or per finding visits N² = 25 million (65 million before the change; 10,001 after).
    expect(visited).toBeLessThan(10 * n);
  });

  it('a dfopt-disable left open runs to the end; an enable closes only what it names', () => {
    const text = [
      'FROM debian:12',
      'RUN a',
      '# dfopt-disable DL9001',
      'RUN b',
      '# dfopt-enable other-rule',
      'RUN c',
      '# dfopt-enable',
      'RUN d',
      '# dfopt-disable',
      'RUN e',
      '',
    ].join('\n');
    const findings = lint(text, { registry, config: { extends: 'all' } }).findings;
    expect(findings.filter((f) => f.ruleId === 'every-run').map((f) => f.range.start.line + 1)).toEqual([2, 8]);
    // other-rule is unknown: reported, and closes nothing.
    expect(findings.filter((f) => f.ruleId !== 'every-run').map((f) => f.range.start.line + 1)).toEqual([5]);
  });
});
