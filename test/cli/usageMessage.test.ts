import { usageMessage } from '../../src/cli/usageMessage';

describe('usageMessage', () => {
  it.each([
    [
      'a dashed option, without its camelCase twin',
      'Unknown arguments: unknown-flag, unknownFlag',
      ['lint', '--unknown-flag', 'Dockerfile'],
      'Unknown argument: --unknown-flag',
    ],
    ['the twin the user typed', 'Unknown arguments: unknownFlag, unknown-flag', ['--unknownFlag'], 'Unknown argument: --unknownFlag'],
    ['several options', 'Unknown arguments: foo, bar-baz, barBaz', ['lint', '--foo', '--bar-baz=1'], 'Unknown arguments: --foo, --bar-baz'],
    ['a short option in a group', 'Unknown argument: Q', ['lint', '-xQ'], 'Unknown argument: -Q'],
    ['a positional argument stays as it is', 'Unknown argument: extra', ['init', 'extra'], 'Unknown argument: extra'],
    [
      'a value that is not one of the choices',
      'Invalid values: Argument: format, Given: "nonsense", Choices: "stylish", "json", "sarif"',
      ['--format', 'nonsense'],
      "--format takes stylish, json or sarif, not 'nonsense'",
    ],
    [
      'two of them',
      'Invalid values: Argument: format, Given: "x", Choices: "a", "b" Argument: failure-threshold, Given: "y", Choices: "error"',
      [],
      "--format takes a or b, not 'x'; --failure-threshold takes error, not 'y'",
    ],
    ['an option given last, with no value', 'Not enough arguments following: config', ['lint', '--config'], '--config needs a value'],
    ['a short one', 'Not enough arguments following: c', ['lint', '-c'], '-c needs a value'],
    ['another message', 'Not enough non-option arguments: got 0, need at least 1', ['explain'], 'Not enough non-option arguments: got 0, need at least 1'],
  ])('%s', (_name, message, argv, expected) => {
    expect(usageMessage(message, argv)).toBe(expected);
  });
});
