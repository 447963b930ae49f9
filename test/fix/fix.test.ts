import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineRule, RuleRegistry, type TextEdit } from '../../src/engine';
import { applyEdits, fixText, unifiedDiff } from '../../src/fix';

const edit = (start: number, end: number, text: string): TextEdit => ({ start, end, text });

describe('applyEdits', () => {
  it('applies non-overlapping groups and defers overlapping ones', () => {
    const r = applyEdits('abcdef', [[edit(0, 1, 'A')], [edit(0, 2, 'XY')], [edit(4, 5, 'E'), edit(5, 6, 'F')]]);
    expect(r).toEqual({ text: 'AbcdEF', applied: [0, 2], deferred: 1 });
  });

  it('treats two insertions at one offset as a conflict (their order would be a guess)', () => {
    expect(applyEdits('ab', [[edit(1, 1, 'x')], [edit(1, 1, 'y')]]).text).toBe('axb');
  });

  it('allows adjacent edits', () => expect(applyEdits('abc', [[edit(0, 1, 'A')], [edit(1, 2, 'B')]]).text).toBe('ABc'));
});

/** Upper-cases instruction keywords: a safe fix. Also an unsafe one that appends a comment. */
const upper = defineRule({
  meta: {
    id: 'upper-keyword',
    aliases: [],
    category: 'style',
    severity: 'style',
    fix: 'safe',
    docs: { summary: 's', rationale: 'r', bad: 'b', good: 'g', fixSafety: 'f' },
  },
  create: (ctx) => ({
    '*': (node) => {
      if (node.keywordText !== node.keyword) ctx.report({ range: node.keywordRange, message: 'case', fix: (f) => f.replace(node.keywordRange, node.keyword) });
    },
  }),
});
const breaker = defineRule({
  meta: { ...upper.meta, id: 'breaker', fix: 'unsafe' },
  create: (ctx) => ({ FROM: (node) => ctx.report({ node, message: 'break', fix: (f) => f.insertBefore(node.range, 'BOGUS x\n') }) }),
});
const registry = new RuleRegistry([upper, breaker]);

describe('fixText', () => {
  it('applies safe fixes, keeping CRLF, BOM, comments and blank lines', () => {
    const input = '\uFEFF# build\r\nfrom alpine:3.20\r\n\r\n# run it\r\nrun echo hi\r\n';
    const r = fixText(input, { registry, config: { extends: 'all' } });
    expect(r.output).toBe('\uFEFF# build\r\nFROM alpine:3.20\r\n\r\n# run it\r\nRUN echo hi\r\n');
    expect(r.applied).toEqual(new Map([['upper-keyword', 2]]));
    expect(r.findings.filter((f) => f.ruleId === 'upper-keyword')).toEqual([]);
  });

  it('leaves unsafe fixes out unless asked, and drops a pass whose output does not parse', () => {
    const input = 'FROM alpine:3.20\n';
    expect(fixText(input, { registry, config: { extends: 'all' } }).output).toBe(input);
    const r = fixText(input, { registry, config: { extends: 'all' }, unsafe: true });
    expect(r.output).toBe(input);
    expect(r.brokenPass).toEqual({ rules: ['breaker'], message: "Unknown instruction 'BOGUS'." });
  });

  it('fixes nothing in a file that does not parse', () => {
    const r = fixText('from a\nBOGUS\n', { registry, config: { extends: 'all' } });
    expect(r).toMatchObject({ parsed: false, output: 'from a\nBOGUS\n' });
  });

  it('honours only', () => {
    const r = fixText('from a:1\n', { registry, config: { extends: 'all' }, only: new Set(['breaker']) });
    expect(r.output).toBe('from a:1\n');
  });
});

