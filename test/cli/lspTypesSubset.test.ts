import fc from 'fast-check';
import * as types from 'vscode-languageserver-types';

// The CLI bundle holds only the part of vscode-languageserver-types that dockerfile-ast calls (scripts/build.js,
// lspTypesSubset): it must answer as the package does, results and errors alike.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const subset = require('../../scripts/lsp-types-subset.js') as Pick<typeof types, 'Position' | 'Range'>;

const outcome = (f: () => unknown): unknown => {
  try {
    return { value: f() };
  } catch (error) {
    return { error: String(error) };
  }
};

const edge = [0, 1, -1, 0.5, 2147483647, 2147483648, Number.MAX_VALUE, Number.NaN, Infinity, -0];
const anyValue = fc.oneof(
  fc.constantFrom(...edge),
  fc.integer(),
  fc.double(),
  fc.constantFrom(undefined, null, '1', true, {}, [], { line: 1, character: 2 }, { line: -1, character: 2 }, { line: 1 }),
  fc.record({ line: fc.oneof(fc.constantFrom(...edge), fc.integer()), character: fc.oneof(fc.constantFrom(...edge), fc.integer()) }),
);

describe('the CLI bundle’s subset of vscode-languageserver-types', () => {
  it('has Position.create as the package has', () => {
    fc.assert(
      fc.property(anyValue, anyValue, (line, character) => {
        expect(outcome(() => subset.Position.create(line as number, character as number))).toEqual(
          outcome(() => types.Position.create(line as number, character as number)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('has Range.create as the package has, four numbers or two positions', () => {
    fc.assert(
      fc.property(anyValue, anyValue, anyValue, anyValue, (a, b, c, d) => {
        const args = [a, b, c, d] as [number, number, number, number];
        expect(outcome(() => subset.Range.create(...args))).toEqual(outcome(() => types.Range.create(...args)));
        const two = [a, b] as unknown as [types.Position, types.Position];
        expect(outcome(() => subset.Range.create(...two))).toEqual(outcome(() => types.Range.create(...two)));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the positions it is given, as the package does', () => {
    const start = { line: 1, character: 2 };
    const end = { line: 3, character: 4 };
    expect(subset.Range.create(start, end).start).toBe(start);
    expect(types.Range.create(start, end).start).toBe(start);
  });
});
