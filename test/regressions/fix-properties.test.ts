import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { checkInput, MUTATIONS, rngFrom } from '../../scripts/fuzz-lib';

/**
 * `npm run fuzz`'s properties on a few hundred inputs, in `npm test`: the rule fixtures (always in the repository,
 * unlike ../shared/corpus) and files stitched from their lines, put through the fuzzer's mutations (lone `\r`,
 * CRLF/LF mixes, BOMs, NULs, U+FFFD, continuations, unterminated heredocs and JSON arrays, `escape=` directives,
 * self-doubling ENV/ARG, …). Each must lint and fix without throwing; fixed output must parse, be stable under a second
 * fix, and keep every comment line, the line-ending style and the BOM (scripts/fuzz-lib.ts `checkInput`).
 */
const FIXTURES = resolve(__dirname, '..', '..', 'fixtures');
const texts = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.Dockerfile'))
  .sort()
  .map((f) => readFileSync(join(FIXTURES, f), 'utf8'));
const fixtureLines = [...new Set(texts.flatMap((t) => t.split('\n')))];

const base = fc.oneof(
  fc.constantFrom(...texts),
  fc.array(fc.constantFrom(...fixtureLines), { minLength: 1, maxLength: 30 }).map((ls) => `FROM alpine:3.19\n${ls.join('\n')}\n`),
);
const mutations = fc.array(fc.record({ mutation: fc.nat({ max: MUTATIONS.length - 1 }), seed: fc.integer() }), { minLength: 1, maxLength: 4 });
const input = fc.tuple(base, mutations).map(([text, steps]) =>
  steps.reduce((t, { mutation, seed }) => MUTATIONS[mutation]!.apply(t, rngFrom(seed), texts), text),
);

describe('lint and fix properties on mutated Dockerfiles', () => {
  it('has fixtures to start from', () => {
    expect(texts.length).toBeGreaterThan(100);
  });

  it('never throw; fixed output reparses, is stable, keeps comments, line endings and the BOM', () => {
    fc.assert(
      fc.property(input, (text) => {
        // CPU time is the fuzz report's business (npm run fuzz), not a timed unit test's: drop that property here.
        const failures = checkInput(text).failures.filter((f) => f.property !== 'cpu-over-1s');
        expect(failures).toEqual([]);
      }),
      // A fixed seed keeps `npm test` reproducible; `npm run fuzz -- --seed S` is where new inputs are explored.
      { numRuns: 300, seed: 18 },
    );
  }, 60_000); // a few seconds; the timeout only keeps a loaded machine from failing it
});
