import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/chain-run';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

/** Dockerfile text from lines (LF; the tester also runs every case with CRLF). */
const df = (...lines: string[]): string => `${lines.join('\n')}\n`;
const FROM = 'FROM debian:12.5';
/** `RUN a` + `RUN b` as the fix writes them by default. */
const merged = (...bodies: string[]): string => `RUN ${bodies.join(' \\\n && ')}`;

runRuleTests(rule, {
  valid: [
    'FROM debian:12.5\nRUN echo a\n',
    { name: 'two RUNs that already chain commands', code: 'FROM debian:12.5\nRUN echo a && echo b\nRUN echo c && echo d\n' },
    { name: 'earlier RUN chains three commands', code: 'FROM debian:12.5\nRUN echo a && echo b && echo c\nRUN echo d\n' },
    { name: 'different mount flags', code: 'FROM debian:12.5\nRUN --mount=type=cache,target=/c echo a\nRUN echo b\n' },
    { name: 'different network flags', code: 'FROM debian:12.5\nRUN --network=none echo a\nRUN --network=host echo b\n' },
    { name: 'different stages', code: 'FROM debian:12.5 AS a\nRUN echo a\nFROM debian:12.5\nRUN echo b\n' },
    { name: 'exec form', code: 'FROM debian:12.5\nRUN ["echo", "a"]\nRUN echo b\n' },
    { name: 'ONBUILD RUNs', code: 'FROM debian:12.5\nONBUILD RUN echo a\nONBUILD RUN echo b\n' },
    { name: 'ONBUILD between RUNs', code: 'FROM debian:12.5\nRUN echo a\nONBUILD RUN echo x\nRUN echo b\n' },
    {
      name: 'PowerShell is not chained with &&',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Write-Host a\nRUN Write-Host b\n',
    },
    {
      name: 'continuation with a comment line inside chains commands',
      code: 'FROM debian:12.5\nRUN apt-get update \\\n# refresh lists\n && apt-get install -y curl\nRUN echo done\n',
    },
    // Issue 5 item 4: what must never merge is not flagged at all.
    { name: 'different security flags', code: df(FROM, 'RUN --security=insecure echo a', 'RUN echo b') },
    { name: 'exec form second', code: df(FROM, 'RUN echo a', 'RUN ["echo", "b"]') },
    { name: 'cmd shell', code: df('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'SHELL ["cmd", "/S", "/C"]', 'RUN echo a', 'RUN echo b') },
    { name: 'WORKDIR in between', code: df(FROM, 'RUN echo a', 'WORKDIR /src', 'RUN echo b') },
    // Issue 21: instructions that could change what the RUNs do keep them apart.
    { name: 'an ENV the second RUN reads', code: df(FROM, 'RUN echo a', 'ENV X=1', 'RUN echo "$X"') },
    { name: 'an ENV the first RUN names', code: df(FROM, 'RUN echo X', 'ENV X=1', 'RUN echo b') },
    { name: 'an ARG the second RUN reads', code: df(FROM, 'RUN echo a', 'ARG V=1', 'RUN echo ${V}') },
    { name: 'an ENV programs read on their own', code: df(FROM, 'RUN echo a', 'ENV DEBIAN_FRONTEND=noninteractive', 'RUN echo b') },
    { name: 'an ENV setting PATH', code: df(FROM, 'RUN echo a', 'ENV PATH=/opt/bin:$PATH', 'RUN echo b') },
    { name: 'an ENV after a RUN of npm (which may read any variable)', code: df(FROM, 'RUN npm install -g pnpm', 'ENV CYPRESS_INSTALL_BINARY=0', 'RUN useradd app') },
    { name: 'an ENV after a RUN of a script', code: df(FROM, 'RUN ./configure.sh', 'ENV MODE=fast', 'RUN echo b') },
    { name: 'an ENV after a RUN with a wrapper', code: df(FROM, 'RUN env', 'ENV MODE=fast', 'RUN echo b') },
    { name: 'XDG_CACHE_HOME after go install (go reads it)', code: df(FROM, 'RUN go install example.com/x@v1', 'ENV XDG_CACHE_HOME=/tmp/.cache', 'RUN chmod -R 775 /usr/bin/') },
    { name: 'ARG TARGETPLATFORM (cross-compiling helpers read it)', code: df(FROM, 'RUN apk add clang', 'ARG TARGETPLATFORM', 'RUN xx-apk add gcc') },
    { name: 'WORKDIR that changes the directory after another', code: df(FROM, 'WORKDIR /a', 'RUN echo a', 'WORKDIR /b', 'RUN echo b') },
    { name: 'WORKDIR of the same directory, which the first RUN names', code: df(FROM, 'WORKDIR /app', 'RUN rm -rf /app', 'WORKDIR /app', 'RUN echo b') },
    { name: 'a harmless instruction and a USER', code: df(FROM, 'RUN echo a', 'LABEL a=b', 'USER app', 'RUN echo b') },
    { name: 'a comment saying why, above a LABEL', code: df(FROM, 'RUN echo a', '# separate layers for caching', 'LABEL a=b', 'RUN echo b') },
    { name: 'USER in between', code: df(FROM, 'RUN echo a', 'USER app', 'RUN echo b') },
    { name: 'COPY in between', code: df(FROM, 'RUN echo a', 'COPY x /x', 'RUN echo b') },
    { name: '`a || b` then `c` (two commands: a deliberate boundary)', code: df(FROM, 'RUN a || b', 'RUN c') },
    { name: '`a; b` then `c`', code: df(FROM, 'RUN a; b', 'RUN c') },
    { name: 'hadolint ignore between silences it', code: df(FROM, 'RUN echo a', '# hadolint ignore=DL3059', 'RUN echo b') },
    { name: 'dfopt-disable-next-line between silences it', code: df(FROM, 'RUN echo a', '# dfopt-disable-next-line chain-run', 'RUN echo b') },
    { name: 'ONBUILD RUN after RUN', code: df(FROM, 'RUN echo a', 'ONBUILD RUN echo b') },
  ],
  invalid: [
    {
      code: 'FROM debian:12.5\nRUN echo a\nRUN echo b\n',
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 4, message: 'RUN at line 3 follows the RUN at line 2 and could share its layer; chain them with `&&`.' }],
      output: 'FROM debian:12.5\nRUN echo a \\\n && echo b\n',
    },
    { name: 'three in a row', code: 'FROM debian:12.5\nRUN echo a\nRUN echo b\nRUN echo c\n', errors: [{ line: 3 }, { line: 4, message: 'follows the RUN at line 3' }], output: 'FROM debian:12.5\nRUN echo a \\\n && echo b \\\n && echo c\n' },
    // Issue 21: across instructions that cannot change what the RUNs do, which move above the merged RUN.
    {
      name: 'an ENV neither RUN reads',
      code: df(FROM, 'RUN echo a', 'ENV X=1', 'RUN echo b'),
      errors: [{ line: 4, message: 'RUN at line 4 follows the RUN at line 2' }],
      output: df(FROM, 'ENV X=1', merged('echo a', 'echo b')),
    },
    {
      name: 'an ARG neither RUN reads',
      code: df(FROM, 'RUN echo a', 'ARG V=1', 'RUN echo b'),
      errors: [{ line: 4 }],
      output: df(FROM, 'ARG V=1', merged('echo a', 'echo b')),
    },
    {
      name: 'WORKDIR / when already at /, LABEL, EXPOSE and comments (a comment over a moved instruction moves with it)',
      code: df(FROM, '# update', 'RUN apt-get update', '# first', 'WORKDIR /', 'LABEL a=b \\', '      c=d', 'EXPOSE 80', '# install', 'RUN apt-get install -y curl'),
      errors: [{ line: 10, message: 'RUN at line 10 follows the RUN at line 3' }],
      output: df(FROM, '# first', 'WORKDIR /', 'LABEL a=b \\', '      c=d', 'EXPOSE 80', '# update', 'RUN apt-get update \\', '# install', ' && apt-get install -y curl'),
    },
    {
      // The comment block right over an ENV describes it: left in the continuation it sat over `echo b`.
      name: 'comment lines over a moved ENV move with it, in order, between the moved instructions',
      code: df(FROM, 'RUN echo a', '# the mode', '# (prod or dev)', 'ENV MODE=prod', '# a label', 'LABEL a=b', 'RUN echo b'),
      errors: [{ line: 8 }],
      output: df(FROM, '# the mode', '# (prod or dev)', 'ENV MODE=prod', '# a label', 'LABEL a=b', merged('echo a', 'echo b')),
    },
    {
      name: 'a comment a blank line away from the moved instruction stays inside the continuation',
      code: df(FROM, 'RUN echo a', '# about b', '', 'LABEL a=b', '# b itself', 'RUN echo b'),
      errors: [{ line: 7 }],
      output: df(FROM, 'LABEL a=b', 'RUN echo a \\', '# about b', '# b itself', ' && echo b'),
    },
    {
      name: 'WORKDIR of the directory already in effect',
      code: df(FROM, 'WORKDIR /app', 'RUN echo a', 'WORKDIR /app', 'RUN echo b'),
      errors: [{ line: 5 }],
      output: df(FROM, 'WORKDIR /app', 'WORKDIR /app', merged('echo a', 'echo b')),
    },
    {
      name: 'a suppression comment above the instruction between: flagged, no fix',
      code: df(FROM, 'RUN echo a', '# hadolint ignore=DL3048', 'LABEL a=b', 'RUN echo b'),
      errors: [{ line: 5 }],
      output: null,
    },
    {
      name: 'comments and blank lines between: the comment stays inside the continuation',
      code: 'FROM debian:12.5\nRUN echo a\n# comment\n\nRUN echo b\n',
      errors: [{ line: 5, message: 'RUN at line 2' }],
      output: 'FROM debian:12.5\nRUN echo a \\\n# comment\n && echo b\n',
    },
    {
      name: 'a comment with `&&` at line ends',
      code: 'FROM debian:12.5\nRUN echo a && \\\n    echo b\nRUN echo c\n# then d\nRUN echo d\n',
      errors: [{ line: 6 }],
      output: 'FROM debian:12.5\nRUN echo a && \\\n    echo b\nRUN echo c && \\\n# then d\n    echo d\n',
    },
    { name: 'no fix: a suppression comment between', code: 'FROM debian:12.5\nRUN echo a\n# hadolint ignore=DL3008\nRUN echo b\n', errors: [{ line: 4 }], output: null },
    { name: 'same mount flags in another order', code: 'FROM debian:12.5\nRUN --network=none --mount=type=cache,target=/c echo a\nRUN --mount=type=cache,target=/c --network=none echo b\n', errors: [{ line: 3 }], output: 'FROM debian:12.5\nRUN --network=none --mount=type=cache,target=/c echo a \\\n && echo b\n' },
    { name: 'lower-case instructions', code: 'from debian:12.5\nrun echo a\nrun echo b\n', errors: [{ line: 3, column: 1 }], output: 'from debian:12.5\nrun echo a \\\n && echo b\n' },
    {
      name: 'continuation lines with a comment line inside one command',
      code: 'FROM debian:12.5\nRUN apt-get install -y \\\n# pinned below\n    curl\nRUN \\\n    echo b\n',
      errors: [{ line: 5, column: 1, message: 'RUN at line 5 follows the RUN at line 2' }],
      // The first RUN's comment line stays where it was; the file's continuation indent (4 spaces) is used.
      output: 'FROM debian:12.5\nRUN apt-get install -y \\\n# pinned below\n    curl \\\n    && \\\n    echo b\n',
    },
    {
      name: 'multi-stage: only within a stage',
      code: 'FROM debian:12.5 AS build\nRUN echo a\nRUN echo b\nFROM debian:12.5\nRUN echo c\nCOPY --from=build /x /x\nRUN echo d\nRUN echo e\n',
      errors: [{ line: 3 }, { line: 8 }],
      output: 'FROM debian:12.5 AS build\nRUN echo a \\\n && echo b\nFROM debian:12.5\nRUN echo c\nCOPY --from=build /x /x\nRUN echo d \\\n && echo e\n',
    },
    { name: 'a heredoc RUN chains like any other RUN', code: 'FROM debian:12.5\nRUN <<EOF\necho a\nEOF\n\nRUN echo b\nRUN echo c\n', errors: [{ line: 6, message: 'the RUN at line 2' }, { line: 7, message: 'line 6' }],
      // The heredoc pair is left alone; the two plain RUNs after it merge.
      output: 'FROM debian:12.5\nRUN <<EOF\necho a\nEOF\n\nRUN echo b \\\n && echo c\n',
    },
    { name: 'heredoc RUNs that run several commands stay apart', code: 'FROM debian:12.5\nRUN <<EOF\necho a\necho b\nEOF\nRUN echo c\n', errors: [] },
    // The fix, case by case (issue 5 item 4).
    { name: 'cd in the first RUN goes into a subshell', code: df(FROM, 'RUN cd /src', 'RUN make'), errors: [{ line: 3 }], output: df(FROM, merged('(cd /src)', 'make')) },
    {
      name: 'export does not leak into the second RUN',
      code: df(FROM, 'RUN export PATH=/opt/bin:$PATH', 'RUN tool --version'),
      errors: [{ line: 3 }],
      output: df(FROM, merged('(export PATH=/opt/bin:$PATH)', 'tool --version')),
    },
    { name: 'set', code: df(FROM, 'RUN set -eux', 'RUN false'), errors: [{ line: 3 }], output: df(FROM, merged('(set -eux)', 'false')) },
    { name: 'umask', code: df(FROM, 'RUN umask 077', 'RUN touch /f'), errors: [{ line: 3 }], output: df(FROM, merged('(umask 077)', 'touch /f')) },
    { name: 'dot', code: df(FROM, 'RUN . /etc/os-release', 'RUN echo "$ID"'), errors: [{ line: 3 }], output: df(FROM, merged('(. /etc/os-release)', 'echo "$ID"')) },
    {
      name: 'source',
      code: df(FROM, 'RUN source /venv/bin/activate', 'RUN pip install flask'),
      errors: [{ line: 3 }],
      output: df(FROM, merged('(source /venv/bin/activate)', 'pip install flask')),
    },
    { name: 'shell function definition', code: df(FROM, 'RUN f() { echo hi; }', 'RUN echo b'), errors: [{ line: 3 }], output: df(FROM, merged('(f() { echo hi; })', 'echo b')) },
    { name: 'plain assignment', code: df(FROM, 'RUN X=1', 'RUN echo "$X"'), errors: [{ line: 3 }], output: df(FROM, merged('(X=1)', 'echo "$X"')) },
    {
      name: 'for loop variable',
      code: df(FROM, 'RUN for i in 1 2; do echo $i; done', 'RUN echo $i'),
      errors: [{ line: 3 }],
      output: df(FROM, merged('(for i in 1 2; do echo $i; done)', 'echo $i')),
    },
    { name: 'command cd', code: df(FROM, 'RUN command cd /x', 'RUN pwd'), errors: [{ line: 3 }], output: df(FROM, merged('(command cd /x)', 'pwd')) },
    { name: 'assigning expansion', code: df(FROM, 'RUN : "${X:=d}"', 'RUN echo "$X"'), errors: [{ line: 3 }], output: df(FROM, merged('(: "${X:=d}")', 'echo "$X"')) },
    { name: 'a variable as the command', code: df(FROM, 'RUN $SETUP', 'RUN make'), errors: [{ line: 3 }], output: df(FROM, merged('($SETUP)', 'make')) },
    { name: 'exit ends only the subshell', code: df(FROM, 'RUN exit 0', 'RUN echo b'), errors: [{ line: 3 }], output: df(FROM, merged('(exit 0)', 'echo b')) },
    { name: 'an arithmetic command keeps apart from the subshell parenthesis', code: df(FROM, 'RUN ((n = 1))', 'RUN echo b'), errors: [{ line: 3 }], output: df(FROM, merged('( ((n = 1)) )', 'echo b')) },
    { name: 'exec already inside a subshell', code: df(FROM, 'RUN (exec make)', 'RUN echo b'), errors: [{ line: 3 }], output: df(FROM, merged('(exec make)', 'echo b')) },
    { name: 'state in the second RUN needs nothing', code: df(FROM, 'RUN echo a', 'RUN cd /x'), errors: [{ line: 3 }], output: df(FROM, merged('echo a', 'cd /x')) },
    {
      name: 'three in a row with state: each earlier RUN keeps its own',
      code: df(FROM, 'RUN cd /src', 'RUN export X=1', 'RUN make'),
      errors: [{ line: 3 }, { line: 4 }],
      output: df(FROM, merged('(cd /src)', '(export X=1)', 'make')),
    },
    { name: 'trailing semicolon is dropped', code: df(FROM, 'RUN echo a;', 'RUN echo b'), errors: [{ line: 3 }], output: df(FROM, merged('echo a', 'echo b')) },
    { name: 'trailing semicolon and spaces in the second RUN stay', code: df(FROM, 'RUN echo a  ', 'RUN echo b; '), errors: [{ line: 3 }], output: df(FROM, merged('echo a', 'echo b; ')) },
    { name: 'first RUN in the background: no fix', code: df(FROM, 'RUN sleep 9 &', 'RUN echo b'), errors: [{ line: 3 }], output: null },
    { name: 'second RUN in the background: no fix', code: df(FROM, 'RUN echo a', 'RUN sleep 9 &'), errors: [{ line: 3 }], output: null },
    { name: 'first RUN starts a service: no fix', code: df(FROM, 'RUN service postgresql start', 'RUN psql -c "select 1"'), errors: [{ line: 3 }], output: null },
    { name: 'trailing shell comment would swallow `&& b`: no fix', code: df(FROM, 'RUN echo a # note', 'RUN echo b'), errors: [{ line: 3 }], output: null },
    { name: 'heredoc second RUN: no fix', code: df(FROM, 'RUN echo a', 'RUN <<EOF', 'echo b', 'EOF'), errors: [{ line: 3 }], output: null },
    { name: 'hadolint ignore of another rule between: no fix', code: df(FROM, 'RUN echo a', '# hadolint ignore=DL3008', 'RUN echo b'), errors: [{ line: 4 }], output: null },
    { name: 'dfopt-disable-next-line of another rule between: no fix', code: df(FROM, 'RUN echo a', '# dfopt-disable-next-line no-sudo', 'RUN echo b'), errors: [{ line: 4 }], output: null },
    {
      name: 'suppression above the first RUN would cover the second: no fix',
      code: df(FROM, '# hadolint ignore=DL3008', 'RUN apt-get install -y curl', 'RUN echo b'),
      errors: [{ line: 4 }],
      output: null,
    },
    { name: 'blank lines between are removed', code: df(FROM, 'RUN echo a', '', '', 'RUN echo b', '', 'CMD ["b"]'), errors: [{ line: 5 }], output: df(FROM, merged('echo a', 'echo b'), '', 'CMD ["b"]') },
    {
      name: 'second RUN continues with a comment line inside: its lines stay as they are',
      code: df(FROM, 'RUN echo a', 'RUN \\', '  # the b step', '    echo b'),
      errors: [{ line: 3 }],
      output: df(FROM, 'RUN echo a \\', '    && \\', '  # the b step', '    echo b'),
    },
    {
      name: 'the file writes `&&` at line ends: so does the fix',
      code: df(FROM, 'RUN apt-get update && \\', '\tapt-get install -y curl', 'RUN echo a', 'RUN echo b'),
      errors: [{ line: 5 }],
      output: df(FROM, 'RUN apt-get update && \\', '\tapt-get install -y curl', 'RUN echo a && \\', '\techo b'),
    },
    {
      name: 'the file indents `&&` by four spaces: so does the fix',
      code: df(FROM, 'RUN apt-get update \\', '    && apt-get install -y curl', 'RUN echo a', 'RUN echo b'),
      errors: [{ line: 5 }],
      output: df(FROM, 'RUN apt-get update \\', '    && apt-get install -y curl', 'RUN echo a \\', '    && echo b'),
    },
    {
      name: 'escape=` is the continuation character',
      code: df('# escape=`', FROM, 'RUN echo a', 'RUN echo b'),
      errors: [{ line: 4 }],
      output: df('# escape=`', FROM, 'RUN echo a `', ' && echo b'),
    },
    {
      name: 'first RUN continues over lines with a comment inside: the subshell closes after its last word',
      code: df(FROM, 'RUN cd \\', '  # where the sources are', '  /src', 'RUN make'),
      errors: [{ line: 5 }],
      output: df(FROM, 'RUN (cd \\', '  # where the sources are', '  /src) \\', '  && make'),
    },
  ],
});

describe('chain-run fixture', () => {
  it('fixes fixtures/chain-run/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/chain-run');
    const fixed = fixedBy(rule, readFileSync(join(dir, 'bad.Dockerfile'), 'utf8'));
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(findingsFor(rule, fixed)).toEqual([]);
  });
});
