import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isBuildKitCheck } from '../../src/engine/buildkitChecks';
import { lintText } from '../../src/index';
import { memoryBuildContext } from '../support/memoryBuildContext';

/**
 * BuildKit conformance: the cases of BuildKit's own check tests (moby/buildkit
 * frontend/dockerfile/dockerfile_check_test.go, Apache-2.0, extracted to buildkit/buildkit-cases.json by
 * buildkit/extract.mjs) are linted offline, and the set of (check name, line) must equal BuildKit's expected
 * warnings. A finding counts under a BuildKit name only when the engine tagged it with that name (its `codes`),
 * so a hadolint-only finding of a rule with both aliases is not a BuildKit warning. Differences must be listed,
 * with a reason, in buildkit-known-differences.json; a listed case that agrees fails, so the list stays true.
 */
interface Case {
  id: string;
  dockerfile: string;
  dockerignore?: string;
  frontendAttrs?: Record<string, string>;
  needsRegistry: boolean;
  expect: Array<{ check: string; line: number }>;
}

const data = JSON.parse(readFileSync(join(__dirname, 'buildkit', 'buildkit-cases.json'), 'utf8')) as { cases: Case[] };
const knownDifferences = JSON.parse(readFileSync(join(__dirname, 'buildkit-known-differences.json'), 'utf8')) as Record<string, string>;
/** The identical share this branch reached; the suite fails if it drops below. */
const RECORDED_SHARE = Number(readFileSync(join(__dirname, 'buildkit-recorded-share.txt'), 'utf8').trim());

export function dfoptBuildKitFindings(c: Case): string[] {
  // BuildKit's test builds from a context holding the Dockerfile and the case's .dockerignore.
  const files = { Dockerfile: c.dockerfile, ...(c.dockerignore === undefined ? {} : { '.dockerignore': c.dockerignore }) };
  // The case's `build-arg:NAME` frontend attributes are the build's --build-arg values.
  const buildArgs = Object.fromEntries(
    Object.entries(c.frontendAttrs ?? {})
      .filter(([key]) => key.startsWith('build-arg:'))
      .map(([key, value]) => [key.slice('build-arg:'.length), value]),
  );
  const result = lintText(c.dockerfile, { extends: 'all', buildArgs }, memoryBuildContext(files, 'Dockerfile'));
  const out = new Set<string>();
  for (const f of result.findings) {
    for (const code of f.codes) if (isBuildKitCheck(code)) out.add(`${code}@${f.range.start.line + 1}`);
  }
  return [...out].sort();
}

const expected = (c: Case): string[] => [...new Set(c.expect.map((e) => `${e.check}@${e.line}`))].sort();

describe('BuildKit check-test conformance', () => {
  const inScope = data.cases.filter((c) => !c.needsRegistry);
  const differing = inScope.filter((c) => JSON.stringify(dfoptBuildKitFindings(c)) !== JSON.stringify(expected(c)));
  const share = (100 * (inScope.length - differing.length)) / Math.max(1, inScope.length);

  it('every difference from BuildKit is listed with a reason', () => {
    const unlisted = differing
      .filter((c) => !(c.id in knownDifferences))
      .map((c) => `${c.id}: BuildKit ${JSON.stringify(expected(c))}, dfopt ${JSON.stringify(dfoptBuildKitFindings(c))}`);
    expect(unlisted).toEqual([]);
  });

  it('every listed difference still differs and names a real case with a reason', () => {
    const differingIds = new Set(differing.map((c) => c.id));
    expect(Object.keys(knownDifferences).filter((id) => !differingIds.has(id))).toEqual([]);
    for (const reason of Object.values(knownDifferences)) expect(reason.trim().length).toBeGreaterThan(10);
  });

  it('the identical share does not drop below the recorded figure', () => {
    expect(share).toBeGreaterThanOrEqual(RECORDED_SHARE);
  });

  afterAll(() => {
    console.log(
      `BuildKit conformance: ${data.cases.length} cases, ${inScope.length} offline; ` +
        `${inScope.length - differing.length} identical (${share.toFixed(1)}%), ${differing.length} listed differences`,
    );
  });
});
