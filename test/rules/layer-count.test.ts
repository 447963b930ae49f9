import rule from '../../rules/size/layer-count';
import type { LintConfig } from '../../src/engine';
import { lintText } from '../../src/index';
import { runRuleTests } from '../support/ruleTester';

const df = (...lines: string[]): string => `${lines.join('\n')}\n`;
const runs = (n: number, body = (i: number): string => `RUN echo ${i} >> /log`): string[] => Array.from({ length: n }, (_, i) => body(i + 1));
/** `RUN a && b` RUNs: chain-run leaves them alone (a deliberate layer boundary). */
const chained = (n: number): string[] => runs(n, (i) => `RUN echo ${i} && echo done`);
const copies = (n: number): string[] => Array.from({ length: n }, (_, i) => `COPY f${i + 1} /f${i + 1}`);

runRuleTests(rule, {
  valid: [
    { name: 'exactly maxLayers', code: df('FROM debian:12', ...runs(40)) },
    { name: 'metadata instructions make no layer', code: df('FROM debian:12', ...runs(30), ...Array.from({ length: 30 }, (_, i) => `ENV V${i}=${i}`), 'CMD ["/app"]') },
    { name: 'WORKDIR is not counted', code: df('FROM debian:12', ...runs(38), 'WORKDIR /a', 'WORKDIR /b', 'WORKDIR /c') },
    { name: 'ONBUILD triggers are not counted', code: df('FROM debian:12', ...runs(35), ...Array.from({ length: 10 }, (_, i) => `ONBUILD RUN echo ${i}`)) },
    { name: 'a higher maxLayers', options: { maxLayers: 60 }, code: df('FROM debian:12', ...runs(55)) },
    // Issue 19: a builder stage's layers are never shipped; only its build cache holds them.
    { name: 'a builder stage over maxLayers', code: df('FROM debian:12 AS build', ...chained(42), 'FROM debian:12-slim', 'COPY --from=build /log /log') },
    { name: 'two stages of 30: counted per stage', code: df('FROM debian:12 AS build', ...runs(30), 'FROM debian:12', ...runs(30)) },
  ],
  invalid: [
    {
      name: 'over the default: names the count and what chain-run merges',
      code: df('FROM debian:12', ...runs(41)),
      errors: [{ line: 1, column: 1, endColumn: 5, message: 'Final stage adds 41 filesystem layers (RUN, COPY, ADD), more than maxLayers (40); `dfopt fix` (chain-run) would merge up to 40 of its RUNs into the RUN before them.' }],
      output: null,
    },
    {
      name: 'COPY and ADD count; nothing to merge',
      code: df('FROM debian:12', ...copies(20), ...chained(20), 'ADD a.tar.gz /opt/'),
      errors: [{ line: 1, message: 'adds 41 filesystem layers (RUN, COPY, ADD), more than maxLayers (40); chain RUNs with `&&` and copy whole directories' }],
      output: null,
    },
    {
      name: 'a stage the final one is built FROM is reported, by name',
      code: df('FROM debian:12 AS base', ...chained(42), 'FROM base', 'COPY app /app'),
      errors: [{ line: 1, message: 'Stage `base` adds 42 filesystem layers' }],
    },
    {
      name: 'maxLayers option',
      options: { maxLayers: 5 },
      code: df('FROM debian:12', 'RUN a', 'RUN b', 'COPY x /x', 'RUN c && d', 'RUN e', 'RUN f'),
      errors: [{ line: 1, message: 'adds 6 filesystem layers (RUN, COPY, ADD), more than maxLayers (5); `dfopt fix` (chain-run) would merge up to 2 of its RUNs' }],
    },
    {
      name: 'over 127 across the FROM chain: the build fails',
      code: df('FROM debian:12 AS base', ...chained(70), 'FROM base', ...chained(60), 'CMD ["/app"]'),
      errors: [
        { line: 1, message: 'Stage `base` adds 70 filesystem layers' },
        { line: 72, message: "Final stage stacks 130 filesystem layers from this file (its own 60 plus 70 from the stages it is built FROM), more than the 127 overlayfs can mount, before counting the base image's own layers: the build fails" },
      ],
    },
    {
      name: 'lower-case instructions, invalid option falls back to 40',
      options: { maxLayers: -3 },
      code: df('from debian:12', ...chained(41).map((l) => l.replace('RUN', 'run'))),
      errors: [{ line: 1, column: 1, endColumn: 5, message: 'more than maxLayers (40)' }],
    },
  ],
});

describe('layer-count severity', () => {
  it('over maxLayers is a warning; over 127 is an error (the build fails), unless the rule is off', () => {
    const code = df('FROM debian:12 AS base', ...chained(70), 'FROM base', ...chained(60), 'CMD ["/app"]');
    const own = (config: LintConfig) => lintText(code, config).findings.filter((f) => f.ruleId === 'layer-count');
    expect(own({ extends: 'all' }).map((f) => [f.range.start.line + 1, f.severity])).toEqual([
      [1, 'warning'],
      [72, 'error'],
    ]);
    expect(own({ extends: 'all', rules: { 'layer-count': 'off' } })).toEqual([]);
  });
});
