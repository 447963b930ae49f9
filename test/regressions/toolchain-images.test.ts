import { lintText } from '../../src';

// Issue 19 pattern 4: use-multi-stage stays quiet on images whose product is the toolchain (CI runners, SDK images,
// development containers), and still fires on an image that builds a program and runs it.
const multiStageAt = (text: string): number[] =>
  lintText(text, { rules: { 'use-multi-stage': 'warning' } })
    .findings.filter((f) => f.ruleId === 'use-multi-stage')
    .map((f) => f.range.start.line + 1);

const GO_BUILD = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN go build -o /usr/local/bin/app ./cmd/app\n';

describe('use-multi-stage: toolchain images (issue 19 pattern 4)', () => {
  it('a CI image that selects language versions with a version manager is not reported (corpus 01286.Dockerfile:582)', () => {
    const text =
      'FROM ubuntu:22.04 AS core\nRUN apt-get update && apt-get install -y build-essential gcc g++\n' +
      'RUN curl -L https://example.com/git.tar.gz | tar xz && cd git && make && make install\n' +
      'FROM core AS std\nRUN n $NODE_18_VERSION\nRUN pyenv global $PYTHON_VERSION\n' +
      'COPY dockerd-entrypoint.sh /usr/local/bin/dockerd-entrypoint.sh\nENTRYPOINT ["/usr/local/bin/dockerd-entrypoint.sh"]\n';
    expect(multiStageAt(text)).toEqual([]);
  });
  it('a development container that installs the delve debugger is not reported (corpus 02568.Dockerfile:21)', () => {
    expect(multiStageAt(`${GO_BUILD}RUN go install github.com/go-delve/delve/cmd/dlv@v1.7.1\nCMD ["/usr/local/bin/app"]\n`)).toEqual([]);
    expect(multiStageAt(`${GO_BUILD}RUN apt-get update && apt-get install -y gdb\nCMD ["/usr/local/bin/app"]\n`)).toEqual([]);
  });
  it('a start command under a VOLUME that no COPY fills (sources mounted at run time) is not reported', () => {
    const text =
      'FROM golang:1.20-bullseye\nRUN go install example.com/tool@v1\nVOLUME ["/go/src/app"]\nWORKDIR /go/src/app\n' +
      'CMD ./hack/develop/run.sh\n';
    expect(multiStageAt(text)).toEqual([]);
  });
  it('three toolchains at once make an SDK image', () => {
    const text =
      'FROM golang:1.22\nRUN apt-get update && apt-get install -y gcc openjdk-17-jdk-headless\nWORKDIR /src\nCOPY . .\n' +
      'RUN go build -o /usr/local/bin/app .\nCMD ["/usr/local/bin/app"]\n';
    expect(multiStageAt(text)).toEqual([]);
  });
  it('an image that builds its program and runs it is still reported, also with a data VOLUME or a COPY-filled one', () => {
    expect(multiStageAt(`${GO_BUILD}CMD ["/usr/local/bin/app"]\n`)).toEqual([1]);
    expect(multiStageAt(`${GO_BUILD}VOLUME /data\nCMD ["/usr/local/bin/app"]\n`)).toEqual([1]);
    const copied = 'FROM golang:1.22\nVOLUME /src\nWORKDIR /src\nCOPY . .\nRUN go build -o app .\nCMD ["./app"]\n';
    expect(multiStageAt(copied)).toEqual([1]);
  });
});
