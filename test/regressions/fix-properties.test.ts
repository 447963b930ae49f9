import fc from 'fast-check';
import { checkInput } from '../../scripts/fuzz-lib';
import { FIXTURE_TEXTS, mutatedDockerfile } from '../support/mutatedDockerfiles';

/**
 * `npm run fuzz`'s properties on a few hundred inputs, in `npm test`: the rule fixtures (always in the repository,
 * unlike ../shared/corpus) and files stitched from their lines, put through the fuzzer's mutations (lone `\r`,
 * CRLF/LF mixes, BOMs, NULs, U+FFFD, continuations, unterminated heredocs and JSON arrays, `escape=` directives,
 * self-doubling ENV/ARG, …). Each must lint and fix without throwing; fixed output must parse, be stable under a second
 * fix, and keep every comment line, the line-ending style and the BOM (scripts/fuzz-lib.ts `checkInput`).
 */
const texts = FIXTURE_TEXTS;
const input = mutatedDockerfile(1);

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
