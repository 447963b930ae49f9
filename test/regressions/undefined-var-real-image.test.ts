import { lintText } from '../../src/index';

// BuildKit knows a real base image's environment and reports a near-miss of a declared name (`$PAHT`) or a variable
// used before the ARG that declares it; dfopt, which cannot see that environment offline, stayed silent on any stage
// not built from scratch unless the name differed only in case (BuildKit's testUnmatchedVars cases 4 to 6).
describe('undefined-var in a stage on a real image', () => {
  const lines = (source: string): number[] =>
    lintText(source).findings.filter((f) => f.ruleId === 'undefined-var').map((f) => f.range.start.line + 1);

  it('reports a use before the ARG that declares it', () => {
    expect(lines('FROM alpine\nCOPY $foo .\nARG foo=bar\nRUN echo $foo\n')).toEqual([2]);
  });

  it('reports a name one edit from a declared one', () => {
    expect(lines('FROM alpine\nARG DIR_ASSETS=assets/\nCOPY $DIR_ASSET .\n')).toEqual([3]);
    expect(lines('FROM alpine\nENV PATH=$PAHT:/tmp/bin\n')).toEqual([2]);
  });

  it('still trusts the image for names it could define', () => {
    expect(lines('FROM golang\nARG GOOS=linux\nENV PATH=$GOPATH/bin:$PATH X=$GOARCH\nENV GOPATH=/go\n')).toEqual([]);
  });
});
