import { buildSemanticModel, finalImageStages } from '../../src/model';
import { lintText, parseDockerfile } from '../../src';

// Issue 18, defect 4: 3,000 stages chained by `COPY --from` took over a minute to fix. Each stage lookup by name
// (the model's, and copy-from-known-stage's, unique-stage-names', stage-name-casing's, invalid-default-arg-in-from's)
// scanned every stage; the model now keeps stages by lower-cased name. What these tests pin is that the index
// answers as the scans did; the time lives in `npm run bench -- --only scaling`.
const chained = (n: number): string => {
  const lines = ['FROM alpine:3.20 AS s0', 'RUN echo start > /a'];
  for (let i = 1; i < n; i++) lines.push(`FROM alpine:3.20 AS s${i}`, `COPY --from=s${i - 1} /a /a`);
  return `${lines.join('\n')}\n`;
};
const findings = (text: string, rule: string) =>
  lintText(text, { extends: 'all' }).findings.filter((f) => f.ruleId === rule).map((f) => [f.range.start.line + 1, f.message]);

describe('stage lookups by name', () => {
  it('3,000 chained stages: every COPY --from resolves to the stage before', () => {
    const model = buildSemanticModel(parseDockerfile(chained(3000)));
    expect(model.stages).toHaveLength(3000);
    for (const stage of model.stages.slice(1)) expect(stage.dependencies.map((d) => d.stage)).toEqual([model.stages[stage.index - 1]]);
    expect(findings(chained(3000), 'copy-from-known-stage')).toEqual([]);
  });

  it('the first stage of a name wins, compared case-insensitively, as before', () => {
    const text = 'FROM alpine:3.20 AS Build\nFROM alpine:3.20 AS build\nFROM alpine:3.20 AS other\nCOPY --from=BUILD /a /a\n';
    const model = buildSemanticModel(parseDockerfile(text));
    expect(model.stageByReference('build')).toBe(model.stages[0]);
    expect(model.stageByReference('1')).toBe(model.stages[1]);
    expect(model.stageByReference('nope')).toBeUndefined();
    expect(model.stagesNamed('BUILD')).toEqual([model.stages[0], model.stages[1]]);
    expect(model.stagesNamed('missing')).toEqual([]);
    expect(model.stages[2]!.dependencies[0]!.stage).toBe(model.stages[0]);
    expect(findings(text, 'unique-stage-names')).toEqual([
      [2, "Stage name 'build' at line 2 is already used by the stage at line 1; give each stage a unique name."],
    ]);
  });

  it('a stage named only later is reported as later; an unknown one as unknown', () => {
    const text = 'FROM alpine:3.20 AS a\nCOPY --from=b /x /x\nCOPY --from=c /x /x\nFROM alpine:3.20 AS b\n';
    expect(findings(text, 'copy-from-known-stage').map(([line, message]) => [line, (message as string).split(' ').slice(2, 6).join(' ')])).toEqual([
      [2, "names stage 'b', which"],
      [3, 'names no earlier stage,'],
    ]);
  });

  it('a long FROM <previous stage> chain: the final image is every stage, base first', () => {
    const lines = ['FROM alpine:3.20 AS s0'];
    for (let i = 1; i < 3000; i++) lines.push(`FROM s${i - 1} AS s${i}`);
    const model = buildSemanticModel(parseDockerfile(`${lines.join('\n')}\n`));
    expect(finalImageStages(model)).toEqual(model.stages);
  });
});