describe('unifiedDiff', () => {
  it('prints nothing for equal texts and a patch-applicable diff otherwise', () => {
    expect(unifiedDiff('a\n', 'a\n', 'x')).toBe('');
    const before = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', ''].join('\n');
    const after = before.replace('2\n', 'two\n').replace('9\n', 'nine\n');
    const diff = unifiedDiff(before, after, 'Dockerfile');
    expect(diff).toBe(
      '--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,10 +1,10 @@\n 1\n-2\n+two\n 3\n 4\n 5\n 6\n 7\n 8\n-9\n+nine\n 10\n',
    );
    const dir = mkdtempSync(join(tmpdir(), 'dfopt-diff-'));
    writeFileSync(join(dir, 'Dockerfile'), before);
    writeFileSync(join(dir, 'p.diff'), diff);
    execFileSync('patch', ['-s', '-p1', '-i', 'p.diff'], { cwd: dir });
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(after);
  });

  // Beyond LCS_CELLS the middle is lined up by lines found once on each side (patience), not by an LCS table: a fix
  // that changes every third line of 30,000 needed a 10,000 × 10,000 table (over 1 GB with --dry-run) before.
  const patched = (before: string, diff: string): string => {
    const dir = mkdtempSync(join(tmpdir(), 'dfopt-diff-'));
    writeFileSync(join(dir, 'Dockerfile'), before);
    writeFileSync(join(dir, 'p.diff'), diff);
    execFileSync('patch', ['-s', '-p1', '-i', 'p.diff'], { cwd: dir });
    return readFileSync(join(dir, 'Dockerfile'), 'utf8');
  };

  it('diffs a large fix line for line, lined up by the lines each side has once', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => [`FROM s${i} AS s${i + 1}`, `COPY --from=s0 /a /f${i}`, `RUN apk add curl${i}`]).flat();
    const before = `${lines.join('\n')}\n`;
    const after = before.replace(/^RUN apk add /gm, 'RUN apk add --no-cache ');
    const diff = unifiedDiff(before, after, 'Dockerfile');
    const body = diff.split('\n');
    expect(body.filter((l) => l.startsWith('-RUN'))).toHaveLength(10_000);
    expect(body.filter((l) => l.startsWith('+RUN'))).toHaveLength(10_000);
    expect(body.filter((l) => /^[-+](FROM|COPY)/.test(l))).toHaveLength(0);
    // Changes two lines apart share one hunk, as in diff -u.
    expect(body.slice(0, 8).join('\n')).toBe('--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,30000 +1,30000 @@\n FROM s0 AS s1\n COPY --from=s0 /a /f0\n-RUN apk add curl0\n+RUN apk add --no-cache curl0\n FROM s1 AS s2');
    expect(patched(before, diff)).toBe(after);
  });

  it('numbers the hunks of a large diff as diff -u does', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `ENV K${i}=v`);
    const before = `${lines.join('\n')}\n`;
    const after = before.replace(/^ENV (K\d*0)=v$/gm, 'ENV $1=w');
    const diff = unifiedDiff(before, after, 'Dockerfile');
    expect(diff).toContain('@@ -28,7 +28,7 @@\n ENV K27=v\n ENV K28=v\n ENV K29=v\n-ENV K30=v\n+ENV K30=w\n ENV K31=v\n');
    expect(patched(before, diff)).toBe(after);
    // Byte for byte what GNU diff -u prints, below its two header lines.
    const dir = mkdtempSync(join(tmpdir(), 'dfopt-diff-'));
    writeFileSync(join(dir, 'a'), before);
    writeFileSync(join(dir, 'b'), after);
    const gnu = spawnSync('diff', ['-u', 'a', 'b'], { cwd: dir, encoding: 'utf8' }).stdout;
    expect(diff.split('\n').slice(2).join('\n')).toBe(gnu.split('\n').slice(2).join('\n'));
  });

  it('still gives a correct diff when a large change has no line found once on each side', () => {
    const before = 'RUN a\n'.repeat(1500);
    const after = 'RUN b\n'.repeat(1200);
    const diff = unifiedDiff(before, after, 'Dockerfile');
    expect(diff.startsWith('--- a/Dockerfile\n+++ b/Dockerfile\n@@ -1,1500 +1,1200 @@\n-RUN a\n')).toBe(true);
    expect(patched(before, diff)).toBe(after);
  });

  it('marks a missing final newline', () => {
    expect(unifiedDiff('a', 'b', 'f')).toBe('--- a/f\n+++ b/f\n@@ -1,1 +1,1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n');
  });
});
