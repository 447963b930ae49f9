import { lintText } from '../../src';
import { buildSemanticModel, parseDockerfile } from '../../src';
import { indexVersions, PathIndex } from '../../rules/pathIndex';
import { StageInheritance } from '../../rules/stageInheritance';

// Issue 18: remove-in-same-layer and modify-in-later-layer copied the whole PathIndex of a stage into every stage built
// FROM it but the last, so N stages FROM one stage of M files cost O(N × M) (2,000 × 2,000: 36 s CPU). Those heirs now
// share the base's index and roll back what they changed. The guard is the number of copies, not the time: before the
// change the lint below made 2 × 599 copies.

function fanOut(n: number): string {
  const lines = ['FROM debian:12 AS base', ...Array.from({ length: n }, (_, i) => `COPY f${i} /app/f${i}`), 'RUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz'];
  for (let i = 0; i < n; i++) lines.push(`FROM base AS h${i}`, `RUN chmod +x /app/f${i} && rm /tmp/a.tgz`);
  return `${lines.join('\n')}\n`;
}

describe('600 stages built FROM one stage of 600 files', () => {
  it('ties the final stage’s chmod and delete to the base, copying no index', () => {
    const clone = jest.spyOn(PathIndex.prototype, 'clone');
    try {
      const findings = lintText(fanOut(600), { extends: 'all' }).findings;
      expect(clone).toHaveBeenCalledTimes(0);
      const lines = (rule: string) => findings.filter((f) => f.ruleId === rule).map((f) => f.range.start.line + 1);
      // Only the final image's stage reports; the 599 heirs before it have left the base's index as it was.
      expect(lines('modify-in-later-layer')).toEqual([1802]);
      expect(lines('remove-in-same-layer')).toEqual([1802]);
    } finally {
      clone.mockRestore();
    }
  });
});

describe('StageInheritance with versions', () => {
  const track = new Set(['content']);
  const item = (key: string) => ({ kind: 'file', key, inst: {}, touched: false });
  const keys = (index: PathIndex<ReturnType<typeof item>>) => [...index].map((i) => `${i.key}${i.touched ? '*' : ''}`);

  it('gives each heir its base’s state, copying only a state wanted later that lies above the one asked for', () => {
    // a and b FROM base; c FROM a comes after b, so a's state is copied when b needs base's.
    const model = buildSemanticModel(parseDockerfile('FROM alpine AS base\nFROM base AS a\nFROM base AS b\nFROM a AS c\nFROM base AS d\n'));
    const [base, a, b, c, d] = model.stages;
    let copies = 0;
    const stages = new StageInheritance(model, () => new PathIndex<ReturnType<typeof item>>(track), (s) => (copies++, s.clone()), indexVersions());
    const s0 = stages.enter(base!);
    const [x, y] = [item('/x'), item('/y')];
    s0.add(x);
    s0.add(y);
    stages.exit(base!, s0);

    const sa = stages.enter(a!);
    expect(sa).toBe(s0);
    sa.delete(x);
    sa.touch(y);
    sa.add(item('/a'));
    stages.exit(a!, sa);

    const sb = stages.enter(b!);
    expect(copies).toBe(1);
    expect(keys(sb)).toEqual(['/x', '/y']);
    sb.add(item('/b'));
    stages.exit(b!, sb);

    const sc = stages.enter(c!);
    expect(keys(sc)).toEqual(['/y*', '/a']);
    stages.exit(c!, sc);

    const sd = stages.enter(d!);
    expect(sd).toBe(s0);
    expect(keys(sd)).toEqual(['/x', '/y']);
    expect(copies).toBe(1);
  });
});

describe('PathIndex.candidates startingWith', () => {
  // Taking every item of the prefix's directory made N chmods of files in one directory of N files visit N² items.
  it('takes only the entries of the directory whose name starts with the prefix’s last segment', () => {
    const index = new PathIndex<{ kind: string; key: string; inst: object; touched: boolean }>(new Set());
    for (const key of ['/app', '/app/f1', '/app/f10', '/app/f1/x', '/app/g', '/app/g/f1', '/opt/f1']) index.add({ kind: 'file', key, inst: {}, touched: false });
    const keys = (prefix: string) => index.candidates({ startingWith: [prefix] }).map((i) => i.key);
    expect(keys('/app/f1')).toEqual(['/app', '/app/f1', '/app/f10', '/app/f1/x']);
    expect(keys('/app/')).toEqual(['/app', '/app/f1', '/app/f10', '/app/f1/x', '/app/g', '/app/g/f1']);
    expect(keys('/app/h')).toEqual(['/app']);
  });
});
