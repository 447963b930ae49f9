import { applyEdits } from '../../src/fix';
import type { TextEdit } from '../../src/engine';

// Issue 18, fuzz: the slowest inputs (seed 1 #12757, a 9,000-line RUN: fix --unsafe 1.96 s; #3768, 4,300 RUNs:
// fix 1.2 s) had thousands of fixes in one pass, and applyEdits checked each group against every edit taken
// before it. These count how often an edit's offsets are read (work, not time): a quadratic check reads them
// millions of times for 8,000 groups, a binary search a few hundred thousand. The time lives in the fuzz run.

/** Edits whose `start` and `end` reads are counted. */
function counted(edits: readonly TextEdit[]): { edits: TextEdit[]; reads: () => number } {
  let reads = 0;
  const wrap = (e: TextEdit): TextEdit => ({
    get start() {
      reads++;
      return e.start;
    },
    get end() {
      reads++;
      return e.end;
    },
    text: e.text,
  });
  return { edits: edits.map(wrap), reads: () => reads };
}

const N = 8000;
const line = 'RUN apt-get install -y pkg\n';
const text = line.repeat(N);
/** What apt-no-install-recommends does to every line: one insertion per fix. */
const insertions = Array.from({ length: N }, (_, i): TextEdit => ({ start: i * line.length + 19, end: i * line.length + 19, text: ' --no-install-recommends' }));

describe('applyEdits does work linear in the edits (up to a log factor)', () => {
  it.each([
    ['in document order', insertions],
    ['in reverse order', [...insertions].reverse()],
  ])('%s', (_name, edits) => {
    const { edits: watched, reads } = counted(edits);
    const result = applyEdits(text, watched.map((e) => [e]));
    expect(result.applied).toHaveLength(N);
    expect(result.text).toBe('RUN apt-get install --no-install-recommends -y pkg\n'.repeat(N));
    // log2(8000) ≈ 13 probes per search, two searches and a sort per group: ~60 reads per edit. A scan of the
    // edits taken reads N²/2 = 32 million.
    expect(reads()).toBeLessThan(N * 80);
  });

  it('still defers what clashes with an edit taken anywhere in the file', () => {
    const groups: TextEdit[][] = insertions.map((e) => [e]);
    // Replaces line 5000's keyword, then inserts at the same offset as line 10's insertion.
    groups.push([{ start: 4999 * line.length, end: 4999 * line.length + 3, text: 'run' }]);
    groups.push([{ start: 9 * line.length + 19, end: 9 * line.length + 19, text: ' -q' }]);
    groups.push([{ start: 100 * line.length + 15, end: 100 * line.length + 25, text: 'x' }]);
    const result = applyEdits(text, groups);
    expect(result.applied).toHaveLength(N + 1);
    expect(result.deferred).toBe(2);
    expect(result.text.split('\n')[4999]).toBe('run apt-get install --no-install-recommends -y pkg');
  });
});
