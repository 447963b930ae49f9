import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, fix, formatters, lint, loadConfig, rules } from '../../src';
import { tempProject } from '../support/cli';

const ROOT = resolve(__dirname, '..', '..');
const UNTAGGED = 'FROM ubuntu\nRUN apt-get update\nRUN apt-get install -y curl\n';

const dir = tempProject;
const ids = (text: string, options?: Parameters<typeof lint>[1]) => lint(text, options).findings.map((f) => f.ruleId);

describe('library API: lint', () => {
  it('lints with the recommended preset by default', () => {
    expect(ids(UNTAGGED)).toEqual(expect.arrayContaining(['pin-base-image', 'chain-run', 'clean-package-cache']));
  });

  it('takes a config written like .dfopt.yaml, through aliases', () => {
    expect(ids(UNTAGGED, { config: { rules: { DL3006: 'off', 'chain-run': 'off' } } })).not.toEqual(
      expect.arrayContaining(['pin-base-image']),
    );
    expect(ids(UNTAGGED, { config: { rules: { DL3006: 'off' } } })).not.toContain('pin-base-image');
  });

  it('validates a plain config and throws ConfigError naming the key', () => {
    expect(() => lint(UNTAGGED, { config: { rules: { 'pin-base-imag': 'off' } } })).toThrow(ConfigError);
    expect(() => lint(UNTAGGED, { config: { extends: 'nope' } as never })).toThrow(/extends: must be one of/);
  });

  it('reads a build-context directory only when given one', () => {
    const context = dir({ '.env': 'SECRET=1\n' });
    const text = 'FROM alpine:3.20\nCOPY . /app\n';
    expect(ids(text)).not.toContain('missing-dockerignore');
    expect(ids(text, { buildContext: context })).toContain('missing-dockerignore');
  });

  it('gives ast null and one syntax-error finding for text that does not parse', () => {
    const result = lint('FROM alpine:3.20\nFOO bar\n');
    expect(result.ast).toBeNull();
    expect(result.findings.map((f) => [f.ruleId, f.code, f.range.start.line])).toEqual([['syntax-error', 'DL1000', 1]]);
  });
});

describe('library API: fix', () => {
  it('applies safe fixes and returns the text, writing nothing', () => {
    const result = fix('from alpine:3.20\nMAINTAINER me\n');
    expect(result.output).toBe('FROM alpine:3.20\nLABEL org.opencontainers.image.authors="me"\n');
    expect(Object.fromEntries(result.applied)).toEqual({ 'consistent-instruction-casing': 1, 'no-maintainer': 1 });
  });

  it('applies unsafe fixes only when asked, and `only` takes ids or aliases', () => {
    const text = 'FROM alpine:3.20\nRUN apt-get update\nRUN apt-get install -y curl\n';
    expect(fix(text).output).not.toContain('--no-install-recommends');
    expect(fix(text, { unsafe: true, only: ['DL3015'] }).output).toBe(
      'FROM alpine:3.20\nRUN apt-get update\nRUN apt-get install --no-install-recommends -y curl ca-certificates\n',
    );
    expect(() => fix(text, { only: ['no-such-rule'] })).toThrow(ConfigError);
  });
});

describe('library API: loadConfig, rules, formatters', () => {
  it('loads a file, or finds the config governing a directory as the CLI does', () => {
    const d = dir({ '.dfopt.yaml': 'rules:\n  DL3006: off\n', 'sub/Dockerfile': UNTAGGED });
    const config = loadConfig(join(d, 'sub'));
    expect(config.rules).toEqual({ DL3006: 'off' });
    expect(ids(UNTAGGED, { config })).not.toContain('pin-base-image');
    expect(loadConfig(join(d, '.dfopt.yaml')).rules).toEqual({ DL3006: 'off' });
  });

  it('reads .hadolint.yaml with hadolint’s failure threshold, and {} where there is no config', () => {
    expect(loadConfig(dir({ '.hadolint.yaml': 'ignored: [DL3008]\n' }))).toMatchObject({ rules: { DL3008: 'off' }, failureThreshold: 'info' });
    expect(loadConfig(dir({}))).toEqual({});
  });

  it('throws ConfigError with file and line for an invalid config', () => {
    const d = dir({ '.dfopt.yaml': 'extends: recommended\nrules:\n  nope: error\n' });
    expect(() => loadConfig(d)).toThrow(/\.dfopt\.yaml:3: rules\.nope: unknown rule/);
  });

  it('lists every rule with its aliases, builtins included', () => {
    const byId = new Map(rules.map((r) => [r.id, r]));
    expect(byId.get('pin-base-image')?.aliases).toEqual(['DL3006', 'DL3007']);
    expect(byId.has('syntax-error')).toBe(true);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it('links each rule to its page under the repository package.json names', () => {
    const { repository } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { repository: { url: string } };
    expect(repository.url).toBe('git+https://github.com/dfopt/dfopt.git');
    expect(lint(UNTAGGED).findings[0]!.docsUrl).toBe('https://github.com/dfopt/dfopt/blob/main/docs/rules/pin-base-image.md');
  });

  it('exposes the formatters by name', () => {
    const { findings } = lint(UNTAGGED);
    const out = JSON.parse(formatters.json([{ file: 'Dockerfile', findings }], { color: false })) as Array<{ file: string }>;
    expect(out[0]!.file).toBe('Dockerfile');
  });
});

describe('the built package', () => {
  // Package self-reference ("exports" + name) lets code inside the project import 'dfopt' as a user would.
  const run = (args: string[]) => spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });

  it('importing has no side effects: require prints nothing and exits 0', () => {
    const r = run(['-e', "require('dfopt')"]);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
  });

  it('works from CommonJS and ESM with the same names', () => {
    const cjs = run(['-e', "const d = require('dfopt'); console.log(Object.keys(d).filter((k) => !k.startsWith('__')).sort().join(','))"]);
    const esm = run(['--input-type=module', '-e', "import * as d from 'dfopt'; console.log(Object.keys(d).filter((k) => k !== 'default').sort().join(','))"]);
    expect(cjs.status).toBe(0);
    expect(esm.stdout).toBe(cjs.stdout);
    expect(cjs.stdout.trim().split(',')).toEqual(expect.arrayContaining(['lint', 'fix', 'loadConfig', 'rules', 'formatters']));
  });
});
