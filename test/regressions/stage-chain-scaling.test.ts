import { lintText } from '../../src';
import { buildSemanticModel, parseDockerfile } from '../../src';
import { StageInheritance } from '../../rules/stageInheritance';

// Issue 18, item 3: remove-in-same-layer, modify-in-later-layer and archive-left-in-layer copied everything a stage
// had made into each stage built FROM it, so a chain of N stages each FROM the one before cost O(N²) time and memory
// (1,000 stages: 15 s and 1.8 GB; 2,000 ran out of memory). The last heir of a stage now takes its state as is.
// Before the change the 2,000-stage lint below took over a minute (beforeAll's 20 s limit is the guard).

function chain(n: number, last: string): string {
  const lines = ['FROM debian:12 AS s0', 'RUN curl -fsSLo /tmp/early.tgz https://example.com/early.tgz && curl -fsSLo /usr/local/bin/tool https://example.com/tool'];
  for (let i = 1; i < n; i++) lines.push(`FROM s${i - 1} AS s${i}`, `COPY --from=s0 /tmp/early.tgz /copies/c${i}.tgz`);
  lines.push(last);
  return `${lines.join('\n')}\n`;
}

describe('a chain of 2,000 stages, each FROM the one before', () => {
  const text = chain(2000, 'RUN rm /tmp/early.tgz && chmod +x /usr/local/bin/tool');
  const last = text.split('\n').length - 1;
  let findings: ReturnType<typeof lintText>['findings'] = [];
  beforeAll(() => {
    findings = lintText(text, { extends: 'all' }).findings;
  }, 20_000);
  const messages = (rule: string) => findings.filter((f) => f.ruleId === rule).map((f) => `${f.range.start.line + 1}: ${f.message.split(',')[0]}`);

  it('ties the delete and the chmod in the last stage to the RUN in the first', () => {
    expect(messages('remove-in-same-layer')).toEqual([`${last}: rm at line ${last} deletes /tmp/early.tgz`]);
    expect(messages('modify-in-later-layer')).toEqual([`${last}: chmod at line ${last} changes /usr/local/bin/tool`]);
  });
});

describe('StageInheritance', () => {
  const model = buildSemanticModel(parseDockerfile('FROM alpine AS base\nFROM base AS a\nFROM base AS b\nFROM b AS c\nFROM scratch\n'));
  const [base, a, b, c, last] = model.stages;

  it('copies for every heir but the last, which takes the state itself', () => {
    const stages = new StageInheritance<string[]>(model, () => [], (s) => [...s]);
    const start = stages.enter(base!);
    start.push('made in base');
    stages.exit(base!, start);
    const first = stages.enter(a!);
    expect(first).toEqual(['made in base']);
    expect(first).not.toBe(start);
    first.push('made in a');
    stages.exit(a!, first);
    const second = stages.enter(b!);
    expect(second).toBe(start);
    expect(second).toEqual(['made in base']);
    stages.exit(b!, second);
    expect(stages.enter(c!)).toBe(second);
    expect(stages.enter(last!)).toEqual([]);
  });
});
