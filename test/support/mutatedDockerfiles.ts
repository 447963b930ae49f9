// Property-test inputs: the fixtures' Dockerfiles (small and hand-made, unlike ../shared/corpus) and files stitched
// from their lines, put through the fuzzer's mutations (scripts/fuzz-lib.ts), as `npm run fuzz` makes its inputs.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { MUTATIONS, rngFrom } from '../../scripts/fuzz-lib';

const FIXTURES = resolve(__dirname, '..', '..', 'fixtures');

export const FIXTURE_TEXTS: readonly string[] = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.Dockerfile'))
  .sort()
  .map((f) => readFileSync(join(FIXTURES, f), 'utf8'));
const fixtureLines = [...new Set(FIXTURE_TEXTS.flatMap((t) => t.split('\n')))];

/** A fixture, or fixture lines after a FROM, with `minMutations` to 4 of the fuzzer's mutations applied. */
export function mutatedDockerfile(minMutations: number): fc.Arbitrary<string> {
  const base = fc.oneof(
    fc.constantFrom(...FIXTURE_TEXTS),
    fc.array(fc.constantFrom(...fixtureLines), { minLength: 1, maxLength: 30 }).map((ls) => `FROM alpine:3.19\n${ls.join('\n')}\n`),
  );
  const mutations = fc.array(fc.record({ mutation: fc.nat({ max: MUTATIONS.length - 1 }), seed: fc.integer() }), { minLength: minMutations, maxLength: 4 });
  return fc
    .tuple(base, mutations)
    .map(([text, steps]) => steps.reduce((t, { mutation, seed }) => MUTATIONS[mutation]!.apply(t, rngFrom(seed), FIXTURE_TEXTS), text));
}
