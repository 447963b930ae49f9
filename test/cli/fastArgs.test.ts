import { parseFixArgs, parseLintArgs } from '../../src/cli/fastArgs';

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

// `dfopt fix` (pre-commit's second hook) likewise: `fix` first, then its own well-formed options.
const fixBase = { ...base, 'dry-run': false, check: false, 'exit-non-zero-on-fix': false, unsafe: false, only: [], pin: [], explain: false };
delete (fixBase as Partial<typeof fixBase>).quiet;
delete (fixBase as Partial<typeof fixBase>).cache;

describe('parseFixArgs (the fast path past yargs for fix)', () => {
  it.each([
    [['fix'], {}],
    [['fix', '--exit-non-zero-on-fix', 'a', 'b'], { paths: ['a', 'b'], 'exit-non-zero-on-fix': true }],
    [['fix', 'a', 'fix', 'lint'], { paths: ['a', 'fix', 'lint'] }],
    [['fix', '--dry-run', '--check', '--unsafe', '--explain', 'x'], { paths: ['x'], 'dry-run': true, check: true, unsafe: true, explain: true }],
    [['fix', '--only', 'a,b', '--only=c', '--pin', 'node=20', '--rule', 'x=off', 'y'], { paths: ['y'], only: ['a,b', 'c'], pin: ['node=20'], rule: ['x=off'] }],
    [['fix', '-f', 'json', '-o', 'out.json', '--no-color', '-c', 'cfg.yaml', '--context', '.', 'x'],
      { paths: ['x'], format: 'json', 'output-file': 'out.json', color: false, config: 'cfg.yaml', context: '.' }],
    [['fix', '--stdin', '--stdin-filename', 'Dockerfile', '--failure-threshold', 'none'], { stdin: true, 'stdin-filename': 'Dockerfile', 'failure-threshold': 'none' }],
  ])('%j', (args, expected) => {
    expect(parseFixArgs(args)).toEqual({ ...fixBase, ...expected });
  });

  it.each([
    ['lint', ['lint', 'x']],
    ['a path alone', ['x']],
    ['options before fix', ['--unsafe', 'fix', 'x']],
    ['fix after a path', ['x', 'fix']],
    ['help', ['fix', '--help']],
    ['--verify', ['fix', '--verify', 'x']],
    ['--build-arg', ['fix', '--build-arg', 'A=1', 'x']],
    ['a lint-only option', ['fix', '--quiet', 'x']],
    ['a format fix does not have', ['fix', '-f', 'sarif', 'x']],
    ['a negated flag', ['fix', '--no-unsafe', 'x']],
    ['a flag given a value', ['fix', '--check', 'true', 'x']],
    ['a flag with =', ['fix', '--dry-run=false']],
    ['a flag given twice', ['fix', '--unsafe', '--unsafe']],
    ['a camel-case spelling', ['fix', '--dryRun', 'x']],
    ['a missing value', ['fix', 'x', '--only']],
    ['an option as a value', ['fix', '--pin', '--unsafe']],
    ['end of options', ['fix', '--', 'x']],
  ])('leaves %s to yargs', (_label, args) => {
    expect(parseFixArgs(args)).toBeNull();
  });
});
