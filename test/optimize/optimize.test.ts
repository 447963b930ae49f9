import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LintConfig } from '../../src/engine';
import { directoryBuildContext } from '../../src/cli/buildContext';
import { fixText } from '../../src/fix';
import { createDefaultRegistry, lintText } from '../../src/index';
import { parseDockerfile } from '../../src/parse';

/**
 * Whole-file optimizer cases: fixtures/optimize/<case>/Dockerfile is rewritten by use-multi-stage's fix alone and
 * must equal expected.Dockerfile byte for byte (a case that must be left alone has no expected file and a
 * declined.txt with the reason the finding gives). settings.json holds config (optimize.finalBase); a context/
 * directory is the build context.
 */
const ROOT = resolve(__dirname, '..', '..', 'fixtures', 'optimize');
const registry = createDefaultRegistry();
const only = new Set(['use-multi-stage']);
const cases = readdirSync(ROOT).filter((c) => existsSync(join(ROOT, c, 'Dockerfile'))).sort();
const read = (c: string, f: string): string | null => (existsSync(join(ROOT, c, f)) ? readFileSync(join(ROOT, c, f), 'utf8') : null);

describe.each(cases)('optimize %s', (name) => {
  const input = read(name, 'Dockerfile')!;
  const expected = read(name, 'expected.Dockerfile');
  const declined = read(name, 'declined.txt');
  const settings = JSON.parse(read(name, 'settings.json') ?? '{}') as Partial<LintConfig>;
  const config: LintConfig = { extends: 'all', ...settings };
  // A case with a context/ directory is fixed with that as its build context (as `dfopt fix` does for the Dockerfile's directory).
  const buildContext = existsSync(join(ROOT, name, 'context')) ? directoryBuildContext(join(ROOT, name, 'context')) : undefined;

  if (expected !== null) {
    it('rewrites to expected.Dockerfile, byte for byte', () => {
      const result = fixText(input, { registry, config, buildContext, unsafe: true, only });
      expect(result.brokenPass).toBeUndefined();
      expect(result.output).toBe(expected);
      expect(result.applied.get('use-multi-stage')).toBe(1);
      expect(result.descriptions.length).toBe(1);
    });
    it('is idempotent, and the final stage is multi-stage with the runtime contract', () => {
      const again = fixText(expected, { registry, config, buildContext, unsafe: true, only });
      expect(again.output).toBe(expected);
      const ast = parseDockerfile(expected);
      const froms = ast.instructions.filter((i) => i.keyword === 'FROM');
      expect(froms.length).toBeGreaterThanOrEqual(2);
      const finalStage = ast.instructions.slice(ast.instructions.indexOf(froms[froms.length - 1]!));
      expect(finalStage.some((i) => i.keyword === 'COPY' && i.flag('from'))).toBe(true);
      const original = parseDockerfile(input).instructions;
      for (const keyword of ['CMD', 'ENTRYPOINT', 'EXPOSE', 'USER', 'ENV', 'LABEL', 'HEALTHCHECK', 'STOPSIGNAL', 'VOLUME'] as const) {
        if (original.some((i) => i.keyword === keyword)) expect(finalStage.some((i) => i.keyword === keyword)).toBe(true);
      }
    });
    it('keeps CRLF line endings', () => {
      const crlf = input.replace(/\n/g, '\r\n');
      expect(fixText(crlf, { registry, config, buildContext, unsafe: true, only }).output).toBe(expected.replace(/\n/g, '\r\n'));
    });
  } else {
    it('is left alone, and the finding says why', () => {
      const result = fixText(input, { registry, config, buildContext, unsafe: true, only });
      expect(result.output).toBe(input);
      const findings = lintText(input, config, buildContext).findings.filter((f) => f.ruleId === 'use-multi-stage');
      if (declined === null) {
        expect(findings).toEqual([]);
      } else {
        expect(findings.length).toBe(1);
        expect(findings[0]!.fix).toBeNull();
        expect(findings[0]!.message).toContain(`(no automatic fix: ${declined.trim()})`);
      }
    });
  }
});
