// Agreement with ShellCheck 0.9.0 on a fixed sample of corpus Dockerfiles, without the binary: its findings were
// recorded by `npm run shellcheck:conformance -- --record` (test/conformance/shellcheck/sample.json). For every code
// dfopt implements natively, dfopt must report the same codes on the same lines, except the differences listed with
// a reason in known-differences.json (the full harness checks the same list over the whole corpus).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dfoptShellFindings, IMPLEMENTED_CODES, type RecordedSample } from '../conformance/shellcheck/dfoptFindings';

const dir = join(__dirname, '../conformance/shellcheck');
const sample = JSON.parse(readFileSync(join(dir, 'sample.json'), 'utf8')) as RecordedSample;
const known = JSON.parse(readFileSync(join(dir, 'known-differences.json'), 'utf8')) as Record<string, string>;

/** `line:code` → count, for implemented codes, without the lines known to differ. */
function counts(name: string, findings: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const at of findings) {
    if (!IMPLEMENTED_CODES.has(at.slice(at.indexOf(':') + 1)) || known[`${name}:${at}`]) continue;
    out.set(at, (out.get(at) ?? 0) + 1);
  }
  return out;
}

it('holds a sample where every implemented code occurs', () => {
  const recorded = new Set(sample.files.flatMap((f) => f.findings.map((at) => at.slice(at.indexOf(':') + 1))));
  const occurring = ['SC2086', 'SC2046', 'SC2155', 'SC2164', 'SC2116', 'SC2196', 'SC3037'];
  for (const code of occurring) expect(recorded.has(code) ? code : `${code} missing`).toBe(code);
  expect(sample.files.length).toBeGreaterThanOrEqual(150);
});

it.each(sample.files.map((f) => [f.name, f] as const))('%s: same codes on the same lines as ShellCheck', (name, file) => {
  expect(counts(name, dfoptShellFindings(file.text))).toEqual(counts(name, file.findings));
});
