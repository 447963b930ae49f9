import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { directoryBuildContext } from '../../src/cli/buildContext';
import { fixText } from '../../src/fix';
import { createDefaultRegistry, lintText } from '../../src/index';

// Issue 21: the output of `dfopt fix --unsafe` on every lab case lints clean of the rules whose fixes it applied
// (a rewrite that leaves its own finding behind, or makes a new one of the same rule, has not done its job). The
// cases are the project's lab/cases/<case>/before/ directories and the shared lab's (../shared/lab/cases, when
// present), as `npm run lab` runs them: each its own build context, under the default config.
const ROOTS = [resolve(__dirname, '..', '..', 'lab', 'cases'), resolve(__dirname, '..', '..', '..', 'shared', 'lab', 'cases')];
const registry = createDefaultRegistry();
const cases = ROOTS.filter((root) => existsSync(root))
  .flatMap((root) => readdirSync(root).map((c) => join(root, c)))
  .filter((dir) => existsSync(join(dir, 'before', 'Dockerfile')))
  .sort();

describe.each(cases)('lab case %s', (caseDir) => {
  it('fix --unsafe output lints clean of the rules it applied', () => {
    const dir = join(caseDir, 'before');
    const input = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    const buildContext = directoryBuildContext(dir);
    const result = fixText(input, { registry, config: {}, buildContext, unsafe: true });
    expect(result.brokenPass).toBeUndefined();
    const applied = [...result.applied.keys()];
    expect(applied.length).toBeGreaterThan(0);
    const left = lintText(result.output, {}, buildContext).findings.filter((f) => applied.includes(f.ruleId));
    expect(left.map((f) => `${f.range.start.line + 1}: ${f.ruleId}: ${f.message}`)).toEqual([]);
  });
});
