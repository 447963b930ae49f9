import { BOOLEAN_OPTIONS, booleanValueError, usageMessage } from '../../src/cli/usageMessage';
import { runDfopt, tempProject } from '../support/cli';

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

describe('booleanValueError', () => {
  it.each([
    [['fix', '--dry-run=yes', 'Dockerfile'], "--dry-run takes no value (or true or false), not 'yes'"],
    [['lint', '--no-color=x'], "--no-color takes no value (or true or false), not 'x'"],
    [['lint', '--quiet='], "--quiet takes no value (or true or false), not ''"],
    [['fix', '--dry-run=true', '--unsafe=false'], null],
    [['fix', '--dry-run', 'yes'], null],
    [['lint', '--format=json'], null],
    [['lint', '--', '--quiet=maybe'], null],
  ])('%j', (args, expected) => expect(booleanValueError(args)).toBe(expected));

  // The set is written out (yargs builds a command's options only when it runs), so it is checked against --help.
  it("holds every command's boolean options, as --help lists them", () => {
    const dir = tempProject();
    const listed = new Set<string>();
    for (const command of [[], ['fix'], ['rules'], ['explain'], ['init'], ['lsp']]) {
      const help = runDfopt([...command, '--help'], { cwd: dir }).stdout;
      // An option's block: its line and the wrapped lines of its description, up to the next option.
      for (const block of help.split(/\n(?=\s+-)/)) {
        const name = /^\s+(?:-\w, )?--([\w-]+)/.exec(block)?.[1];
        if (name && block.includes('[boolean]')) listed.add(name);
      }
    }
    expect([...listed].sort()).toEqual([...BOOLEAN_OPTIONS].sort());
  });
});
