// Agreement with ShellCheck 0.9.0 on a fixed sample of corpus Dockerfiles, without the binary: its findings were
// recorded by `npm run shellcheck:conformance -- --record` (test/conformance/shellcheck/sample.json). The sample holds
// only references (file name and sha256), so the files are read from ../shared/corpus in place, never copied. For every
// code dfopt implements natively, dfopt must report the same codes at the same lines and columns (the harness's
// "same column" is 100 % on the corpus), except the lines listed with a reason in known-differences.json (the full
// harness checks the same list over the whole corpus).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { codeOf, dfoptShellFindings, IMPLEMENTED_CODES, lineAndCode, type RecordedSample, sha256 } from '../conformance/shellcheck/dfoptFindings';

const dir = join(__dirname, '../conformance/shellcheck');
const sample = JSON.parse(readFileSync(join(dir, 'sample.json'), 'utf8')) as RecordedSample;
const known = JSON.parse(readFileSync(join(dir, 'known-differences.json'), 'utf8')) as Record<string, string>;
const CORPUS = resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'files');
const present = existsSync(CORPUS);
if (!present) console.warn(`corpus not found at ${CORPUS}; skipping the ShellCheck sample agreement test`);

/** `line:column:code` → count, for implemented codes, without the lines known to differ. */
function counts(name: string, findings: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const at of findings) {
    if (!IMPLEMENTED_CODES.has(codeOf(at)) || known[`${name}:${lineAndCode(at)}`]) continue;
    out.set(at, (out.get(at) ?? 0) + 1);
  }
  return out;
}

/** The corpus file as recorded, or an error that says what changed and how to re-record. */
function corpusText(name: string, recorded: string): string {
  const path = join(CORPUS, name);
  if (!existsSync(path)) throw new Error(`${name} is in sample.json but not in ${CORPUS}; re-record: npm run shellcheck:conformance -- --record`);
  const text = readFileSync(path, 'utf8');
  const now = sha256(text);
  if (now !== recorded) {
    throw new Error(`${name} changed in ${CORPUS} since sample.json was recorded (sha256 ${now}, recorded ${recorded}); re-record: npm run shellcheck:conformance -- --record`);
  }
  return text;
}

it('stores references and findings only, and holds a sample where every frequent implemented code occurs', () => {
  for (const f of sample.files) {
    expect(Object.keys(f).sort()).toEqual(['findings', 'name', 'sha256']);
    expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    for (const at of f.findings) expect(at).toMatch(/^\d+:\d+:SC\d{4}$/);
  }
  const recorded = new Set(sample.files.flatMap((f) => f.findings.map(codeOf)));
  const occurring = ['SC2086', 'SC2046', 'SC2155', 'SC2164', 'SC2116', 'SC2196', 'SC3037'];
  for (const code of occurring) expect(recorded.has(code) ? code : `${code} missing`).toBe(code);
  expect(sample.files.length).toBeGreaterThanOrEqual(150);
});

(present ? describe : describe.skip)('the recorded sample read from ../shared/corpus', () => {
  it.each(sample.files.map((f) => [f.name, f] as const))('%s: same codes at the same positions as ShellCheck', (name, file) => {
    expect(counts(name, dfoptShellFindings(corpusText(name, file.sha256)))).toEqual(counts(name, file.findings));
  });
});
