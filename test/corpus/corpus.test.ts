import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { lintText } from '../../src/index';
import { SourceText } from '../../src/parse';

/** The shared corpus of real Dockerfiles, read in place (never copied into the project). */
const CORPUS = resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'files');
const present = existsSync(CORPUS);
if (!present) console.warn(`corpus not found at ${CORPUS}; skipping the robustness test`);

(present ? describe : describe.skip)('every corpus file lints without crashing, with valid ranges', () => {
  it('lints all files with every rule on', () => {
    const files = readdirSync(CORPUS).filter((f) => f.endsWith('.Dockerfile'));
    expect(files.length).toBeGreaterThan(3000);
    const problems: string[] = [];
    for (const file of files) {
      const text = readFileSync(join(CORPUS, file), 'utf8');
      let findings;
      try {
        findings = lintText(text, { extends: 'all' }).findings;
      } catch (error) {
        problems.push(`${file}: threw ${(error as Error).stack}`);
        continue;
      }
      const source = new SourceText(text);
      for (const f of findings) {
        const { start, end } = f.range;
        const consistent = (p: typeof start) =>
          p.offset >= 0 && p.offset <= text.length && source.positionAt(p.offset).line === p.line && source.positionAt(p.offset).column === p.column;
        if (!consistent(start) || !consistent(end) || end.offset < start.offset) {
          problems.push(`${file}: ${f.ruleId} has an invalid range ${JSON.stringify(f.range)}`);
        }
        if (!f.message.trim()) problems.push(`${file}: ${f.ruleId} has an empty message`);
      }
    }
    expect(problems).toEqual([]);
  });
});
