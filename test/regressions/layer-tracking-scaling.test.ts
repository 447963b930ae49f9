import { lintText } from '../../src';
import { covers } from '../../src/shell/packageManagers';
import { literalPrefix, PathIndex, type Tracked } from '../../rules/pathIndex';

// Issue 18, defect 4: one stage of ~4,200 instructions took 20 s to lint (10× the time for 5× the lines).
// remove-in-same-layer and modify-in-later-layer scanned every file, directory and package the stage had made so
// far, for every COPY, RUN and delete; they now ask a PathIndex. These tests pin that the index answers exactly
// what the scans did, and that the rules still tie a late delete to an early creation; the time lives in
// `npm run bench -- --only scaling`.

interface Item extends Tracked {
  readonly kind: 'file' | 'content' | 'package';
  readonly key: string;
  readonly inst: object;
  touched: boolean;
}

const KEYS = ['/', '/a', '/a/b', '/a/b/c', '/a/bc', '/ab', '//x', '~', '~/a', '~/a/b', 'pkg:debian:curl', '', '/a/', '/a/b/', 'rel/x'];

function randomItems(seed: number, n: number): Item[] {
  let s = seed;
  const rnd = (k: number): number => ((s = (s * 1103515245 + 12345) & 0x7fffffff), s % k);
  const kinds = ['file', 'content', 'package'] as const;
  return Array.from({ length: n }, () => ({ kind: kinds[rnd(3)]!, key: KEYS[rnd(KEYS.length)]!, inst: {}, touched: rnd(4) === 0 }));
}

describe('PathIndex answers as a scan of the list', () => {
  const items = randomItems(7, 200);
  const index = new PathIndex<Item>(new Set(['content']));
  for (const item of items) index.add(item);
  // Remove some, as deletes do.
  for (const item of items.filter((_, i) => i % 7 === 0)) index.delete(item);
  const alive = items.filter((_, i) => i % 7 !== 0);

  it.each(KEYS.concat(['/a/b/c/d', '/z', '~/a/b/c']))('queries about %j', (path) => {
    expect([...index]).toEqual(alive);
    expect(index.candidates({ covering: [path] }).filter((c) => covers(c.key, path))).toEqual(alive.filter((c) => covers(c.key, path)));
    expect(index.candidates({ coveredBy: [path] }).filter((c) => covers(path, c.key))).toEqual(alive.filter((c) => covers(path, c.key)));
    const prefix = literalPrefix(`${path}*`);
    expect(index.candidates({ startingWith: [prefix] }).filter((c) => c.key.startsWith(prefix))).toEqual(alive.filter((c) => c.key.startsWith(prefix)));
    expect(index.withKey(path)).toEqual(alive.filter((c) => c.key === path));
  });

  it('touching marks exactly the untouched tracked items a scan would', () => {
    const fresh = randomItems(11, 300);
    const a = new PathIndex<Item>(new Set(['content']));
    for (const item of fresh) a.add(item);
    const copy = fresh.map((c) => ({ ...c }));
    a.touchAround('/a/b');
    for (const c of copy) if (c.kind === 'content' && (covers(c.key, '/a/b') || covers('/a/b', c.key))) c.touched = true;
    const text = 'cd /ab && make -C ~/a';
    a.touchContainedIn(text);
    for (const c of copy) if (c.kind === 'content' && text.includes(c.key)) c.touched = true;
    expect(fresh.map((c) => c.touched)).toEqual(copy.map((c) => c.touched));
  });

  it('clone copies items (touched flags are per stage) in order', () => {
    const clone = index.clone();
    expect([...clone]).toEqual(alive);
    expect([...clone][0]).not.toBe(alive[0]);
  });
});

describe('a long stage: deletes still find what early instructions made', () => {
  const lines = [
    'FROM debian:12',
    'RUN curl -fsSLo /tmp/early.tgz https://example.com/early.tgz && curl -fsSLo /usr/local/bin/tool https://example.com/tool',
    'COPY assets /data/assets',
  ];
  for (let i = 0; i < 3000; i++) lines.push(`COPY src/module${i} /app/module${i}`, `RUN echo ${i} > /opt/out${i}.txt`);
  lines.push('RUN rm /tmp/early.tgz /opt/out2999.txt && rm -rf /data/assets/cache && chmod +x /usr/local/bin/tool');
  const last = lines.length;
  const findings = lintText(`${lines.join('\n')}\n`, { extends: 'all' }).findings;
  const messages = (rule: string) => findings.filter((f) => f.ruleId === rule).map((f) => `${f.range.start.line + 1}: ${f.message.split(';')[0]}`);

  it('remove-in-same-layer ties the deletes to the RUN at line 2 and the COPY at line 3', () => {
    expect(messages('remove-in-same-layer')).toEqual([
      `${last}: rm at line ${last} deletes /tmp/early.tgz (and 1 more), which RUN at line 2 created in an earlier layer, so the image does not shrink`,
      `${last}: rm at line ${last} deletes /data/assets/cache, inside /data/assets, which COPY at line 3 filled in an earlier layer, so the image does not shrink`,
    ]);
  });

  it('modify-in-later-layer ties the chmod to the RUN at line 2', () => {
    expect(messages('modify-in-later-layer')).toEqual([
      `${last}: chmod at line ${last} changes /usr/local/bin/tool, which RUN at line 2 created in an earlier layer, so the image stores it twice`,
    ]);
  });

  it('a later RUN naming the directory unties inside-deletes from it, as before', () => {
    const touched = [...lines.slice(0, -1), 'RUN ls /data/assets > /dev/null', lines[last - 1]!];
    const found = lintText(`${touched.join('\n')}\n`, { extends: 'all' }).findings.filter((f) => f.ruleId === 'remove-in-same-layer');
    expect(found.map((f) => f.message.split(',')[0])).toEqual([`rm at line ${last + 1} deletes /tmp/early.tgz (and 1 more)`]);
  });
});
