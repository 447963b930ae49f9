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

// Issue 21 item 1: single-stage shapes where the size fixes must cross comments and harmless instructions (the
// RUNs of the articles' redis recipe, split by comments, `WORKDIR /`, LABEL, EXPOSE and an unread ENV, with the
// removal of the build tools in RUNs of their own). No CMD runs an installed program, so no multi-stage rewrite
// hides what chain-run, remove-in-same-layer and clean-package-cache leave behind.
const df = (...lines: string[]): string => `${lines.join('\n')}\n`;
const SHAPES: Record<string, string> = {
  'tools removed after comments, WORKDIR /, LABEL and EXPOSE': df(
    'FROM debian:12',
    'RUN apt-get update',
    '# build tools',
    'RUN apt-get install -y curl make gcc',
    'WORKDIR /',
    'RUN make --version',
    'LABEL org.opencontainers.image.title=tools',
    'EXPOSE 6379',
    '# cleanup',
    'RUN apt-get remove -y curl make gcc && apt-get autoremove -y',
    'RUN rm -rf /var/lib/apt/lists/*',
    'CMD ["bash"]',
  ),
  'an unread ENV between install, use and purge': df(
    'FROM debian:12',
    'RUN apt-get update && apt-get install -y build-essential',
    'ENV APP_HOME=/srv/app',
    'RUN gcc --version',
    '# done with the compiler',
    'RUN apt-get purge -y build-essential && apt-get autoremove -y',
    'CMD ["bash"]',
  ),
  'alpine virtual package deleted after a LABEL': df(
    'FROM alpine:3.20',
    'RUN apk add --virtual .build-deps gcc make',
    'LABEL stage=build',
    'RUN make --version',
    'RUN apk del .build-deps',
    'CMD ["sh"]',
  ),
};

describe.each(Object.entries(SHAPES))('single-stage shape: %s', (_name, input) => {
  it('fix --unsafe output lints clean of the rules it applied, the removal in the installing RUN', () => {
    const result = fixText(input, { registry, config: {}, unsafe: true });
    expect(result.brokenPass).toBeUndefined();
    const applied = [...result.applied.keys()];
    expect(applied.some((id) => id === 'chain-run' || id === 'remove-in-same-layer')).toBe(true);
    const left = lintText(result.output, {}).findings.filter((f) => applied.includes(f.ruleId));
    expect(left.map((f) => `${f.range.start.line + 1}: ${f.ruleId}: ${f.message}`)).toEqual([]);
    // The install and the removal now share one RUN.
    const install = result.output.split(/\n(?=[A-Z])/).find((i) => /^RUN .*(apt-get install|apk add)/s.test(i));
    expect(install).toMatch(/apt-get (remove|purge)|apk del/);
  });
});
