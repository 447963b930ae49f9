import { lintText } from '../../src';

// Issue 19 hand check (docs/precision/hand-check-2026-12-05.md, row 17): use-workdir flagged `cd $DANTE_TEMP` although
// the same RUN removes the directory with `rm -rf $DANTE_TEMP` (01052.Dockerfile:22). A WORKDIR there would keep the
// build directory in the image. The directory may be a variable, relative, or a subdirectory of the removed one.
const cdLines = (text: string) =>
  lintText(text)
    .findings.filter((f) => f.ruleId === 'use-workdir')
    .map((f) => f.range.start.line + 1);

describe('use-workdir and a build directory removed later in the same RUN', () => {
  it('stays silent when an ARG names the directory (01052.Dockerfile:22)', () => {
    const text =
      'FROM debian:12\nARG DANTE_TEMP=dante\n' +
      'RUN mkdir $DANTE_TEMP \\\n && cd $DANTE_TEMP \\\n && ./configure && make install \\\n && cd .. \\\n && rm -rf $DANTE_TEMP\n';
    expect(cdLines(text)).toEqual([]);
  });

  it('stays silent on a mktemp directory held in a shell variable, ${} or not', () => {
    expect(cdLines('FROM debian:12\nRUN tmp="$(mktemp -d)"; cd "$tmp"; make; rm -rf "${tmp}"\n')).toEqual([]);
  });

  it('stays silent on a subdirectory of the removed directory and on `cd ../..` back out of it', () => {
    const text =
      'FROM debian:12\nRUN cd /usr/src/postgis && make && cd regress && make check && cd / && rm -rf /usr/src/postgis\n' +
      'RUN mkdir vulkan && cd vulkan && tar -xf sdk.tar.xz && cd 1.4 && cp -r bin/* /usr/bin/ && cd ../.. && rm -rf vulkan && ldconfig\n';
    expect(cdLines(text)).toEqual([]);
  });

  it('stays silent on a cd that only prepares the cleanup', () => {
    const text = 'FROM debian:12\nRUN cd /tmp/luarocks-3.9 && make install && cd /tmp && rm -rf luarocks-3.9 luarocks-3.9.tar.gz\n';
    expect(cdLines(text)).toEqual([]);
  });

  it('stays silent when a glob removes the directory with its tarball (`rm -rf redis-7.2.4*`)', () => {
    const text = 'FROM debian:12\nRUN tar xzf redis-7.2.4.tar.gz && cd redis-7.2.4 && make install && cd .. && rm -rf redis-7.2.4*\n';
    expect(cdLines(text)).toEqual([]);
  });

  it('still fires when the glob matches something else', () => {
    expect(cdLines('FROM debian:12\nRUN cd redis-7.2.4 && make install && cd .. && rm -rf *.tar.gz\n')).toEqual([2]);
  });

  it('stays silent on a cd into the directory WORKDIR already set (02421.Dockerfile:26), fires on one elsewhere', () => {
    expect(cdLines('FROM golang:1.22\nWORKDIR /watchtower\nRUN cd /watchtower && go build ./...\n')).toEqual([]);
    expect(cdLines('FROM golang:1.22\nWORKDIR /watchtower\nRUN cd /watchtower/cmd && go build ./...\n')).toEqual([3]);
  });

  it('still fires when the rm runs before the cd, so the directory stays', () => {
    expect(cdLines('FROM debian:12\nRUN rm -rf /src && git clone https://example.com/x.git /src && cd /src && make\n')).toEqual([2]);
  });

  it('still fires when the variable removed is another directory', () => {
    expect(cdLines('FROM debian:12\nARG APP=/srv/app\nARG OLD=/srv/old\nRUN cd $APP && make && rm -rf $OLD\n')).toEqual([4]);
  });

  it('still fires when the rm removes a same-named directory inside the one the RUN works in', () => {
    expect(cdLines('FROM debian:12\nRUN cd build && make && rm -rf build\n')).toEqual([2]);
  });
});
