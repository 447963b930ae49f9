import { buildSemanticModel, parseImageRef, substitute } from '../../src/model';
import { parseDockerfile } from '../../src/parse';

const model = (text: string) => buildSemanticModel(parseDockerfile(text));

describe('parseImageRef', () => {
  it.each([
    ['alpine', { registry: null, repository: 'alpine', tag: null, digest: null }],
    ['alpine:3.20', { registry: null, repository: 'alpine', tag: '3.20', digest: null }],
    ['localhost:5000/team/app:1.2', { registry: 'localhost:5000', repository: 'team/app', tag: '1.2', digest: null }],
    ['ghcr.io/o/r@sha256:abc', { registry: 'ghcr.io', repository: 'o/r', tag: null, digest: 'sha256:abc' }],
    ['library/node:22-slim', { registry: null, repository: 'library/node', tag: '22-slim', digest: null }],
  ])('%s', (text, expected) => expect(parseImageRef(text)).toMatchObject(expected));
});

describe('substitute', () => {
  const vars: Record<string, string | null> = { A: 'x', EMPTY: '', NODEFAULT: null };
  const lookup = (n: string) => (n in vars ? vars[n] : undefined);
  it.each([
    ['$A', 'x'],
    ['${A}-y', 'x-y'],
    ['${MISSING:-def}', 'def'],
    ['${EMPTY:-def}', 'def'],
    ['${EMPTY-def}', ''],
    ['${A:+alt}', 'alt'],
    ['${MISSING:+alt}', ''],
    ['\\$A', '$A'],
  ])('%s → %s', (text, value) => expect(substitute(text, lookup).value).toBe(value));
  it('lists variables with no value', () => expect(substitute('${NODEFAULT}:$MISSING', lookup).unresolved).toEqual(['NODEFAULT', 'MISSING']));
});

describe('buildSemanticModel', () => {
  const text = [
    'ARG GO=1.23',
    'ARG BASE',
    'FROM golang:${GO} AS Build',
    'WORKDIR /src',
    'ENV CGO_ENABLED=0 GOOS=linux',
    'RUN go build -o /out/app .',
    'FROM ${BASE} AS unknown',
    'FROM build AS test',
    'WORKDIR sub',
    'RUN --mount=type=bind,from=unknown,target=/x go test',
    'FROM gcr.io/distroless/static-debian12',
    'COPY --from=BUILD /out/app /app',
    'COPY --from=1 /x /y',
    'COPY --from=nginx:1.27 /etc/nginx /etc/nginx',
    'USER 65532',
    'SHELL ["/bin/bash", "-c"]',
    '',
  ].join('\n');
  const m = model(text);

  it('finds stages, names, base images and the final stage', () => {
    expect(m.globalArgs.map((a) => [a.name, a.defaultValue])).toEqual([
      ['GO', '1.23'],
      ['BASE', null],
    ]);
    expect(m.stages.map((s) => s.name)).toEqual(['Build', 'unknown', 'test', null]);
    expect(m.stages[0]!.base.ref).toMatchObject({ repository: 'golang', tag: '1.23' });
    expect(m.stages[1]!.base.unresolvedArgs).toEqual(['BASE']);
    expect(m.stages[2]!.base.stage).toBe(m.stages[0]);
    // The image at the bottom of the FROM chain, without walking it.
    expect(m.stages.map((s) => s.rootBase.written)).toEqual(['golang:${GO}', '${BASE}', 'golang:${GO}', m.stages[3]!.base.written]);
    expect(m.stages[2]!.rootBase).toBe(m.stages[0]!.base);
    expect(m.finalStage).toBe(m.stages[3]);
    expect(m.stages.map((s) => s.isFinal)).toEqual([false, false, false, true]);
  });

  it('builds the stage graph from FROM <stage>, COPY --from and RUN --mount=from', () => {
    const deps = (i: number) => m.stages[i]!.dependencies.map((d) => [d.kind, d.reference, d.stage?.index ?? null]);
    expect(deps(2)).toEqual([
      ['from', 'build', 0],
      ['mount', 'unknown', 1],
    ]);
    expect(deps(3)).toEqual([
      ['copy', 'BUILD', 0],
      ['copy', '1', 1],
      ['copy', 'nginx:1.27', null],
    ]);
  });

  it('reads a quoted WORKDIR as BuildKit does: quotes removed, absolute or relative to the one before', () => {
    const quoted = buildSemanticModel(parseDockerfile('FROM a:1\nWORKDIR /usr/src/app\nWORKDIR "/srv/My App"\nWORKDIR \'sub dir\'\n'));
    expect(quoted.stages[0]!.finalState.workdir).toBe('/srv/My App/sub dir');
  });

  it('tracks WORKDIR, ENV, USER and SHELL per stage, inherited through FROM <stage>', () => {
    const run = m.stages[2]!.instructions[1]!;
    const state = m.stateBefore(run);
    expect(state.workdir).toBe('/src/sub');
    expect(state.env.get('CGO_ENABLED')).toBe('0');
    expect(m.stages[3]!.finalState).toMatchObject({ user: '65532', shell: ['/bin/bash', '-c'], workdir: '/' });
  });

  it('imports a global ARG into a stage with its default', () => {
    const m2 = model('ARG V=1\nFROM a:1\nARG V\nRUN echo $V\n');
    expect(m2.stateBefore(m2.stages[0]!.instructions[1]!).args.get('V')).toBe('1');
  });

  it.each([
    ['mcr.microsoft.com/windows/servercore:ltsc2022', true],
    ['mcr.microsoft.com/windows/nanoserver:1809', true],
    ['python:3.13-windowsservercore', true],
    ['mcr.microsoft.com/dotnet/sdk:8.0-windowsservercore-ltsc2022', true],
    ['mcr.microsoft.com/dotnet/sdk:8.0-nanoserver-1809', true],
    ['mcr.microsoft.com/dotnet/sdk:8.0', false],
    ['debian:12', false],
  ])('shell of a stage from %s is cmd: %s', (image, windows) => {
    const m3 = model(`FROM ${image}\nRUN dir\n`);
    expect(m3.stages[0]!.finalState.shell).toEqual(windows ? ['cmd', '/S', '/C'] : ['/bin/sh', '-c']);
  });
});
