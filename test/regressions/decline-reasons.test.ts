import { lintText } from '../../src';

// Issue 19 ("When a fix declines, say why") and issue 21 item 5: a fixable rule's finding without a fix names its
// reason instead of "this case is beyond what the fix rewrites automatically".
const declined = (text: string, rule: string) =>
  lintText(text, { extends: 'all' })
    .findings.filter((f) => f.ruleId === rule)
    .map((f) => f.fixDeclined);

describe('decline reasons', () => {
  it('wget-progress in a stage whose wget may be BusyBox', () => {
    expect(declined('FROM alpine:3.20\nRUN wget https://example.com/a.tgz\n', 'wget-progress')).toEqual([expect.stringContaining("this stage's wget is BusyBox's")]);
    expect(declined('FROM example.com/tools:1\nRUN apk add curl\nRUN wget https://example.com/a.tgz\n', 'wget-progress')).toEqual([expect.stringContaining("may be BusyBox's")]);
    expect(declined('FROM debian:12\nRUN wget https://example.com/a.tgz\n', 'wget-progress')).toEqual([undefined]);
  });

  it('prefer-smaller-base when the variant lacks a program the image runs, and for a distroless suggestion', () => {
    expect(declined('FROM python:3.12\nRUN curl -fsSLo /a https://example.com/a\nCMD ["python", "/app.py"]\n', 'prefer-smaller-base')).toEqual([
      '`curl` at line 2 needs a program python:3.12-slim lacks',
    ]);
    expect(declined('FROM ubuntu:22.04\nCOPY app /usr/local/bin/app\nCMD ["app"]\n', 'prefer-smaller-base')).toEqual([expect.stringContaining('distroless has no shell')]);
  });

  it('json-cmd-entrypoint when the command needs a shell', () => {
    expect(declined('FROM debian:12\nCMD echo $HOME && exec app\n', 'json-cmd-entrypoint')).toEqual([expect.stringContaining('what only a shell interprets')]);
    expect(declined('FROM debian:12\nCMD app --serve\n', 'json-cmd-entrypoint')).toEqual([undefined]);
  });

  it('remove-in-same-layer names what stops both the move and the merge', () => {
    expect(declined('FROM debian:12\nCOPY pkg.deb /tmp/\nRUN dpkg -i /tmp/pkg.deb && rm /tmp/pkg.deb\n', 'remove-in-same-layer')).toEqual([
      'the files come from the COPY at line 2, which no later RUN can undo',
    ]);
    expect(declined('FROM debian:12\nRUN touch /tmp/a\nUSER nobody\nRUN rm /tmp/a\n', 'remove-in-same-layer')).toEqual([
      expect.stringMatching(/^neither moving the delete into the RUN at line 2 nor merging/),
    ]);
  });

  it('prefer-apt-get names what apt-get would do differently', () => {
    expect(declined('FROM debian:12\nRUN apt update && apt install -y curl\nRUN apt upgrade -y\n', 'prefer-apt-get')).toEqual([
      undefined,
      expect.stringMatching(/^apt-get keeps the downloaded \.deb files/),
      '`apt-get upgrade` does not do exactly what `apt upgrade` does',
    ]);
  });

  it('clean-package-cache names what the cleanup would break', () => {
    expect(declined('FROM debian:12\nRUN apt-get update && apt-get install -y curl\nRUN apt-get install -y git && rm -rf /var/lib/apt/lists/*\n', 'clean-package-cache')).toEqual([
      'a later apt command of the stage installs from these lists; clean up after the last one',
    ]);
    expect(declined('FROM debian:12\nUSER app\nRUN sudo apt-get update && sudo apt-get install -y curl\n', 'clean-package-cache')).toEqual([
      expect.stringMatching(/sudo, env or xargs|USER other than root/),
    ]);
  });

  it('modify-in-later-layer says why the mode or owner cannot move into the COPY', () => {
    expect(declined('FROM debian:12\nCOPY run.bin /run.bin\nRUN chmod +x /run.bin && /run.bin\n', 'modify-in-later-layer')).toEqual([
      "the RUN does more than chmod/chown the COPY'd files, so the change cannot move into the COPY",
    ]);
    expect(declined('FROM debian:12\nCOPY a.bin b.bin /opt/\nRUN chmod +x /opt/a.bin\n', 'modify-in-later-layer')).toEqual([
      expect.stringMatching(/^it changes only some of the files the COPY brings/),
    ]);
  });

  it('archive-left-in-layer says why the archive stays', () => {
    expect(declined('FROM debian:12\nCOPY app.zip /tmp/\nRUN echo start\nRUN unzip /tmp/app.zip -d /opt\n', 'archive-left-in-layer')).toEqual([
      expect.stringMatching(/^a bind mount replaces the COPY only when the RUN right after it is the one use of the archive/),
    ]);
  });

  it('use-multi-stage gives the optimizer plan\'s reason', () => {
    const text = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build\nCMD ["/src/app"]\n';
    const [finding, ...rest] = lintText(text, { extends: 'all' }).findings.filter((f) => f.ruleId === 'use-multi-stage');
    expect(rest).toEqual([]);
    expect(finding!.fix).toBeNull();
    expect(finding!.fixDeclined).toMatch(/^`go build` without a literal `-o` path/);
    expect(finding!.message).toContain(`(no automatic fix: ${finding!.fixDeclined})`);
  });
});
