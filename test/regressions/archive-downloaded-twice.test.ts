import { fix, lint } from '../../src';

// npm run fuzz -- --seed 12, #90617 and #73972 (reduced): a RUN that downloads an archive, unpacks or installs it, then
// downloads it again to the same path. archive-left-in-layer flagged the first download, and its fix appended
// `rm -f <path>`, but the rule did not count that delete for the first download (the second had taken its place in the
// RUN's list), so every pass of `fix --unsafe` appended another `rm -f` (ten of them) and the output was still flagged.
const archiveFindings = (text: string): string[] =>
  lint(text)
    .findings.filter((f) => f.ruleId === 'archive-left-in-layer')
    .map((f) => `${f.range.start.line + 1}:${f.range.start.column + 1}`);

describe('archive-left-in-layer: the same archive downloaded twice in one RUN', () => {
  it.each([
    [
      'curl, dpkg -i, curl again',
      'FROM debian:12\nRUN curl -fsSLo ms.deb https://example.com/ms.deb && dpkg -i ms.deb && curl -fsSLo ms.deb https://example.com/ms.deb && echo done\n',
      'FROM debian:12\nRUN curl -fsSLo ms.deb https://example.com/ms.deb && dpkg -i ms.deb && curl -fsSLo ms.deb https://example.com/ms.deb && echo done && rm -f ms.deb\n',
    ],
    [
      'wget, tar, wget again inside an if',
      'FROM debian:12\nRUN wget -qO g.tar.gz https://example.com/g.tar.gz && tar xzf g.tar.gz \\\n && if [ -n "$X" ]; then wget -qO g.tar.gz https://example.com/g.tar.gz; fi\n',
      'FROM debian:12\nRUN wget -qO g.tar.gz https://example.com/g.tar.gz && tar xzf g.tar.gz \\\n && if [ -n "$X" ]; then wget -qO g.tar.gz https://example.com/g.tar.gz; fi \\\n && rm -f g.tar.gz\n',
    ],
  ])('%s: one finding, one rm -f, and the output is clean and stays as it is', (_, before, after) => {
    expect(archiveFindings(before)).toEqual(['2:' + String(before.split('\n')[1]!.search(/dpkg|tar x/) + 1)]);
    const out = fix(before, { unsafe: true, only: ['archive-left-in-layer'] }).output;
    expect(out).toBe(after);
    expect(archiveFindings(out)).toEqual([]);
    expect(fix(out, { unsafe: true }).output).toBe(fix(fix(out, { unsafe: true }).output, { unsafe: true }).output);
  });

  it('a delete after the second download counts for the first one, a delete before it does not', () => {
    const get = 'curl -fsSLo ms.deb https://example.com/ms.deb';
    expect(archiveFindings(`FROM debian:12\nRUN ${get} && dpkg -i ms.deb && ${get} && rm ms.deb\n`)).toEqual([]);
    // Deleted, downloaded again and unpacked: the second copy is the one left.
    expect(archiveFindings(`FROM debian:12\nRUN ${get} && rm ms.deb && ${get} && dpkg -i ms.deb\n`)).toEqual(['2:' + String(`RUN ${get} && rm ms.deb && ${get} && `.length + 1)]);
  });
});
