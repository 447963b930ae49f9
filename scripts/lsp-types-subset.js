'use strict';
// What the CLI bundle holds of vscode-languageserver-types (see scripts/build.js, lspTypesSubset): dockerfile-ast, the
// only module of the bundle that requires it, calls Range.create and Position.create, nothing else. The package's
// module builds ~40 namespaces at every start (~110 kB allocated, 30 kB of text to read and deserialise) for those two.
// Copied from vscode-languageserver-types 3.18.5, lib/umd/main.js, as they are there (test/cli/lspTypesSubset.test.ts
// holds them to the package's).
const objectToString = Object.prototype.toString;
const MAX_VALUE = 2147483647;
const isUinteger = (value) => objectToString.call(value) === '[object Number]' && 0 <= value && value <= MAX_VALUE;
const objectLiteral = (value) => value !== null && typeof value === 'object';

const Position = {
  create(line, character) {
    if (line === Number.MAX_VALUE) line = MAX_VALUE;
    if (character === Number.MAX_VALUE) character = MAX_VALUE;
    return { line, character };
  },
  is(value) {
    return objectLiteral(value) && isUinteger(value.line) && isUinteger(value.character);
  },
};

const Range = {
  create(one, two, three, four) {
    if (isUinteger(one) && isUinteger(two) && isUinteger(three) && isUinteger(four)) {
      return { start: Position.create(one, two), end: Position.create(three, four) };
    } else if (Position.is(one) && Position.is(two)) {
      return { start: one, end: two };
    } else {
      throw new Error('Range#create called with invalid arguments['.concat(one, ', ').concat(two, ', ').concat(three, ', ').concat(four, ']'));
    }
  },
};

module.exports = { Position, Range };
