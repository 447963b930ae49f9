import { rmSync } from 'node:fs';
import { timingTable } from '../../src/cli/lintCommand';
import { runDfopt, tempProject } from '../support/cli';

describe('dfopt lint --timing', () => {
  it('prints at most 10 rows, slowest first, with each share of the total', () => {
    const timing = new Map(Array.from({ length: 12 }, (_, i) => [`rule-${i}`, i + 1] as const));
    const lines = timingTable(timing).trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe('Rule    |  Time (ms) | Relative');
    expect(lines[1]).toBe('rule-11 |     12.000 |  15.4%'); // 12 of 78
    expect(lines[10]).toBe('rule-2  |      3.000 |   3.8%');
  });

  it('prints the table to stderr after the run, leaving the report on stdout as without it', () => {
    const dir = tempProject({ Dockerfile: 'FROM alpine:3.19\nRUN apk add curl\n' });
    try {
      const plain = runDfopt(['lint', '--no-color', 'Dockerfile'], { cwd: dir });
      const timed = runDfopt(['lint', '--no-color', '--timing', 'Dockerfile'], { cwd: dir });
      expect([timed.code, timed.stdout]).toEqual([plain.code, plain.stdout]);
      expect(plain.stderr).toBe('');
      const rows = timed.stderr.trimEnd().split('\n');
      expect(rows[0]).toMatch(/^Rule +\| +Time \(ms\) \| Relative$/);
      expect(rows).toHaveLength(11);
      expect(rows.slice(1).map((r) => r.split(' |')[0]!.trim())).toContain('(parse)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
