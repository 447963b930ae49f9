import { lint, RuleRegistry } from '../../src';
import cacheOrder from '../../rules/size/cache-order';
import modifyInLaterLayer from '../../rules/size/modify-in-later-layer';
import { stageScans } from '../support/stageScans';

// Issue 18: modify-in-later-layer (a chown to a named user, whose fix must not move past a RUN that creates users)
// and cache-order (whose fix moves a COPY past what stands before the install) filtered the whole stage for the
// instructions between two of them, once per finding: N findings in a stage of N instructions visited N² elements.
// They now take them by binary search (instructionsBetween in rules/runSeparators.ts). Counted: instructions visited
// by scans of the stage (work, not time).

const N = 1000;
const lintWith = (rule: typeof cacheOrder, lines: string[]) => {
  let findings: ReturnType<typeof lint>['findings'] = [];
  const visited = stageScans(() => {
    findings = lint(`${lines.join('\n')}\n`, { registry: new RuleRegistry([rule]), config: { extends: 'all' } }).findings;
  });
  return { findings, visited };
};

describe('modify-in-later-layer: 1,000 chowns to a named user, each of an earlier layer\'s file', () => {
  it('folds each into the COPY that made the file, without a scan of the stage per chown', () => {
    const lines = ['FROM debian:12'];
    for (let i = 0; i < N; i++) lines.push(`COPY blob${i}.bin /blob${i}.bin`);
    for (let i = 0; i < N; i++) lines.push(`RUN chown app /blob${i}.bin`);
    const { findings, visited } = lintWith(modifyInLaterLayer, lines);
    expect(findings).toHaveLength(N);
    expect(findings.every((f) => f.fix !== null)).toBe(true);
    expect(findings[0]!.message).toMatch(/which COPY at line 2 created in an earlier layer, .*set the owner with COPY --chown=app:0 at line 2\.$/);
    // A scan per chown visits N × 2N = 2 million.
    expect(visited).toBeLessThan(20 * N);
  });

  it('moves each into the RUN that made the file, without a scan of the stage per chown', () => {
    const lines = ['FROM debian:12'];
    for (let i = 0; i < N; i++) lines.push(`RUN curl -o /blob${i}.bin https://example.com/${i}`);
    for (let i = 0; i < N; i++) lines.push(`RUN chown app /blob${i}.bin`);
    const { findings, visited } = lintWith(modifyInLaterLayer, lines);
    expect(findings).toHaveLength(N);
    expect(findings[0]!.message).toMatch(/which RUN at line 2 created in an earlier layer, .*run chown in the RUN at line 2 that creates it\.$/);
    expect(findings.every((f) => f.fix !== null)).toBe(true);
    expect(visited).toBeLessThan(20 * N);
  });

  it.each(['COPY blob.bin /blob.bin', 'RUN curl -o /blob.bin https://example.com/b'])('still declines to move past a RUN between them that adds the user (%s)', (made) => {
    const { findings } = lintWith(modifyInLaterLayer, ['FROM debian:12', made, 'RUN useradd app', 'RUN chown app /blob.bin']);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.fix).toBeNull();
  });
});

describe('cache-order in a stage of 1,000 instructions', () => {
  it('plans each ecosystem\'s fix without a scan of the stage per finding', () => {
    const lines = ['FROM python:3.12'];
    for (let i = 0; i < N; i++) lines.push(`LABEL n${i}=${i}`);
    lines.push('WORKDIR /app', 'COPY . .', 'RUN npm ci', 'RUN pip install -r requirements.txt', 'RUN go mod download', 'RUN bundle install');
    const { findings, visited } = lintWith(cacheOrder, lines);
    expect(findings).toHaveLength(4);
    expect(findings[0]!.fix).not.toBeNull();
    // The later installs see the npm RUN between them and the COPY.
    expect(findings.slice(1).map((f) => f.fixDeclined)).toEqual(Array(3).fill(`RUN at line ${N + 4} stands between the COPY and the install`));
    // A scan per finding visits findings × N.
    expect(visited).toBeLessThan(N);
  });
});
