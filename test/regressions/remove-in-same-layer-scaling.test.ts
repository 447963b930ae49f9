import { lint, RuleRegistry } from '../../src';
import { PathIndex, type Tracked } from '../../rules/pathIndex';
import chainRun from '../../rules/chain-run';
import removeInSameLayer from '../../rules/remove-in-same-layer';
import { stageScans } from '../support/stageScans';

// Issue 18, fuzz: the slow generated inputs (seed 1 #3768 and 13 more: 4,000 RUNs of `apt-get install`) spent a fifth
// of lint in remove-in-same-layer. Two causes, each counted here (work, not time; the time lives in the fuzz run):
// - every RUN's apt cache replaced the previous RUN's at /var/cache/apt by deleting the path's Map entries and adding
//   them again, and V8 keeps a deleted entry in its bucket until the table is rehashed, so with 4,000 package keys
//   beside it each lookup of that path walked every earlier copy (quadratic, invisible to a count of calls: what is
//   counted is the deletes of that key, which must not happen at all);
// - moveDelete, mergeIntoCreator and chain-run's harmlessSeparators filtered the whole stage for the instructions
//   between two RUNs, once per finding: N findings in a stage of N instructions visited N² of them.

interface Item extends Tracked {
  readonly kind: 'package' | 'cache';
}

/** Calls `run` with Map.prototype.delete counting the deletes of `key` (in any map). */
function deletesOf(key: unknown, run: () => void): number {
  const original = Map.prototype.delete;
  let count = 0;
  Map.prototype.delete = function (this: Map<unknown, unknown>, k: unknown) {
    if (k === key) count++;
    return original.call(this, k);
  };
  try {
    run();
  } finally {
    Map.prototype.delete = original;
  }
  return count;
}

describe('PathIndex.replace keeps the entries of the path it replaces', () => {
  it('a path made again 2,000 times beside 2,000 other keys is never deleted from a map', () => {
    const index = new PathIndex<Item>(new Set());
    const made: Item[] = [];
    const deletes = deletesOf('/var/cache/apt', () => {
      for (let i = 0; i < 2000; i++) {
        const inst = {};
        index.add({ kind: 'package', key: `pkg:deb:pkg${i}`, inst, touched: false });
        const cache: Item = { kind: 'cache', key: '/var/cache/apt', inst, touched: false };
        index.replace(cache);
        made.push(cache);
      }
    });
    expect(deletes).toBe(0);
    // Only the last one is left at the path, and it is found as before.
    expect(index.withKey('/var/cache/apt')).toEqual([made[1999]]);
    expect(index.candidates({ covering: ['/var/cache/apt/archives/x.deb'] })).toEqual([made[1999]]);
    expect(index.size).toBe(2001);
    expect(index.has('/var/cache/apt')).toBe(true);
    expect(index.has('/var/cache')).toBe(false);
  });

  it('rolls a replace back to the item it replaced, in its place', () => {
    const index = new PathIndex<Item>(new Set());
    const a: Item = { kind: 'cache', key: '/c', inst: {}, touched: false };
    const p: Item = { kind: 'package', key: 'pkg:deb:x', inst: {}, touched: false };
    const b: Item = { kind: 'cache', key: '/c', inst: {}, touched: false };
    index.add(a);
    index.add(p);
    const mark = index.mark();
    index.replace(b);
    expect([...index]).toEqual([p, b]);
    index.rollback(mark);
    expect([...index]).toEqual([a, p]);
    expect(index.withKey('/c')).toEqual([a]);
  });
});

describe('the instructions between two RUNs are found without scanning the stage', () => {
  const N = 1500;
  const registry = new RuleRegistry([removeInSameLayer, chainRun]);
  const run = (lines: string[]) => {
    let findings: ReturnType<typeof lint>['findings'] = [];
    const visited = stageScans(() => {
      findings = lint(`${lines.join('\n')}\n`, { registry, config: { extends: 'all' } }).findings;
    });
    return { visited, findings };
  };

  it('remove-in-same-layer: 1,500 deletes, each of what the RUN before made', () => {
    const lines = ['FROM debian:12'];
    for (let i = 0; i < N; i++) lines.push(`RUN apt-get install -y pkg${i} && touch /tmp/a`, 'RUN rm /tmp/a');
    const { visited, findings } = run(lines);
    const removes = findings.filter((f) => f.ruleId === 'remove-in-same-layer');
    expect(removes).toHaveLength(N);
    // Each fix moves the delete up: the RUN loses its only command and the creating RUN gains ` && rm /tmp/a`.
    expect(removes.every((f) => f.fix?.edits.length === 2)).toBe(true);
    // A scan per finding visits N findings × 2N instructions = 4.5 million; what is left is a few passes.
    expect(visited).toBeLessThan(20 * 2 * N);
  });

  it('chain-run: 1,500 RUNs in a row', () => {
    const lines = ['FROM debian:12'];
    for (let i = 0; i < N; i++) lines.push(`RUN apt-get install -y pkg${i}`, `LABEL n${i}=${i}`);
    const { visited, findings } = run(lines);
    expect(findings.filter((f) => f.ruleId === 'chain-run' && f.fix !== null)).toHaveLength(N - 1);
    expect(visited).toBeLessThan(20 * 2 * N);
  });
});

/** Calls `run` with RegExp construction counted (expression literals are not constructions). */
function regExpsBuilt(run: () => void): number {
  const Original = globalThis.RegExp;
  let count = 0;
  globalThis.RegExp = new Proxy(Original, {
    construct(target, args: [string | RegExp, string?]) {
      count++;
      return new target(...args);
    },
  });
  try {
    run();
  } finally {
    globalThis.RegExp = Original;
  }
  return count;
}

describe('moving a delete up past many RUNs', () => {
  // N downloads, then N deletes: each delete's fix asks every RUN in between whether it names the file. The
  // expressions that ask were compiled once per RUN in between (N² compilations: 1,000 of each took 2.7 s of CPU);
  // now once per delete. One RUN in between reads f7.tgz, so that delete cannot move.
  const N = 300;
  const lines = ['FROM debian:12'];
  for (let i = 0; i < N; i++) lines.push(`RUN curl -o /tmp/f${i}.tgz https://example.com/f${i}.tgz`);
  lines.push('RUN tar -xzf /tmp/f7.tgz -C /opt');
  for (let i = 0; i < N; i++) lines.push(`RUN rm /tmp/f${i}.tgz`);
  const registry = new RuleRegistry([removeInSameLayer]);

  it('compiles its expressions once per delete and still sees the RUN that reads the file', () => {
    let findings: ReturnType<typeof lint>['findings'] = [];
    const built = regExpsBuilt(() => {
      findings = lint(`${lines.join('\n')}\n`, { registry, config: { extends: 'all' } }).findings;
    });
    expect(findings).toHaveLength(N);
    const declined = findings.filter((f) => f.fix === null);
    expect(declined.map((f) => f.range.start.line + 1)).toEqual([N + 3 + 7]);
    expect(findings.filter((f) => f.fix !== null).every((f) => f.fix!.edits.some((e) => e.text.includes('&& rm /tmp/f')))).toBe(true);
    // Three expressions per delete (the file's name, `/tmp`, `/`): N × (N - 1) × 3 = 269,100 before.
    expect(built).toBeLessThan(10 * N);
  });
});
