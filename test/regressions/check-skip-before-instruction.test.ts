import { lintText } from '../../src/index';

// BuildKit honours `# check=skip=…` in the comments directly above an instruction, for that instruction only
// (linter.WithMergedConfigFromComments); dfopt read it only as the parser directive at the top of the file.
describe('# check=skip=… above an instruction', () => {
  const lines = (source: string, code: string): number[] =>
    lintText(source, { extends: 'all' })
      .findings.filter((f) => f.codes.includes(code))
      .map((f) => f.range.start.line + 1);

  it('skips the named check for the next instruction only', () => {
    const source = 'FROM scratch\n# check=skip=SecretsUsedInArgOrEnv // allowed here\nENV password=bar\nENV secret=baz\n';
    expect(lines(source, 'SecretsUsedInArgOrEnv')).toEqual([4]);
  });

  it('skip=all covers every check of that instruction; blank lines keep the link, an empty # breaks it', () => {
    expect(lines('FROM scratch\n# check=skip=all\n\nMAINTAINER me\n', 'MaintainerDeprecated')).toEqual([]);
    expect(lines('FROM scratch\n# check=skip=all\n#\nMAINTAINER me\n', 'MaintainerDeprecated')).toEqual([4]);
  });
});
