import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/buildkit-checks/stage-name-casing';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM alpine:3.20 AS builder-base\n',
    'FROM alpine:3.20\nRUN echo hi\n',
    { name: 'lowercase from/as', code: 'from alpine:3.20 as build_1\n' },
    { name: 'stage reference in mixed case is not a definition', code: 'FROM alpine:3.20 AS base\nFROM Base\n' },
    { name: 'name on a continuation line', code: 'FROM alpine:3.20 \\\n  AS builder\n' },
  ],
  invalid: [
    { code: 'FROM alpine AS BuilderBase\n', errors: [{ line: 1, column: 16, endColumn: 27, message: "'BuilderBase' should be lowercase" }], output: 'FROM alpine AS builderbase\n' },
    { name: 'lowercase keywords', code: 'from alpine as Build\nfrom scratch\ncopy --from=BUILD /out /out\n', errors: [{ line: 1, column: 16, message: "'build'" }], output: 'from alpine as build\nfrom scratch\ncopy --from=build /out /out\n' },
    { name: 'all caps', code: 'FROM scratch AS BASE\nCOPY a /a\n', errors: [{ line: 1 }] },
    { name: 'several stages', code: 'FROM alpine AS Deps\nFROM Deps AS Test\nFROM DEPS AS run\nCOPY --from=test /r /r\n', errors: [{ line: 1 }, { line: 2 }], output: 'FROM alpine AS deps\nFROM deps AS test\nFROM deps AS run\nCOPY --from=test /r /r\n' },
    {
      name: 'every kind of reference, with continuations and comment lines',
      code:
        'FROM golang:1.23 AS GoBuild\nRUN go build -o /app .\nFROM GoBuild AS Test\nFROM alpine:3.20\n' +
        'COPY --chown=app \\\n# the binary\n     --from=GoBuild /app /app\n' +
        'RUN --mount=type=bind,from=gobuild,source=/app,target=/x \\\n    --mount=type=cache,target=/c,FROM=GoBuild \\\n# check\n    /x --version\n' +
        'COPY --from=Test /r /r\nONBUILD COPY --from=GoBuild /a /a\n',
      errors: [{ line: 1 }, { line: 3 }],
      output:
        'FROM golang:1.23 AS gobuild\nRUN go build -o /app .\nFROM gobuild AS test\nFROM alpine:3.20\n' +
        'COPY --chown=app \\\n# the binary\n     --from=gobuild /app /app\n' +
        'RUN --mount=type=bind,from=gobuild,source=/app,target=/x \\\n    --mount=type=cache,target=/c,FROM=gobuild \\\n# check\n    /x --version\n' +
        'COPY --from=test /r /r\nONBUILD COPY --from=GoBuild /a /a\n',
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 `\n# builder\n  AS WinBuild\nFROM WinBuild\n',
      errors: [{ line: 4 }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022 `\n# builder\n  AS winbuild\nFROM winbuild\n',
    },
    { name: 'duplicate names: no fix', code: 'FROM alpine AS Base\nFROM alpine AS base\n', errors: [{ line: 1 }], output: null },
    { name: 'reference through an ARG is left alone', code: 'ARG SRC=Base\nFROM alpine AS Base\nFROM ${SRC}\n', errors: [{ line: 2 }], output: 'ARG SRC=Base\nFROM alpine AS base\nFROM ${SRC}\n' },
    { name: 'with --platform and continuation', code: 'FROM --platform=$BUILDPLATFORM \\\n    golang:1.23 AS GoBuild\n', errors: [{ line: 2, column: 20 }], output: 'FROM --platform=$BUILDPLATFORM \\\n    golang:1.23 AS gobuild\n' },
  ],
});

describe('stage-name-casing fixture', () => {
  it('fixes fixtures/stage-name-casing/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/stage-name-casing');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(fixedBy(rule, fixed, { code: fixed })).toBe(fixed);
    expect(findingsFor(rule, fixed).length).toBeLessThan(findingsFor(rule, bad).length);
  });
});
