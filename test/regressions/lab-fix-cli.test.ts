import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createDefaultRegistry } from '../../src/index';

// Issue 21 acceptance, as a new user runs it: `dfopt fix --unsafe --explain` on a copy of each lab case's before/
// directory (the real CLI, config discovery and build context included), then `dfopt lint` on the file it wrote. The
// output must lint clean of the size rules whose fixes were applied. lab-fix-lints-clean checks the same through the
// API; this one catches what only the CLI does (reading and writing the file, the context directory).
const BIN = resolve(__dirname, '..', '..', 'bin', 'dfopt.js');
const ROOTS = [resolve(__dirname, '..', '..', 'lab', 'cases'), resolve(__dirname, '..', '..', '..', 'shared', 'lab', 'cases')];
const cases = ROOTS.filter((root) => existsSync(root))
  .flatMap((root) => readdirSync(root).map((c) => join(root, c)))
  .filter((dir) => existsSync(join(dir, 'before', 'Dockerfile')))
  .sort();
const SIZE_RULES = new Set(createDefaultRegistry().rules.filter((r) => r.meta.category === 'size').map((r) => r.meta.id));

const dfopt = (cwd: string, args: string[]) => spawnSync(process.execPath, [BIN, '--no-color', ...args], { cwd, encoding: 'utf8' });

interface LintReport {
  readonly findings: readonly { rule: string; line: number; message: string }[];
}

describe.each(cases)('lab case %s through the CLI', (caseDir) => {
  it('fix --unsafe --explain writes an output that lints clean of the size rules it applied', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dfopt-lab-cli-'));
    try {
      // Copied by content: the shared lab's files are read-only.
      cpSync(join(caseDir, 'before'), dir, { recursive: true });
      const before = readFileSync(join(caseDir, 'before', 'Dockerfile'), 'utf8');
      chmodSync(join(dir, 'Dockerfile'), 0o644);
      const explained = dfopt(dir, ['fix', '--unsafe', '--explain', 'Dockerfile']);
      expect(explained.stderr).toBe('');
      // `Dockerfile: applied 6 fixes (prefer-smaller-base ×1, chain-run ×1, …); …`
      const summary = /^Dockerfile: applied \d+ fix(?:es)? \(([^)]*)\)/.exec(explained.stdout);
      expect(summary).not.toBeNull();
      const applied = summary![1]!.split(', ').map((s) => s.replace(/ ×\d+$/, '')).filter((id) => SIZE_RULES.has(id));
      expect(applied.length).toBeGreaterThan(0);
      expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).not.toBe(before);
      const lint = dfopt(dir, ['lint', '--format', 'json', 'Dockerfile']);
      const [linted] = JSON.parse(lint.stdout) as LintReport[];
      const left = linted!.findings.filter((f) => applied.includes(f.rule));
      expect(left.map((f) => `${f.line}: ${f.rule}: ${f.message}`)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Two CLI runs, each a second or two, much longer on the loaded machine.
  }, 60_000);
});
