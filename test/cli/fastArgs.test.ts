import { parseLintArgs } from '../../src/cli/fastArgs';

// The everyday `dfopt [lint] [options] paths` is parsed without yargs (cold start); everything else goes to yargs.
const base = { paths: [], stdin: false, format: 'stylish', rule: [], quiet: false, cache: false };

describe('parseLintArgs (the fast path past yargs)', () => {
  it.each([
    [[], {}],
    [['Dockerfile'], { paths: ['Dockerfile'] }],
    [['lint', 'a', 'b'], { paths: ['a', 'b'] }],
    [['-q', 'lint', 'Dockerfile', 'lint'], { paths: ['Dockerfile', 'lint'], quiet: true }],
    [['lint', '-f', 'json', '-o', 'out.json', 'x'], { paths: ['x'], format: 'json', 'output-file': 'out.json' }],
    [['--format=sarif', '--max-warnings', '0', 'x'], { paths: ['x'], format: 'sarif', 'max-warnings': 0 }],
    [['--rule', 'a=off', 'x', '--rule', 'b=error'], { paths: ['x'], rule: ['a=off', 'b=error'] }],
    [['--no-color', '--cache', '--cache-location', 'c', '-c', 'cfg.yaml', '--context', '.', 'x'],
      { paths: ['x'], color: false, cache: true, 'cache-location': 'c', config: 'cfg.yaml', context: '.' }],
    [['--stdin', '--stdin-filename', 'Dockerfile', '--failure-threshold', 'warning'],
      { stdin: true, 'stdin-filename': 'Dockerfile', 'failure-threshold': 'warning' }],
    [['--color', 'x'], { paths: ['x'], color: true }],
  ])('%j', (args, expected) => {
    expect(parseLintArgs(args)).toEqual({ ...base, ...expected });
  });

  it.each([
    ['help', ['--help']],
    ['help after lint', ['lint', '-h']],
    ['version', ['--version']],
    ['another command', ['fix', 'Dockerfile']],
    ['rules', ['rules']],
    ['an unknown option', ['--bogus', 'x']],
    ['a camel-case spelling', ['--outputFile', 'x']],
    ['a negated flag', ['--no-cache', 'x']],
    ['a bad format', ['-f', 'nonsense', 'x']],
    ['a bad threshold', ['--failure-threshold', 'fatal']],
    ['a missing value', ['x', '--max-warnings']],
    ['a value that is not a whole number', ['--max-warnings', 'x']],
    ['-1 (yargs reads it)', ['--max-warnings', '-1']],
    ['an option as a value', ['-o', '--quiet']],
    ['a repeated option', ['-f', 'json', '-f', 'sarif']],
    ['a flag given a value', ['--quiet', 'false', 'x']],
    ['a flag with =', ['--cache=true']],
    ['clustered short flags', ['-qf', 'json']],
    ['end of options', ['--', 'x']],
    ['an empty argument', ['']],
  ])('leaves %s to yargs', (_label, args) => {
    expect(parseLintArgs(args)).toBeNull();
  });
});
